// The random plan's service pieces (issue 15), pure: the car taxes a service mix puts into a cart,
// their plates (the trial's own: the creditor refuses a second car tax for a plate paid this year),
// the kills around the demand, and the mix groups `npm run chaos -- --mixes service` selects.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADVERSARY_MIXES, CARD_MIXES, FAULT_MIXES, SERVICE_MIXES, newPlate, prng, randomTrial, withFaults, withService } from './plan';
import type { PaymentPlan } from './plan';

const cart: PaymentPlan = {
  notices: [
    { fiscalCode: '77777777777', amountCents: 100 },
    { fiscalCode: '66666666666', amountCents: 200 },
    { fiscalCode: '55555555555', amountCents: 300 },
  ],
  end: 'cash',
  givenExtraCents: 0,
};

describe('crash plan: spontaneous payments', () => {
  test('the service mixes are a group of their own, after the card mixes', () => {
    assert.deepEqual(SERVICE_MIXES, [
      'service-cart',
      'service-two',
      'service-killed',
      'service-lost',
      'service-ko-after',
      'service-fault',
      'service-amount',
      'service-card',
    ]);
    for (const m of SERVICE_MIXES) assert.ok(!CARD_MIXES.includes(m) && !ADVERSARY_MIXES.includes(m) && FAULT_MIXES.includes(m));
  });

  test('plates: 7 characters the schema allows, never one the trial already used, the same from the same seed', () => {
    const used = new Set<string>();
    const rand = prng(7070);
    const plates = Array.from({ length: 500 }, () => newPlate(rand, used));
    assert.equal(new Set(plates).size, 500);
    for (const p of plates) assert.match(p, /^[A-Z]{2}[0-9]{3}[A-Z]{2}$/);
    const again = prng(7070);
    assert.deepEqual(
      Array.from({ length: 5 }, () => newPlate(again, new Set())),
      plates.slice(0, 5),
    );
  });

  test('a service cart keeps one or two scanned notices beside its car tax; service-two is two car taxes alone', () => {
    const rand = prng(1);
    const one = withService(rand, cart, 'service-cart', new Set());
    assert.equal(one.services?.length, 1);
    assert.equal(one.services?.[0]?.idSoggettoServizio, '00301');
    assert.ok(one.notices.length >= 1 && one.notices.length <= 2);
    const used = new Set<string>();
    const two = withService(rand, cart, 'service-two', used);
    assert.deepEqual([two.notices.length, two.services?.length, used.size], [0, 2, 2]);
    assert.notEqual(two.services?.[0]?.targa, two.services?.[1]?.targa);
    assert.equal(withService(rand, cart, 'service-card', new Set()).end, 'card');
    assert.equal(withService(rand, cart, 'lost-response', new Set()), cart, 'any other mix: the cart as it was');
  });

  test('the hostile demand answers hit demandPaymentNotice only, a counted number of times', () => {
    for (const m of ['service-lost', 'service-ko-after', 'service-fault', 'service-amount'] as const) {
      const rules = withFaults(cart, m).beforeDemand ?? [];
      assert.ok(rules.length > 0, m);
      for (const r of rules) assert.deepEqual([r.primitive, typeof r.count], ['demandPaymentNotice', 'number'], m);
    }
  });

  test('random service trials: unique plates across the trial, the kill around the demand, card carts at a kiosk', () => {
    const rand = prng(7070);
    let randomServiceKills = 0;
    for (let i = 1; i <= 200; i++) {
      const spec = randomTrial(rand, i, SERVICE_MIXES);
      if (spec.mix !== 'service-killed')
        randomServiceKills += spec.lives.filter((l) => l.kind === 'crash-point' && l.point === 'service-notice-created').length;
      const services = spec.plan.payments.flatMap((p) => p.services ?? []);
      assert.ok(services.length >= 1, spec.name);
      assert.equal(new Set(services.map((s) => `${s.idSoggettoServizio}/${s.tipo}/${s.targa}`)).size, services.length, spec.name);
      if (spec.mix === 'service-killed') {
        const first = spec.lives[0]!;
        assert.ok(
          (first.kind === 'crash-point' && first.point === 'service-notice-created') ||
            (first.kind === 'kill-on' && first.event === 'demanding'),
          spec.name,
        );
      }
      if (spec.mix === 'service-card') assert.equal(spec.plan.terminalKind, 'kiosk', spec.name);
    }
    assert.ok(randomServiceKills > 0, "the random kills fall between a demand's answer and the cart too");
  });

  test('trials of the other mixes draw no car tax, as before the service mixes', () => {
    const rand = prng(42);
    for (let i = 1; i <= 100; i++) {
      const spec = randomTrial(
        rand,
        i,
        FAULT_MIXES.filter((m) => !SERVICE_MIXES.includes(m)),
      );
      assert.ok(
        spec.plan.payments.every((p) => p.services === undefined),
        spec.name,
      );
    }
  });
});
