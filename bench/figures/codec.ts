/**
 * Figure 1, protocol codec: building each primitive's request and reading its answer, sportello's
 * codec (encodeRequest + decodeResponse: checked fields, typed result, integer cents) against the
 * `soap` package driving the official nodeForPsp.wsdl with the same messages (its client method:
 * envelope from the WSDL's schema, then its parser on the answer), both offline: soap's HTTP
 * client is replaced by one that hands back the captured answer at once, so no network is timed.
 * The answers are the simulator's own to the envelopes soap built (sent once, so its XSD check
 * vouches for them), and soap must read each of them as outcome OK before anything is timed.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import soap from 'soap';
import { decodeResponse, encodeRequest, type Primitive } from '../../main/protocol';
import { startSimulator } from '../../sim/simulator';
import { check, row, type Check, type Figure } from '../lib/figure';
import { summarize, type Summary } from '../lib/stats';
import { captureMessages, credentialsOf } from './codec-messages';

const WSDL = fileURLToPath(new URL('../../sim/schema/pagopa-api/wsdl/nodeForPsp.wsdl', import.meta.url));

const PLANS = {
  full: { warmup: 500, rounds: 10, perRound: 300 },
  quick: { warmup: 100, rounds: 4, perRound: 60 },
};

type SoapMethod = (args: Record<string, unknown>, cb: (err: unknown, result: unknown) => void) => void;

interface SoapDriver {
  client: soap.Client;
  /** The envelope soap builds for these arguments (its parse of the empty answer is not needed). */
  envelope(primitive: Primitive, args: Record<string, unknown>): string;
  /** Runs one call with the given answer; returns the parsed result (synchronously). */
  call(primitive: Primitive, args: Record<string, unknown>, answer: string): { result: unknown; envelope: string };
}

async function soapDriver(): Promise<SoapDriver> {
  let answer = '';
  let envelope = '';
  const httpClient = {
    request(_url: string, data: string, callback: (error: unknown, res?: unknown, body?: unknown) => void) {
      envelope = data;
      callback(null, { status: 200, headers: {} }, answer);
      return undefined as never;
    },
  };
  const client = await soap.createClientAsync(WSDL, { httpClient });
  const invoke = (primitive: Primitive, args: Record<string, unknown>, cb: (err: unknown, result: unknown) => void) =>
    (client[primitive] as SoapMethod)(args, cb);
  return {
    client,
    envelope(primitive, args) {
      envelope = '';
      answer = '';
      invoke(primitive, args, () => undefined);
      if (envelope === '') throw new Error(`the soap client built no ${primitive} envelope`);
      return envelope;
    },
    call(primitive, args, response) {
      answer = response;
      let result: unknown;
      let failed: unknown;
      let done = false;
      invoke(primitive, args, (err, res) => {
        done = true;
        failed = err;
        result = res;
      });
      if (!done) throw new Error(`the soap client did not answer ${primitive} synchronously: the timing loop would be wrong`);
      if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
      return { result, envelope };
    },
  };
}

function timeBlock(fn: () => unknown, n: number, into: number[]): void {
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    into.push(performance.now() - t0);
  }
}

export const codecFigure: Figure = {
  figure: 1,
  title: 'Protocol codec: build + parse, sportello vs the soap package on the official WSDL',
  async run(ctx) {
    const plan = ctx.quick ? PLANS.quick : PLANS.full;
    const sim = await startSimulator({ port: 0 });
    try {
      const driver = await soapDriver();
      const messages = await captureMessages(sim, (p, args) => driver.envelope(p, args));
      const creds = credentialsOf(sim);
      const checks: Check[] = [];
      const rows = [];
      const details: Record<string, { sportello: Summary; soap: Summary; requestBytes: number; responseBytes: number }> = {};
      for (const m of messages) {
        const sportello = () => decodeResponse(m.primitive, m.response) && encodeRequest(m.primitive, creds, m.request).envelope.length;
        const viaSoap = () => driver.call(m.primitive, m.soapArgs, m.response);
        const first = viaSoap();
        const outcome = (first.result as { outcome?: unknown } | null)?.outcome;
        checks.push(
          check(`${m.primitive}: the simulator took soap's envelope, soap read the answer`, outcome === 'OK', `outcome ${String(outcome)}`),
        );
        for (let i = 0; i < plan.warmup; i++) {
          sportello();
          viaSoap();
        }
        // Interleaved blocks, so drift in machine load hits both sides alike.
        const a: number[] = [];
        const b: number[] = [];
        for (let r = 0; r < plan.rounds; r++) {
          timeBlock(sportello, plan.perRound, a);
          timeBlock(viaSoap, plan.perRound, b);
        }
        const sa = summarize(a);
        const sb = summarize(b);
        details[m.primitive] = {
          sportello: sa,
          soap: sb,
          requestBytes: Buffer.byteLength(encodeRequest(m.primitive, creds, m.request).envelope),
          responseBytes: Buffer.byteLength(m.response),
        };
        rows.push(
          row(`${m.primitive}: build request + parse answer, median`, sa.median, 'ms', {
            name: 'soap package, same messages',
            value: sb.median,
          }),
        );
      }
      ctx.log(`codec: ${messages.length} primitives, ${plan.rounds * plan.perRound} calls per side each`);
      return { rows, checks, details: { plan, primitives: details } };
    } finally {
      await sim.close();
    }
  },
};
