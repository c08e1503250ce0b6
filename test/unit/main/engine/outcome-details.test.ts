import { test } from 'node:test';
import assert from 'node:assert/strict';
import { italianDate, outcomeDetails, transferDateFor } from '../../../../main/engine/outcome-details';
import type { Tender } from '../../../../main/engine/types';

const at = (iso: string) => Date.parse(iso);

test('the Italian calendar date around midnight in winter (CET, UTC+1)', () => {
  assert.equal(italianDate(at('2026-01-15T22:59:59Z')), '2026-01-15');
  assert.equal(italianDate(at('2026-01-15T23:30:00Z')), '2026-01-16', '00:30 in Rome: already tomorrow');
  assert.equal(italianDate(at('2026-01-16T00:30:00Z')), '2026-01-16');
  assert.equal(italianDate(at('2026-12-31T23:30:00Z')), '2027-01-01', 'the new year starts in Rome an hour before UTC');
});

test('the Italian calendar date around the spring change (29 March 2026, 01:00 UTC)', () => {
  assert.equal(italianDate(at('2026-03-28T23:30:00Z')), '2026-03-29', '00:30 CET');
  assert.equal(italianDate(at('2026-03-29T00:30:00Z')), '2026-03-29', '01:30 CET');
  assert.equal(italianDate(at('2026-03-29T21:30:00Z')), '2026-03-29', '23:30 CEST');
  assert.equal(italianDate(at('2026-03-29T22:30:00Z')), '2026-03-30', '00:30 CEST: two hours ahead of UTC now');
  assert.equal(italianDate(at('2026-03-29T23:30:00Z')), '2026-03-30', '01:30 CEST');
});

test('the Italian calendar date around the autumn change (25 October 2026, 01:00 UTC)', () => {
  assert.equal(italianDate(at('2026-10-24T21:30:00Z')), '2026-10-24', '23:30 CEST');
  assert.equal(italianDate(at('2026-10-24T22:30:00Z')), '2026-10-25', '00:30 CEST');
  assert.equal(italianDate(at('2026-10-24T23:30:00Z')), '2026-10-25', '01:30 CEST');
  assert.equal(italianDate(at('2026-10-25T00:30:00Z')), '2026-10-25', '02:30 CEST');
  assert.equal(italianDate(at('2026-10-25T22:30:00Z')), '2026-10-25', '23:30 CET');
  assert.equal(italianDate(at('2026-10-25T23:30:00Z')), '2026-10-26', '00:30 CET');
});

function tender(method: Tender['method']): Tender {
  return { method, noticesCents: 10_000, feeCents: 151, dueCents: 10_151, givenCents: null, changeCents: 0 };
}

test('a payment at 00:30 in Rome (23:30 UTC) reports the Rome date for every tender', () => {
  const nowMs = at('2026-06-30T22:30:00Z');
  for (const method of ['cash', 'card', 'other'] as const) {
    const d = outcomeDetails(tender(method), 0, 1, 'counter', nowMs);
    assert.equal(d.applicationDate, '2026-07-01', method);
    assert.equal(d.transferDate, '2026-07-01', method);
    assert.equal(transferDateFor(method, nowMs), '2026-07-01');
  }
});

test('fees split over the notices add up, and methods and channels are named as the XSD wants', () => {
  const nowMs = at('2026-02-01T10:00:00Z');
  const parts = [0, 1, 2].map((i) => outcomeDetails(tender('card'), i, 3, 'kiosk', nowMs));
  assert.deepEqual(
    parts.map((p) => p.fee),
    [51, 50, 50],
  );
  assert.equal(parts[0]!.paymentMethod, 'creditCard');
  assert.equal(parts[0]!.paymentChannel, 'atm');
  assert.equal(outcomeDetails(tender('cash'), 0, 1, 'counter', nowMs).paymentMethod, 'cash');
  assert.equal(outcomeDetails(tender('other'), 0, 1, 'counter', nowMs).paymentChannel, 'frontOffice');
});
