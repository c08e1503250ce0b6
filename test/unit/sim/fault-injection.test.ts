import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimClock } from '../../../sim/clock';
import { FaultInjector, FaultRulesInvalid, parseFaultRules } from '../../../sim/fault-injection';

const fixedClock = () => new SimClock(0, () => 1_000_000);

test('a counted rule applies to its primitive only, as many times as asked', () => {
  const f = new FaultInjector(fixedClock());
  f.add([{ kind: 'http503', primitive: 'verifyPaymentNotice', count: 2 }]);
  assert.equal(f.decide('activatePaymentNotice').action, undefined);
  assert.equal(f.decide('verifyPaymentNotice').action, 'http503');
  assert.equal(f.decide('verifyPaymentNotice').action, 'http503');
  assert.equal(f.decide('verifyPaymentNotice').action, undefined);
  assert.deepEqual(f.list(), []);
});

test('a window ends on the simulated clock; an outage refuses everything, even unknown SOAPActions', () => {
  const clock = fixedClock();
  const f = new FaultInjector(clock);
  f.add([{ kind: 'outage', primitive: 'verifyPaymentNotice', forMs: 1000 }]);
  assert.equal(f.list()[0]?.primitive, '*');
  assert.deepEqual(f.decide(undefined), { latencyMs: 0, action: 'refuse', applied: ['outage'] });
  clock.advance(999);
  assert.equal(f.decide('sendPaymentOutcome').action, 'refuse');
  clock.advance(1);
  assert.equal(f.decide('sendPaymentOutcome').action, undefined);
});

test('latencies add up; the first other rule wins and only it is consumed', () => {
  const f = new FaultInjector(fixedClock());
  f.add([
    { kind: 'latency', latencyMs: 100 },
    { kind: 'latency', latencyMs: 20, primitive: 'sendPaymentOutcomeV2' },
    { kind: 'drop-response', count: 1 },
    { kind: 'system-error', count: 1 },
  ]);
  assert.deepEqual(f.decide('sendPaymentOutcomeV2'), {
    latencyMs: 120,
    action: 'drop-response',
    applied: ['latency', 'latency', 'drop-response'],
  });
  assert.deepEqual(f.decide('verifyPaymentNotice'), { latencyMs: 100, action: 'system-error', applied: ['latency', 'system-error'] });
  assert.deepEqual(f.decide('verifyPaymentNotice'), { latencyMs: 100, applied: ['latency'] });
});

test('rules are checked: one, a list, or {faults}; bad ones are refused with a reason', () => {
  assert.equal(parseFaultRules({ kind: 'refuse' }).length, 1);
  assert.equal(parseFaultRules([{ kind: 'refuse' }, { kind: 'http500' }]).length, 2);
  assert.equal(parseFaultRules({ faults: [{ kind: 'refuse' }] }).length, 1);
  for (const bad of [
    {},
    { kind: 'latency' },
    { kind: 'refuse', latencyMs: 5 },
    { kind: 'refuse', primitive: 'x' },
    { kind: 'refuse', forMs: 0 },
    [],
    null,
  ]) {
    assert.throws(() => parseFaultRules(bad), FaultRulesInvalid, JSON.stringify(bad));
  }
});

test("wrong-amount on a demand: the answer's amount moves, never below 0.01; other answers are left alone", () => {
  const f = new FaultInjector(fixedClock());
  f.add([{ kind: 'wrong-amount', primitive: 'demandPaymentNotice', amountDeltaCents: -500, count: 2 }]);
  const body =
    '<qrCode><noticeNumber>302000000000000001</noticeNumber></qrCode><paymentList><amount>210.92</amount><options>EQ</options></paymentList>';
  const entry = { seq: 1, outcome: 'OK' } as never;
  const moved = f.rewrite(f.decide('demandPaymentNotice'), 'demandPaymentNotice', { status: 200, body, contentType: 'text/xml' }, entry);
  assert.match(moved.body, /<amount>205\.92<\/amount>/);
  assert.match(moved.body, /<noticeNumber>302000000000000001<\/noticeNumber>/);
  const small = body.replace('210.92', '3.00');
  const floor = f.rewrite(
    f.decide('demandPaymentNotice'),
    'demandPaymentNotice',
    { status: 200, body: small, contentType: 'text/xml' },
    entry,
  );
  assert.match(floor.body, /<amount>0\.01<\/amount>/);
  const none = f.decide('demandPaymentNotice');
  assert.equal(f.rewrite(none, 'demandPaymentNotice', { status: 200, body, contentType: 'text/xml' }, entry).body, body);
});
