// The service mixes (issue 15), each once and deterministic: a car tax demanded (demandPaymentNotice)
// into a cart beside a scanned notice, or two car taxes in one cart, paid in cash or by card; the
// terminal killed between the creditor's answer and the cart; the demand's answer lost, answered KO
// after the creditor created the position, refused, or saying another amount than the position's.
// The checker holds the usual rules over the demanded notices too, plus: no position paid twice, no
// token for a demanded position outside every cart (those orphans are counted, not harm).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { carTaxCents } from '../../sim/services/car-tax';
import { DEFAULT_PLAN, withFaults } from './plan';
import type { FaultMix, LifeEnd, PaymentPlan, ServicePlan, TrialSpec } from './plan';
import { explain, runTrial } from './trial';
import type { TrialResult } from './trial';

const CAR: ServicePlan = { idSoggettoServizio: '00301', tipo: '1', targa: 'KT417PZ' };
const TRAILER: ServicePlan = { idSoggettoServizio: '00302', tipo: '2', targa: 'RM220XA' };

function serviceTrial(mix: FaultMix, lives: LifeEnd[] = []): TrialSpec {
  const two = mix === 'service-two';
  const p: PaymentPlan = {
    notices: two ? [] : [{ fiscalCode: '77777777777', amountCents: 12_345 }],
    services: two ? [CAR, TRAILER] : [CAR],
    servicesFirst: mix !== 'service-cart',
    end: mix === 'service-card' ? 'card' : 'cash',
    givenExtraCents: 50,
  };
  const cash = { notices: [{ fiscalCode: '55555555555', amountCents: 999 }], end: 'cash' as const, givenExtraCents: 1 };
  const kind = mix === 'service-card' ? 'kiosk' : 'counter';
  return { name: mix, plan: { ...DEFAULT_PLAN, terminalKind: kind, payments: [withFaults(p, mix), cash] }, lives };
}

const events = (r: TrialResult, name: string) => r.evidence.events.filter((e) => e.event === name);

describe('crash harness: spontaneous payments exactly once', { concurrency: 2 }, () => {
  const cases: Array<[FaultMix, LifeEnd[], (r: TrialResult) => void]> = [
    [
      'service-cart',
      [],
      (r) => {
        assert.equal(r.stats.serviceCollected, 1);
        assert.equal(r.stats.okAccepted, 3, 'the car tax, the scanned notice, the cash payment after');
        const tender = r.evidence.terminal.tenders.find((t) => t.kind === 'payment' && t.amountCents > 999)!;
        assert.equal(tender.amountCents, carTaxCents('1', CAR.targa) + 12_345);
        assert.equal(r.stats.orphanPositions, 0);
      },
    ],
    [
      'service-two',
      [],
      (r) => {
        assert.equal(r.stats.serviceCollected, 2);
        assert.deepEqual(
          r.evidence.node.positions
            .filter((p) => p.origin === 'demand')
            .map((p) => [p.fiscalCode, p.state])
            .sort(),
          [
            ['66666666666', 'paid'],
            ['88888888888', 'paid'],
          ],
        );
      },
    ],
    [
      'service-killed',
      [{ kind: 'crash-point', point: 'service-notice-created', nth: 1 }],
      (r) => {
        assert.equal(r.lives[0]?.killed, true);
        assert.equal(r.stats.orphanPositions, 1, 'the creditor created it; no cart holds it');
        assert.equal(r.stats.serviceNotices, 0);
        const orphan = r.evidence.node.positions.find((p) => p.origin === 'demand')!;
        assert.deepEqual([orphan.state, orphan.sessions.length], ['payable', 0], 'unpaid, no token');
      },
    ],
    [
      'service-lost',
      [],
      (r) => {
        assert.ok(events(r, 'service-refused').length >= 1, 'the operator was told');
        assert.ok(r.stats.orphanPositions >= 1);
        assert.equal(r.stats.okAccepted, 2, 'the rest of the cart, and the next payment, are paid');
      },
    ],
    [
      'service-ko-after',
      [],
      (r) => {
        assert.equal(events(r, 'service-refused')[0]?.code, 'NODE_FAULT', 'the node said PPT_SYSTEM_ERROR');
        assert.equal(r.stats.orphanPositions, 1);
      },
    ],
    [
      'service-fault',
      [],
      (r) => {
        assert.equal(events(r, 'service-refused')[0]?.code, 'CREDITOR_UNREACHABLE');
        assert.equal(r.stats.orphanPositions, 0, 'refused before the creditor created anything');
      },
    ],
    [
      'service-amount',
      [],
      (r) => {
        const added = events(r, 'service-added')[0]!;
        assert.equal(added.demandedCents, carTaxCents('1', CAR.targa) - 500);
        assert.equal(added.verifiedCents, carTaxCents('1', CAR.targa));
        assert.equal(r.stats.demandAmountDiffered, 1);
        const n = r.evidence.terminal.notices.find((x) => x.noticeNumber === added.noticeNumber)!;
        assert.equal(n.activation?.totalAmountCents, carTaxCents('1', CAR.targa), "verify's amount is charged");
      },
    ],
    [
      'service-card',
      [],
      (r) => {
        assert.equal(r.evidence.node.cardTransactions?.filter((t) => t.approved && !t.reversed).length, 1);
        assert.equal(r.stats.serviceCollected, 1);
        assert.equal(r.stats.okAccepted, 3);
      },
    ],
  ];
  for (const [mix, lives, expect] of cases) {
    test(`${mix}${lives.length ? ` + ${lives.map((l) => (l.kind === 'crash-point' ? l.point : 'kill')).join(', ')}` : ''}`, async () => {
      const r = await runTrial(serviceTrial(mix, lives));
      assert.deepEqual(r.violations, [], explain(r));
      assert.equal(r.lives.at(-1)?.exitCode, 0, 'the last life finishes cleanly');
      expect(r);
    });
  }
});
