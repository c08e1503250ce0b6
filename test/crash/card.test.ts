// The card mixes (issue 14 §3), each once and deterministic: a kiosk pays two notices by card on the
// nexo terminal simulator (then a cash payment follows), with the answer lost, the terminal killed
// between the intent and the card or between the approval and the tender, or the node refusing the
// OK of the approved card. After every kill the terminal restarts on the same files; the checker
// holds the card rules too (no charge standing without an accepted OK, never two, none left open).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PLAN, withFaults } from './plan';
import type { FaultMix, LifeEnd, TrialSpec } from './plan';
import { explain, runTrial } from './trial';

function cardTrial(mix: FaultMix, lives: LifeEnd[]): TrialSpec {
  const card = withFaults(
    {
      notices: [
        { fiscalCode: '77777777777', amountCents: 12_345 },
        { fiscalCode: '66666666666', amountCents: 4_000 },
      ],
      end: 'cash',
      givenExtraCents: 0,
    },
    mix,
  );
  const cash = { notices: [{ fiscalCode: '55555555555', amountCents: 999 }], end: 'cash' as const, givenExtraCents: 1 };
  return { name: mix, plan: { ...DEFAULT_PLAN, terminalKind: 'kiosk', payments: [card, cash] }, lives };
}

describe('crash harness: card payments exactly once', { concurrency: 2 }, () => {
  const cases: Array<[FaultMix, LifeEnd[], (r: Awaited<ReturnType<typeof runTrial>>) => void]> = [
    [
      'card-lost',
      [],
      (r) => {
        assert.ok(
          r.evidence.terminal.cards?.some((c) => c.kind === 'card-resolved' && (c.payload as { outcome?: string }).outcome === 'approved'),
        );
        assert.equal(r.stats.okAccepted, 3, 'the card resolved later is tendered: both OKs, and the cash one');
      },
    ],
    [
      'card-kill-approved',
      [{ kind: 'crash-point', point: 'card-approved', nth: 1 }],
      (r) => {
        assert.equal(r.lives[0]?.killed, true);
        assert.equal(r.evidence.node.cardTransactions?.filter((t) => t.approved && !t.reversed).length, 1);
        assert.equal(r.stats.okAccepted, 3, 'tendered at restart: both OKs, and the cash payment the next life makes');
      },
    ],
    [
      'card-kill-intent',
      [{ kind: 'crash-point', point: 'card-intent-journaled', nth: 1 }],
      (r) => {
        assert.equal(r.lives[0]?.killed, true);
        assert.equal(r.evidence.node.cardTransactions?.length, 0, 'the terminal was never asked');
        assert.equal(r.stats.koDelivered, 2, 'nothing charged: the kiosk closes the tokens with a KO after the card is settled');
      },
    ],
    [
      'card-refused-ok',
      [],
      (r) => {
        assert.equal(r.evidence.node.cardTransactions?.filter((t) => t.approved && t.reversed).length, 1, 'reversed at the terminal');
        assert.ok(r.evidence.terminal.sessions.some((s) => s.state === 'refunded'));
        assert.equal(r.stats.refunds, 2);
      },
    ],
  ];
  for (const [mix, lives, expect] of cases) {
    test(`${mix}${lives.length ? ` + ${lives.map((l) => (l.kind === 'crash-point' ? l.point : 'kill')).join(', ')}` : ''}`, async () => {
      const r = await runTrial(cardTrial(mix, lives));
      assert.deepEqual(r.violations, [], explain(r));
      assert.equal(r.lives.at(-1)?.exitCode, 0, 'the last life finishes cleanly');
      expect(r);
    });
  }
});
