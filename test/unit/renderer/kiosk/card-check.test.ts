// A card payment whose answer was lost: what the screens make of the core's settlement (renderer/kiosk/card-check.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { settlementOf, shortCode } from '../../../../renderer/kiosk/card-check';
import { problemOfError } from '../../../../renderer/kiosk/problems';
import type { CardCheck } from '../../../../renderer/kiosk/card-check';
import type { Session } from '../../../../renderer/kiosk/steps';

const activated: Session = { id: 's1', status: 'activated', notices: [], nextNoticeId: 2, tender: null, decisionReason: null };
const cardTender = { method: 'card' as const, noticesCents: 12000, feeCents: 150, dueCents: 12150, givenCents: null, changeCents: 0 };
const check = (over: Partial<CardCheck>): CardCheck => ({ phase: 'authorizing', open: true, card: null, ...over });

describe('a card being checked, as the screens tell it', () => {
  test('an open authorization is still being checked: nobody pays again', () => {
    assert.deepEqual(settlementOf(check({}), activated), { kind: 'checking' });
    assert.deepEqual(settlementOf(check({ phase: 'approved', open: true }), activated), { kind: 'checking' });
  });

  test('the approval tendered as card is paid, whatever the session moved on to', () => {
    const card = { brand: 'VISA', maskedPan: '1234', authCode: 'A1' };
    assert.deepEqual(
      settlementOf(check({ phase: 'approved', open: false, card }), { ...activated, status: 'outcome-pending', tender: cardTender }),
      {
        kind: 'paid',
      },
    );
    assert.deepEqual(settlementOf(check({ phase: 'approved', open: false }), { ...activated, status: 'completed', tender: cardTender }), {
      kind: 'paid',
    });
  });

  test('not found at the terminal: no charge; another try only while the session still waits for a payment', () => {
    assert.deepEqual(settlementOf(check({ phase: 'none', open: false }), activated), { kind: 'no-charge', retry: true });
    assert.deepEqual(settlementOf(check({ phase: 'none', open: false }), { ...activated, status: 'cancelled' }), {
      kind: 'no-charge',
      retry: false,
    });
  });

  test('a reversed approval and a refused reversal are told apart', () => {
    assert.deepEqual(settlementOf(check({ phase: 'reversed', open: false }), { ...activated, status: 'cancelled' }), { kind: 'reversed' });
    assert.deepEqual(settlementOf(check({ phase: 'refund-case', open: false }), { ...activated, status: 'cancelled' }), {
      kind: 'not-reversed',
    });
  });

  test('an approval neither held nor tendered is between two steps of the core: still checking', () => {
    assert.deepEqual(settlementOf(check({ phase: 'approved', open: false }), activated), { kind: 'checking' });
  });

  test("the code read out to staff is the session id's first 8 characters, grouped", () => {
    assert.equal(shortCode('3f2a9c1e-77b0-4d3e-9a51-0c6f1d2e8b4a'), '3F2A-9C1E');
    assert.equal(shortCode('ab12'), 'AB12');
  });

  test('a cancel the core refuses while the card is open has its own sentence', () => {
    assert.equal(problemOfError({ code: 'CARD_AUTHORIZATION_OPEN', message: 'x' }), 'card-open');
  });
});
