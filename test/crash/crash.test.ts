// The crash harness, short: the terminal as a child process killed at every persistence point once,
// each simulator fault mix once (most of them with a kill on top), and a few kills after a random
// delay; after every kill it restarts on the same files, recovers and drains, and the checker holds
// the terminal's SQLite file against the node's request log. `npm run chaos` runs the same at scale.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CRASH_POINTS } from '../../main/engine/crash-points';
import { DEFAULT_PLAN, prng, randomPayment, withFaults } from './plan';
import type { FaultMix, LifeEnd, PaymentPlan, TrialSpec } from './plan';
import { explain, runTrial } from './trial';
import type { TrialResult } from './trial';

/** Two notices paid in cash, then one notice cancelled after activation: every crash point lies on this path. */
const cashThenCancel = (mix: FaultMix = 'none'): PaymentPlan[] => [
  withFaults(
    {
      notices: [
        { fiscalCode: '77777777777', amountCents: 12_345 },
        { fiscalCode: '66666666666', amountCents: 4_000 },
      ],
      end: 'cash',
      givenExtraCents: 155,
    },
    mix,
  ),
  { notices: [{ fiscalCode: '55555555555', amountCents: 999 }], end: 'cancel', givenExtraCents: 0 },
];

function trial(
  name: string,
  payments: PaymentPlan[],
  lives: LifeEnd[],
  terminalKind: 'counter' | 'kiosk' = 'counter',
  drainMs = DEFAULT_PLAN.drainMs,
): TrialSpec {
  return { name, plan: { ...DEFAULT_PLAN, terminalKind, drainMs, payments }, lives };
}

function assertHeld(r: TrialResult): void {
  assert.deepEqual(r.violations, [], explain(r));
  assert.equal(r.lives.at(-1)?.exitCode, 0, 'the last life finishes cleanly');
}

/** Crash points the first payment passes only after its tender is committed. */
const TENDERED_BEFORE = new Set<string>(['tender-committed', 'attempt-persisted', 'outcome-answered', 'attempt-result-persisted']);

// Two trials at a time: each is mostly a child process starting up.
describe('crash harness: killed at every persistence point, restarted, nothing lost or sent twice', { concurrency: 2 }, () => {
  for (const [i, point] of CRASH_POINTS.entries()) {
    // Alternate the terminal kind: a counter puts an abandoned activation to the operator, a kiosk closes it with a KO.
    const kind = i % 2 === 0 ? 'counter' : 'kiosk';
    test(`${point} (${kind})`, async () => {
      const r = await runTrial(trial(point, cashThenCancel(), [{ kind: 'crash-point', point, nth: 1 }], kind));
      assert.equal(r.lives[0]?.killed, true, `the child reached ${point} and died there`);
      assertHeld(r);
      if (TENDERED_BEFORE.has(point))
        assert.equal(r.stats.okAccepted, 2, 'the cash payment committed before the kill: both OKs delivered after it');
      else assert.equal(r.stats.tendered, 0, 'killed before the money was taken: the payment is not resumed, its tokens get a KO');
      if (point.startsWith('activate-')) assert.ok(r.stats.recovered >= 1, 'the restart asked the node again with the persisted key');
      if (point === 'attempt-persisted' || point === 'outcome-answered') assert.ok(r.stats.recovered >= 1, 'the cut attempt was requeued');
    });
  }
});

describe('crash harness: simulator faults, with kills on top', { concurrency: 2 }, () => {
  const cases: Array<[FaultMix, LifeEnd[]]> = [
    ['lost-response', [{ kind: 'crash-point', point: 'outcome-answered', nth: 1 }]],
    ['http503', [{ kind: 'crash-point', point: 'attempt-persisted', nth: 2 }]],
    ['system-error', [{ kind: 'crash-point', point: 'attempt-result-persisted', nth: 1 }]],
    ['token-lapse', [{ kind: 'crash-point', point: 'outcome-answered', nth: 1 }]],
  ];
  for (const [mix, lives] of cases) {
    test(`${mix} + ${lives.map((l) => (l.kind === 'crash-point' ? l.point : 'kill')).join(', ')}`, async () => {
      const r = await runTrial(trial(mix, cashThenCancel(mix), lives));
      assert.equal(r.lives[0]?.killed, true, 'the kill happened');
      assertHeld(r);
      assert.equal(r.stats.okAccepted, 2, 'both notices of the cash payment paid at the node');
      if (mix === 'token-lapse')
        assert.equal(r.stats.lateOutcomes, 2, 'the node was back only after the tokens lapsed: both OKs taken late');
    });
  }

  test('an outage longer than the retry schedule, then another payment: the stalled outcome goes with the next answer', async () => {
    const r = await runTrial(trial('long-outage then more', cashThenCancel('long-outage'), []));
    assertHeld(r);
    assert.equal(r.stats.okAccepted, 2);
  });

  test('an outage longer than the retry schedule on the last payment: the outcome is delivered once the node is back', async () => {
    const only = withFaults(
      { notices: [{ fiscalCode: '77777777777', amountCents: 2_500 }], end: 'cash', givenExtraCents: 0 },
      'long-outage',
    );
    // 8 s: a fixed outbox probes the node well within that once the 1.2 s outage is over.
    const r = await runTrial(trial('long-outage last', [only], [], 'counter', 8_000));
    assertHeld(r);
  });

  test('a lost activation answer: the token the node opened is found again and closed with a KO', async () => {
    // The terminal asks again only after its horizon (trial.ts: past the slowest node hold, 8 s), then
    // within a sweep (1 s): the default 15 s drain leaves room for both.
    const r = await runTrial(trial('lost-activation', cashThenCancel('lost-activation'), [], 'counter'));
    assertHeld(r);
  });
});

describe('crash harness: kills after a random delay', () => {
  test('three lives killed at seeded random moments, then a clean one', async () => {
    const rand = prng(20_251);
    const payments = [randomPayment(rand), randomPayment(rand, 'lost-response'), randomPayment(rand)];
    const lives: LifeEnd[] = [120, 260, 40].map((delayMs) => ({ kind: 'kill-after', delayMs }));
    const r = await runTrial(trial('random kills', payments, lives, 'kiosk'));
    assertHeld(r);
    assert.equal(r.lives.length, 4);
  });
});
