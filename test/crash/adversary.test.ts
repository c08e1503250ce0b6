// The adversary's ingredients (issue 9 §8), one deterministic trial each: slow and hostile activation
// answers, outcome faults, a database emptied or damaged between lives, the disk full while serving,
// the clock far behind. Every test named "after the engine fix: ..." holds the promise the engine
// makes only once issue 9 is fixed (main/engine, db); until then it fails, naming the harm it found.
// `npm run chaos -- --mixes adversary` runs the same ingredients at random and at scale.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PLAN, withFaults, withTrialFaults } from './plan';
import type { FaultMix, LifeEnd, PaymentPlan, TrialSpec } from './plan';
import { explain, runTrial, trialUnavailable } from './trial';

/** Two notices paid in cash under the mix, then one notice cancelled after activation. */
const payments = (mix: FaultMix): PaymentPlan[] => [
  withFaults(
    {
      notices: [
        { fiscalCode: '77777777777', amountCents: 3_793 },
        { fiscalCode: '66666666666', amountCents: 7_154 },
      ],
      end: 'cash',
      givenExtraCents: 46,
    },
    mix,
  ),
  { notices: [{ fiscalCode: '55555555555', amountCents: 999 }], end: 'cancel', givenExtraCents: 0 },
];

function spec(mix: FaultMix, lives: LifeEnd[] = [], afterLife = 1): TrialSpec {
  // The default drain (15 s): an unanswered activation is asked again only after the terminal's
  // horizon (8 s, trial.ts); a fixed engine settles well within it, a broken one is judged on what it left.
  return withTrialFaults({ name: mix, plan: { ...DEFAULT_PLAN, payments: payments(mix) }, lives }, mix, afterLife);
}

const CASES: Array<[FaultMix, string, LifeEnd[]]> = [
  [
    'slow-activation',
    'the node records a held activation after the terminal was killed and re-asked: every token it issued gets its outcome',
    [{ kind: 'kill-on', event: 'activating', index: 0, delayMs: 300 }],
  ],
  ['amount-more', 'an activation answered 1000.00 above the verified amount: refused before any money, its token closed', []],
  ['amount-cent', 'an activation answered 0.01: refused before any money, its token closed', []],
  ['token-long', "a 5,000-character paymentToken: a bad response, never money collected; the node's token closed", []],
  ['token-markup', "a paymentToken of markup and control characters: a bad response; the node's token closed", []],
  ['token-repeated', 'an activation answering a token the terminal already holds: nothing stops, every token closed', []],
  ['ko-after-token', 'an activation answered KO after the node created its token: that token gets its outcome', []],
  ['unknown-token', 'an OK answered PPT_TOKEN_SCONOSCIUTO for a token the node issued: delivered, not left to a person', []],
  ['config-fault', 'an OK refused with PPT_AUTORIZZAZIONE three times, then accepted: the payment completes', []],
  [
    'db-emptied',
    'a database cut to 0 bytes while an OK is queued: the terminal refuses to start, the backup is restored, nothing lost',
    [{ kind: 'crash-point', point: 'tender-committed', nth: 1 }],
  ],
  [
    'db-damaged',
    'a notice row breaking its CHECK while an OK is queued: refused (or rescued read-only), nothing lost',
    [{ kind: 'crash-point', point: 'tender-committed', nth: 1 }],
  ],
  ['disk-full', 'the disk full while an OK is queued: the core keeps running and delivers it once there is room', []],
  ['clock-behind', 'the clock at 2000-01-01 at start, corrected later: the queued OK goes without a restart, nothing dated 2000', []],
];

describe('the adversary, one trial per ingredient (issue 9 §8)', { concurrency: 2 }, () => {
  for (const [mix, what, lives] of CASES) {
    const s = spec(mix, lives);
    const skip = trialUnavailable(s);
    test(`after the engine fix: ${mix}: ${what}`, skip ? { skip } : {}, async () => {
      const r = await runTrial(s);
      assert.deepEqual(r.violations, [], explain(r));
      assert.equal(r.lives.at(-1)?.exitCode, 0, 'the last life finishes cleanly');
      // The ingredient really reached the terminal: a rule that never fired would make this test pass for nothing.
      const kinds = new Set(s.plan.payments.flatMap((p) => [...(p.beforeActivate ?? []), ...(p.beforeTender ?? [])]).map((f) => f.kind));
      for (const kind of kinds) {
        assert.ok(
          r.evidence.node.log.some((e) => e.injected?.includes(kind)),
          `the simulator applied ${kind} at least once`,
        );
      }
      if (s.storage)
        assert.equal(
          r.storage?.verdict === 'refused' || r.storage?.verdict === 'rescue',
          true,
          `the damaged database: ${JSON.stringify(r.storage)}`,
        );
    });
  }
});
