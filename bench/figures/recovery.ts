/**
 * Figure 4, recovery: from process start (the spawn) of a terminal whose database holds pending
 * outcomes to the first one re-sent, i.e. arriving at the node. Each trial gets a fresh data folder
 * with 5 tendered payments whose outcomes were never delivered, one of them with an attempt cut by
 * a crash (persisted as started, never answered): startCore must open and check the file, recover,
 * start the outbox and send. Arrival is the simulator's log time of the first sendPaymentOutcomeV2
 * (wall clock, ms), against the wall clock taken just before the spawn.
 *
 * Baseline: the same command line (same Node, same TypeScript loader) running a script that POSTs
 * one ready-made outcome envelope: what starting a process and sending one request costs anyway.
 * Trials alternate terminal and baseline.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db';
import { PaymentEngine } from '../../main/engine';
import { NodeClient } from '../../main/node';
import { encodeRequest, newIdempotencyKey } from '../../main/protocol';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { startChild, stopChild } from '../lib/child';
import { BenchCheckFailed } from '../lib/errors';
import { check, row, type Check, type Figure } from '../lib/figure';
import { pay } from '../lib/payment';
import { credentialsOf } from '../lib/raw-cycle';
import { summarize } from '../lib/stats';
import { cashDetails, freshNotices, POSITION_CENTS, terminalEnv } from '../lib/terminal';

const PLANS = { full: { trials: 9 }, quick: { trials: 3 } };
const PENDING = 5;
const TERMINAL = fileURLToPath(new URL('../children/terminal.ts', import.meta.url));
const POST_ONCE = fileURLToPath(new URL('../children/post-once.ts', import.meta.url));

function nodeFor(sim: Simulator): NodeClient {
  const c = sim.credentials;
  return new NodeClient({
    endpoint: sim.url,
    subscriptionKey: c.subscriptionKey,
    idPSP: c.idPSP,
    idBrokerPSP: c.idBrokerPSP,
    idChannel: c.idChannel,
    password: c.password,
  });
}

/** A data folder as a crash during an outage leaves it: tendered payments, outcomes not delivered. */
async function crashedTerminal(dir: string, sim: Simulator): Promise<NodeJS.ProcessEnv> {
  const env = terminalEnv(dir, sim);
  const db = openDatabase(join(dir, 'sportello.db'));
  const node = nodeFor(sim);
  try {
    const engine = new PaymentEngine(
      db,
      node,
      { terminalId: 'DEMO01', terminalKind: 'counter', tokenDurationMs: 1_800_000, fees: { kind: 'flat', cents: 150 }, isPoste: false },
      Date.now,
    );
    for (const notice of freshNotices(sim, PENDING)) await pay(engine, notice, { amountCents: POSITION_CENTS, waitOutcome: false });
    const [first] = db.outbox.nextDue(Date.now(), 1);
    if (!first) throw new BenchCheckFailed('no pending outcome to recover');
    db.transaction(() => {
      db.outbox.markInFlight(first.id);
      db.outbox.recordAttemptStart(first.id, node.newIdempotencyKey());
    });
  } finally {
    node.close();
    db.close();
  }
  return env;
}

/** Wall-clock ms of the first outcome the simulator saw after `sinceSeq`, waiting for it. */
async function firstOutcomeAt(sim: Simulator, sinceSeq: number, timeoutMs = 60_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const e = sim.log(sinceSeq).find((x) => x.soapAction?.includes('sendPaymentOutcome'));
    if (e) return Date.parse(e.at);
    if (Date.now() > until) throw new BenchCheckFailed(`no outcome reached the simulator in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const recoveryFigure: Figure = {
  figure: 4,
  title: 'Recovery: process start with pending outcomes to the first one re-sent',
  async run(ctx) {
    const { trials } = ctx.quick ? PLANS.quick : PLANS.full;
    const sim = await startSimulator({ port: 0, logLimit: 100_000 });
    const creds = credentialsOf(sim);
    const node = nodeFor(sim);
    const terminal: number[] = [];
    const bare: number[] = [];
    const checks: Check[] = [];
    let recovered = 0;
    try {
      for (let t = 0; t < trials; t++) {
        const dir = join(ctx.workDir, `recovery-${t}`);
        const env = await crashedTerminal(dir, sim);
        let seq = sim.log().at(-1)?.seq ?? 0;
        let started = Date.now();
        const child = startChild(TERMINAL, { env });
        try {
          terminal.push((await firstOutcomeAt(sim, seq)) - started);
          const ready = JSON.parse(await child.line(/"ready":true/)) as { recovery: { requeued: number } | null };
          if (ready.recovery?.requeued === 1) recovered++;
        } finally {
          await stopChild(child);
        }

        // The baseline sends an outcome for a token of its own, so the node does the same work.
        const [qrCode] = freshNotices(sim, 1);
        const a = await node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode: qrCode!, amount: POSITION_CENTS });
        const body = encodeRequest('sendPaymentOutcomeV2', creds, {
          idempotencyKey: newIdempotencyKey(creds.idBrokerPSP),
          paymentTokens: [a.paymentToken],
          outcome: 'OK',
          details: cashDetails(),
        }).envelope;
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'outcome.xml'), body);
        const headers = {
          'Content-Type': 'text/xml; charset=utf-8',
          SOAPAction: 'sendPaymentOutcomeV2',
          'Ocp-Apim-Subscription-Key': sim.credentials.subscriptionKey,
          'Content-Length': Buffer.byteLength(body),
        };
        seq = sim.log().at(-1)?.seq ?? 0;
        started = Date.now();
        const post = startChild(POST_ONCE, {
          env: { ...process.env, BENCH_URL: sim.url, BENCH_BODY: join(dir, 'outcome.xml'), BENCH_HEADERS: JSON.stringify(headers) },
        });
        bare.push((await firstOutcomeAt(sim, seq)) - started);
        const code = await post.exited;
        if (code !== 0) throw new BenchCheckFailed(`the baseline's POST failed (${code}): ${post.output()}`);
        ctx.log(`recovery trial ${t + 1}/${trials}: terminal ${terminal.at(-1)} ms, bare process ${bare.at(-1)} ms`);
      }
      checks.push(check('each start requeued the attempt cut by the crash', recovered === trials, `${recovered}/${trials}`));
      const s = summarize(terminal);
      const b = summarize(bare);
      return {
        rows: [
          row(`start to first pending outcome re-sent, median of ${trials}`, s.median, 'ms', {
            name: 'same process start + 1 POST, no core',
            value: b.median,
          }),
        ],
        checks,
        details: { trials, pendingPerTrial: PENDING, terminal: s, bare: b },
      };
    } finally {
      node.close();
      await sim.close();
    }
  },
};
