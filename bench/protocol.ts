/**
 * `npm run bench:protocol [-- --quick] [-- --json PATH]`: what the node protocol costs.
 *
 * (a) codec: encodeRequest + decodeResponse of an activatePaymentNoticeV2 pair, the response being
 *     the simulator's real answer for a 3-transfer notice; per call, after warm-up.
 * (b) client: verify -> activateV2 -> outcomeV2 OK through NodeClient against the simulator on
 *     loopback, each cycle on a fresh position so every call does real work.
 * (c) raw: the same three requests as pre-built bytes over node:http keep-alive, answers read as
 *     bytes, no parsing; other fresh positions, interleaved with (b) in the same run (lib/raw-cycle.ts,
 *     shared with figure 2 of `npm run bench`).
 * See bench/README.md for what each figure means.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { NodeClient } from '../main/node';
import { decodeResponse, encodeRequest, type ActivatePaymentNoticeV2Request, type OutcomeDetailsV2 } from '../main/protocol';
import { startSimulator, type Simulator } from '../sim/simulator';
import { parseBenchArgs } from './lib/args';
import { BenchCheckFailed, BenchUsageError } from './lib/errors';
import { describeMachine, machineInfo } from './lib/machine';
import { timeSync } from './lib/measure';
import { rawAgent } from './lib/raw-http';
import { credentialsOf, prebuildRawCycles, runRawCycle } from './lib/raw-cycle';
import { summarize, type Summary } from './lib/stats';
import { formatMs, formatRatio, formatTable } from './lib/table';

const PLANS = {
  full: { codecWarmup: 2_000, codecIterations: 20_000, cycleWarmup: 30, cycles: 300 },
  quick: { codecWarmup: 200, codecIterations: 2_000, cycleWarmup: 5, cycles: 40 },
} as const;
type Plan = (typeof PLANS)[keyof typeof PLANS];

const STEPS = ['verify', 'activate', 'outcome'] as const;
type Step = (typeof STEPS)[number];
type CycleSamples = Record<Step | 'cycle', number[]>;

/** The seed's 3-transfer notice (TARI + TEFA + regional fee), and the same split for fresh positions. */
const MULTI3 = { fiscalCode: '77777777777', noticeNumber: '301020250000000432' };
const TRANSFERS = [
  { amountCents: 8000, iban: 'IT60X0542811101000000123456', remittanceInformation: 'TARI quota comunale' },
  { amountCents: 400, fiscalCodePA: '55555555555', iban: 'IT40S0542811101000000654321', remittanceInformation: 'TEFA' },
  { amountCents: 1500, fiscalCodePA: '66666666666', iban: 'IT02L1234512345123456789012', remittanceInformation: 'Addizionale regionale' },
];
const TOTAL = TRANSFERS.reduce((s, t) => s + t.amountCents, 0);
const TODAY = new Date().toISOString().slice(0, 10);
const DETAILS: OutcomeDetailsV2 = {
  paymentMethod: 'cash',
  paymentChannel: 'frontOffice',
  fee: 150,
  applicationDate: TODAY,
  transferDate: TODAY,
};

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.help) {
    console.log('usage: npm run bench:protocol [-- --quick] [-- --json PATH]');
    return;
  }
  const plan: Plan = args.quick ? PLANS.quick : PLANS.full;
  const machine = machineInfo();
  console.log(`bench:protocol${args.quick ? ' (quick)' : ''}\n${describeMachine(machine)}\n`);

  const sim = await startSimulator({ port: 0, logLimit: 3 * 2 * (plan.cycles + plan.cycleWarmup) + 100 });
  try {
    const node = client(sim);
    const codec = await benchCodec(sim, node, plan);
    const cycles = await benchCycles(sim, node, plan);
    node.close();
    report(codec, cycles, plan);
    if (args.json) {
      const out = { benchmark: 'protocol', at: new Date().toISOString(), quick: args.quick, plan, machine, unit: 'ms', codec, cycles };
      writeFileSync(args.json, `${JSON.stringify(out, null, 2)}\n`);
      console.log(`\nwritten: ${args.json}`);
    }
  } finally {
    await sim.close();
  }
}

function client(sim: Simulator, onExchange?: ConstructorParameters<typeof NodeClient>[0]['onExchange']): NodeClient {
  const c = sim.credentials;
  return new NodeClient({
    endpoint: sim.url,
    subscriptionKey: c.subscriptionKey,
    idPSP: c.idPSP,
    idBrokerPSP: c.idBrokerPSP,
    idChannel: c.idChannel,
    password: c.password,
    onExchange,
  });
}

// ------------------------------------------------------------------------------------------ (a)

interface CodecResult {
  requestBytes: number;
  responseBytes: number;
  pair: Summary;
  encode: Summary;
  decode: Summary;
}

async function benchCodec(sim: Simulator, node: NodeClient, plan: Plan): Promise<CodecResult> {
  // The response is the simulator's own answer, captured on the wire by the client's exchange hook.
  let response = '';
  const capture = client(sim, (e) => {
    if (e.primitive === 'activatePaymentNoticeV2' && e.response) response = e.response;
  });
  const request: ActivatePaymentNoticeV2Request = {
    idempotencyKey: node.newIdempotencyKey(),
    qrCode: MULTI3,
    amount: TOTAL,
    expirationTime: 900_000,
    paymentMethod: 'PO',
    touchPoint: 'PSP',
  };
  await capture.activatePaymentNoticeV2({ ...request, idempotencyKey: request.idempotencyKey! });
  capture.close();
  const decoded = decodeResponse('activatePaymentNoticeV2', response);
  if (decoded.transferList.length !== 3)
    throw new BenchCheckFailed('the captured activation answer is not the 3-transfer one', { transfers: decoded.transferList.length });

  const creds = credentialsOf(sim);
  const loop = { warmup: plan.codecWarmup, iterations: plan.codecIterations };
  const pair = timeSync(
    () =>
      decodeResponse('activatePaymentNoticeV2', response).paymentToken.length +
      encodeRequest('activatePaymentNoticeV2', creds, request).envelope.length,
    loop,
  );
  const encode = timeSync(() => encodeRequest('activatePaymentNoticeV2', creds, request), loop);
  const decode = timeSync(() => decodeResponse('activatePaymentNoticeV2', response), loop);
  return {
    requestBytes: Buffer.byteLength(encodeRequest('activatePaymentNoticeV2', creds, request).envelope),
    responseBytes: Buffer.byteLength(response),
    pair: summarize(pair),
    encode: summarize(encode),
    decode: summarize(decode),
  };
}

// ------------------------------------------------------------------------------------ (b) + (c)

interface CycleResult {
  client: Record<Step | 'cycle', Summary>;
  raw: Record<Step | 'cycle', Summary>;
  /** client median / raw median */
  ratio: Record<Step | 'cycle', number>;
}

function freshNotices(sim: Simulator, n: number): Array<{ fiscalCode: string; noticeNumber: string }> {
  return Array.from({ length: n }, () => {
    const p = sim.addPosition({
      fiscalCode: MULTI3.fiscalCode,
      companyName: 'Comune di Borgo Esempio',
      paymentDescription: 'TARI benchmark',
      transfers: TRANSFERS,
    });
    return { fiscalCode: p.fiscalCode, noticeNumber: p.noticeNumber };
  });
}

const emptySamples = (): CycleSamples => ({ verify: [], activate: [], outcome: [], cycle: [] });

async function benchCycles(sim: Simulator, node: NodeClient, plan: Plan): Promise<CycleResult> {
  const total = plan.cycleWarmup + plan.cycles;
  const clientNotices = freshNotices(sim, total);
  const rawCycles = prebuildRawCycles(sim, freshNotices(sim, total), TOTAL, DETAILS);
  const agent = rawAgent();
  const url = new URL(sim.url);
  const firstSeq = (sim.log().at(-1)?.seq ?? 0) + 1;

  const runClient = async (i: number): Promise<number[]> => {
    const qrCode = clientNotices[i]!;
    const t0 = performance.now();
    const verified = await node.verifyPaymentNotice({ qrCode });
    const t1 = performance.now();
    const session = await node.activatePaymentNoticeV2({
      idempotencyKey: node.newIdempotencyKey(),
      qrCode,
      amount: verified.paymentList[0]!.amount,
    });
    const t2 = performance.now();
    await node.sendPaymentOutcomeV2({
      idempotencyKey: node.newIdempotencyKey(),
      paymentTokens: [session.paymentToken],
      outcome: 'OK',
      details: DETAILS,
    });
    const t3 = performance.now();
    return [t1 - t0, t2 - t1, t3 - t2, t3 - t0];
  };

  const runRaw = (i: number): Promise<number[]> => runRawCycle(agent, url, rawCycles[i]!);

  // Interleaved (client, raw, client, raw...) so drift in machine load hits both sides alike.
  const samples = { client: emptySamples(), raw: emptySamples() };
  for (let i = 0; i < total; i++) {
    for (const [side, run] of [
      ['client', runClient],
      ['raw', runRaw],
    ] as const) {
      const times = await run(i);
      if (i < plan.cycleWarmup) continue;
      STEPS.forEach((s, k) => samples[side][s].push(times[k]!));
      samples[side].cycle.push(times[3]!);
    }
  }
  agent.destroy();
  checkEveryCallWorked(sim, firstSeq, clientNotices, total);

  const sum = (s: CycleSamples) => ({
    verify: summarize(s.verify),
    activate: summarize(s.activate),
    outcome: summarize(s.outcome),
    cycle: summarize(s.cycle),
  });
  const c = sum(samples.client);
  const r = sum(samples.raw);
  const ratio = (k: Step | 'cycle') => c[k].median / r[k].median;
  return {
    client: c,
    raw: r,
    ratio: { verify: ratio('verify'), activate: ratio('activate'), outcome: ratio('outcome'), cycle: ratio('cycle') },
  };
}

/** Figures from failed calls would be meaningless: every measured call must have been answered OK. */
function checkEveryCallWorked(
  sim: Simulator,
  firstSeq: number,
  clientNotices: Array<{ fiscalCode: string; noticeNumber: string }>,
  total: number,
): void {
  const entries = sim.log(firstSeq - 1);
  const failed = entries.filter((e) => e.outcome !== 'OK' || e.httpStatus !== 200);
  if (entries.length !== 6 * total || failed.length > 0) {
    throw new BenchCheckFailed(`benchmark calls failed: ${entries.length} of ${6 * total} logged, ${failed.length} not OK`, {
      firstFailed: failed[0],
    });
  }
  const unpaid = clientNotices.filter((n) => sim.position(n.fiscalCode, n.noticeNumber)?.state !== 'paid');
  if (unpaid.length > 0) throw new BenchCheckFailed(`${unpaid.length} client cycles did not end paid`);
}

// ----------------------------------------------------------------------------------------- output

function report(codec: CodecResult, cycles: CycleResult, plan: Plan): void {
  console.log(
    `(a) codec, activatePaymentNoticeV2 (request ${codec.requestBytes} B, 3-transfer response ${codec.responseBytes} B), ${plan.codecIterations} calls after ${plan.codecWarmup} warm-up`,
  );
  console.log(
    formatTable(
      ['operation', 'median', 'p90', 'p99'],
      [
        ['encode + decode', formatMs(codec.pair.median), formatMs(codec.pair.p90), formatMs(codec.pair.p99)],
        ['encodeRequest', formatMs(codec.encode.median), formatMs(codec.encode.p90), formatMs(codec.encode.p99)],
        ['decodeResponse', formatMs(codec.decode.median), formatMs(codec.decode.p90), formatMs(codec.decode.p99)],
      ],
    ),
  );
  console.log(
    `\n(b) NodeClient vs (c) raw HTTP, simulator on loopback, ${plan.cycles} cycles each after ${plan.cycleWarmup} warm-up, interleaved`,
  );
  console.log(
    formatTable(
      ['step', 'client median', 'client p90', 'raw median', 'raw p90', 'client - raw', 'client/raw'],
      (['verify', 'activate', 'outcome', 'cycle'] as const).map((k) => [
        k === 'cycle' ? 'full cycle' : k,
        formatMs(cycles.client[k].median),
        formatMs(cycles.client[k].p90),
        formatMs(cycles.raw[k].median),
        formatMs(cycles.raw[k].p90),
        formatMs(cycles.client[k].median - cycles.raw[k].median),
        formatRatio(cycles.ratio[k]),
      ]),
    ),
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof BenchUsageError ? `bench:protocol: ${e.message}` : e);
  process.exitCode = e instanceof BenchUsageError ? 2 : 1;
});
