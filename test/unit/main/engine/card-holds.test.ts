// The card ledger: a fold over a session's journal entries, and when it holds the session's tokens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cardHoldOpen, cardLedger } from '../../../../main/engine/card-holds';
import type { Json } from '../../../../db';

const e = (kind: string, payload: Json) => ({ kind, payload });
const started = e('card-authorization-started', { amountCents: 12150, device: 'nexo-T1' });
const approved = (kind = 'card-authorization') =>
  e(kind, { outcome: 'approved', amountCents: 12150, authCode: '123456', transactionId: 'SIM1', cardBrand: 'mc', maskedPan: '9999' });

test('the intent alone is an open authorization: it holds the tokens', () => {
  const l = cardLedger([started]);
  assert.deepEqual(l, { phase: 'authorizing', amountCents: 12150, device: 'nexo-T1' });
  assert.equal(cardHoldOpen(l, false), true);
});

test('an unknown answer, or an unresolved status, keeps it open; not-found and declines close it', () => {
  assert.equal(
    cardLedger([started, e('card-authorization', { outcome: 'unknown', error: 'TENDER_OUTCOME_UNKNOWN' })]).phase,
    'authorizing',
  );
  assert.equal(cardLedger([started, e('card-resolved', { outcome: 'unknown', reason: 'in-progress' })]).phase, 'authorizing');
  assert.equal(cardLedger([started, e('card-resolved', { outcome: 'unknown', reason: 'not-found' })]).phase, 'none');
  for (const outcome of ['declined', 'timeout', 'cancelled', 'unavailable'])
    assert.equal(cardLedger([started, e('card-authorization', { outcome })]).phase, 'none', outcome);
});

test('an approval holds until it is the tender or reversed; a refund case is for a person', () => {
  for (const kind of ['card-authorization', 'card-resolved']) {
    const l = cardLedger([started, approved(kind)]);
    assert.equal(l.phase, 'approved');
    assert.equal(cardHoldOpen(l, false), true, 'approved, not tendered: held');
    assert.equal(cardHoldOpen(l, true), false, 'tendered: the OK owns the tokens');
  }
  const failed = cardLedger([started, approved(), e('card-void', { transactionId: 'SIM1', voided: false, failure: 'offline' })]);
  assert.equal(failed.phase === 'approved' && failed.voidFailure, 'offline');
  assert.equal(cardLedger([started, approved(), e('card-void', { transactionId: 'SIM1', voided: true })]).phase, 'reversed');
  const person = cardLedger([started, approved(), e('card-refund-case', { transactionId: 'SIM1', reason: 'reversal refused' })]);
  assert.deepEqual([person.phase, cardHoldOpen(person, false)], ['refund-case', false]);
});

test('a later answer never overrides a known approval; a new intent after a decline starts over', () => {
  assert.equal(cardLedger([started, approved(), e('card-resolved', { outcome: 'unknown', reason: 'not-found' })]).phase, 'approved');
  const again = cardLedger([started, e('card-authorization', { outcome: 'declined', reason: 'refused' }), started]);
  assert.equal(again.phase, 'authorizing');
  assert.equal(cardLedger([e('session-started', {}), e('tender-submitted', {})]).phase, 'none');
});
