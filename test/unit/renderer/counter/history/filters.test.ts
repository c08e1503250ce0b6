// The history's search form → sessions.search (pure): euros typed become integer cents, Italy's day
// and times become UTC instants across summer time, a notice number or token searches every day.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyForm, romeToday, romeToUtc, toRequest } from '../../../../../renderer/counter/history/filters';
import type { HistoryForm } from '../../../../../renderer/counter/history/filters';

const form = (over: Partial<HistoryForm>): HistoryForm => ({ ...emptyForm(Date.parse('2026-12-05T10:00:00Z')), ...over });

describe('history filters', () => {
  test("Italy's wall clock to UTC, winter and summer", () => {
    assert.equal(romeToUtc('2026-12-05', '00:00'), '2026-12-04T23:00:00.000Z');
    assert.equal(romeToUtc('2026-07-01', '09:30'), '2026-07-01T07:30:00.000Z');
    assert.equal(romeToday(Date.parse('2026-12-04T23:30:00Z')), '2026-12-05', 'after midnight in Rome, still the 4th in UTC');
  });

  test('default: today in Italy, payments only', () => {
    const r = toRequest(form({}));
    assert.deepEqual(r, { request: { paymentsOnly: true, from: '2026-12-04T23:00:00.000Z', to: '2026-12-05T23:00:00.000Z' } });
  });

  test('amount typed in euros goes as integer cents; a bad one is a form problem', () => {
    assert.deepEqual(toRequest(form({ amount: '45,50', day: '' })), { request: { paymentsOnly: true, amountCents: 4550 } });
    assert.deepEqual(toRequest(form({ amount: '€ 1.234,56', day: '' })), { request: { paymentsOnly: true, amountCents: 123456 } });
    assert.deepEqual(toRequest(form({ amount: '12,5,0' })), { problem: 'amount' });
    assert.deepEqual(toRequest(form({ amount: '0' })), { problem: 'amount' });
  });

  test('notice number and token search every day; times narrow the day', () => {
    assert.deepEqual(toRequest(form({ noticeNumber: '3010 2025 0000 0002 30' })), {
      request: { paymentsOnly: true, noticeNumber: '301020250000000230' },
    });
    assert.deepEqual(toRequest(form({ noticeNumber: '3010' })), { problem: 'noticeNumber' });
    const r = toRequest(form({ fromTime: '09:00', toTime: '12:30', operatorId: 'mrossi' }));
    assert.deepEqual(r, {
      request: { paymentsOnly: true, operatorId: 'mrossi', from: '2026-12-05T08:00:00.000Z', to: '2026-12-05T11:30:00.000Z' },
    });
    assert.deepEqual(toRequest(form({ fromTime: '12:00', toTime: '09:00' })), { problem: 'time' });
  });
});
