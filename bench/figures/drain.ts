/**
 * Figure 5, backlog drain: 1,000 outcomes pending after an outage, as many terminals' worth of
 * payments leave behind (activated over the last 20 minutes, so their token deadlines are spread
 * and not in the order they were taken), drained by the real Outbox against the simulator.
 *
 * Preparation: each payment goes through the real engine up to the tender (verify, activate, cash:
 * the OK outcome committed with the tender), with no outbox running; the engine's clock is set back
 * by a random 0-20 minutes for each one, which is what moves its token deadline. Then the node is
 * "back": the Outbox starts and the clock runs from the moment every outcome became due.
 *
 * Check: the simulator's log order against the deadlines. The outbox sends batches of 4 in
 * parallel (its concurrency) and each batch only after the previous one settled, so earliest
 * deadline first means: every deadline in a batch of 4 consecutive outcomes in the log is no later
 * than every deadline in the next batch. Baseline: a bare HTTP client posting the same number of
 * ready-made outcome envelopes for other activated tokens, 4 at a time, no persistence.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../db';
import { Outbox, PaymentEngine } from '../../main/engine';
import { NodeClient } from '../../main/node';
import { encodeRequest, newIdempotencyKey } from '../../main/protocol';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { BenchCheckFailed } from '../lib/errors';
import { edfBatchesHold } from '../lib/edf';
import { check, row, type Check, type Figure } from '../lib/figure';
import { pay } from '../lib/payment';
import { credentialsOf } from '../lib/raw-cycle';
import { rawAgent, rawPost } from '../lib/raw-http';
import { cashDetails, freshNotices, POSITION_CENTS } from '../lib/terminal';

const PLANS = { full: { outcomes: 1_000 }, quick: { outcomes: 150 } };
const CONCURRENCY = 4;
const SPREAD_MS = 20 * 60_000;

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

/** A seeded generator, so two runs spread the deadlines the same way. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

async function bareDrain(sim: Simulator, n: number): Promise<number> {
  const node = nodeFor(sim);
  const creds = credentialsOf(sim);
  const agent = rawAgent();
  const url = new URL(sim.url);
  try {
    const bodies: Buffer[] = [];
    for (const qrCode of freshNotices(sim, n)) {
      const a = await node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: POSITION_CENTS });
      const enc = encodeRequest('sendPaymentOutcomeV2', creds, {
        idempotencyKey: newIdempotencyKey(creds.idBrokerPSP),
        paymentTokens: [a.paymentToken],
        outcome: 'OK',
        details: cashDetails(),
      });
      bodies.push(Buffer.from(enc.envelope, 'utf8'));
    }
    const headers = (b: Buffer) => ({
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: 'sendPaymentOutcomeV2',
      'Ocp-Apim-Subscription-Key': sim.credentials.subscriptionKey,
      'Content-Length': b.length,
    });
    const t0 = performance.now();
    for (let i = 0; i < bodies.length; i += CONCURRENCY) {
      const answers = await Promise.all(bodies.slice(i, i + CONCURRENCY).map((b) => rawPost(agent, url, headers(b), b)));
      if (answers.some((a) => a.status !== 200 || !a.body.includes('<outcome>OK</outcome>')))
        throw new BenchCheckFailed('a bare outcome was not answered OK');
    }
    return (n / (performance.now() - t0)) * 1000;
  } finally {
    agent.destroy();
    node.close();
  }
}

export const drainFigure: Figure = {
  figure: 5,
  title: 'Backlog drain after an outage, earliest deadline first',
  async run(ctx) {
    const n = (ctx.quick ? PLANS.quick : PLANS.full).outcomes;
    const sim = await startSimulator({ port: 0, logLimit: 10 * n + 100 });
    const db = openDatabase(join(ctx.workDir, 'drain.db'));
    const node = nodeFor(sim);
    let offset = 0;
    const engine = new PaymentEngine(
      db,
      node,
      { terminalId: 'BENCH05', terminalKind: 'counter', tokenDurationMs: 1_800_000, fees: { kind: 'flat', cents: 150 }, isPoste: false },
      () => Date.now() + offset,
    );
    let outbox: Outbox | null = null;
    try {
      const random = prng(5);
      for (const notice of freshNotices(sim, n)) {
        offset = -Math.floor(random() * SPREAD_MS);
        await pay(engine, notice, { amountCents: POSITION_CENTS, waitOutcome: false });
      }
      offset = 0;
      const pending = db.outbox.list({ states: ['pending'], limit: n + 1 });
      const deadlineOf = new Map(pending.map((m) => [m.paymentToken, m.deadlineMs]));
      const firstSeq = (sim.log().at(-1)?.seq ?? 0) + 1;

      // The node is back: every outcome is due now.
      outbox = new Outbox(engine, { concurrency: CONCURRENCY });
      const drained = new Promise<void>((resolve) => {
        const onChange = () => {
          if (db.outbox.pending().depth > 0) return;
          engine.off('outbox-changed', onChange);
          resolve();
        };
        engine.on('outbox-changed', onChange);
      });
      const t0 = performance.now();
      outbox.start();
      await drained;
      const seconds = (performance.now() - t0) / 1000;
      await outbox.stop();
      const rate = n / seconds;

      const sent = sim.log(firstSeq - 1).filter((e) => e.operation === 'sendPaymentOutcomeV2');
      const deadlines = sent.map((e) => deadlineOf.get(e.request?.paymentTokens?.[0] ?? '') ?? Number.NaN);
      const edf = edfBatchesHold(deadlines, CONCURRENCY);
      const accepted = db.outbox.list({ states: ['accepted'], limit: n + 1 }).length;
      const bare = await bareDrain(sim, n);
      const checks: Check[] = [
        check(
          `${n} outcomes pending before, each sent once and accepted`,
          pending.length === n && sent.length === n && accepted === n && sent.every((e) => e.outcome === 'OK'),
          `${pending.length} pending, ${sent.length} sent, ${accepted} accepted`,
        ),
        check(
          'earliest deadline first (batches of 4 in parallel)',
          edf.ok && deadlines.every(Number.isFinite),
          edf.ok
            ? `every batch's deadlines precede the next batch's (${edf.inversions} neighbours out of order, inside batches)`
            : `batch starting at log position ${edf.firstBreak} holds a deadline earlier than the batch before it`,
        ),
      ];
      return {
        rows: [
          row(`drain ${n} pending outcomes (outcomes/s)`, rate, 'outcomes/s', {
            name: 'bare HTTP, 4 at a time, no persistence',
            value: bare,
          }),
        ],
        checks,
        details: { outcomes: n, seconds, rate, bareRate: bare, concurrency: CONCURRENCY, deadlineSpreadMs: SPREAD_MS },
      };
    } finally {
      await outbox?.stop();
      node.close();
      db.close();
      await sim.close();
    }
  },
};
