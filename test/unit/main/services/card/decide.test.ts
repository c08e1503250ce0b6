// What the resolver does with a card approval, decided from the ledger and the session alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideApproval, needsWork, type ApprovalFacts } from '../../../../../main/services/card/decide';

const approval = { transactionId: 'SIM1', amountCents: 12150, authCode: '123456', cardBrand: 'mc', maskedPan: '9999' };
const approved = { phase: 'approved', approval, device: 'nexo-T1', voidFailure: null } as const;
const NOW = 1_800_000_000_000;
const notice = (phase: string, expiresAtMs = NOW + 600_000) => ({ phase, activation: { expiresAtMs } });
const tender = { method: 'card' };

function facts(session: Record<string, unknown>, over: Partial<ApprovalFacts> = {}): ApprovalFacts {
  return {
    ledger: approved,
    session: { status: 'activated', tender: null, notices: [notice('activated')], ...session } as unknown as ApprovalFacts['session'],
    dueCents: 12150,
    nowMs: NOW,
    marginMs: 120_000,
    ...over,
  };
}

test('an approval for an activated session owing exactly that, with time left, is tendered', () => {
  assert.deepEqual(decideApproval(facts({})), { kind: 'tender' });
});

test('another amount, a session moved on, or a token about to lapse: reversed at the terminal', () => {
  assert.deepEqual(decideApproval(facts({}, { dueCents: 12000 })), { kind: 'reverse', why: 'CARD_PAYMENT_NOT_ALLOWED', forRefund: false });
  assert.deepEqual(decideApproval(facts({ status: 'cancelling', notices: [notice('ko-queued')] }, { dueCents: null })), {
    kind: 'reverse',
    why: 'CARD_PAYMENT_NOT_ALLOWED',
    forRefund: false,
  });
  assert.deepEqual(decideApproval(facts({ notices: [notice('activated', NOW + 60_000)] })), {
    kind: 'reverse',
    why: 'TOKEN_LAPSING',
    forRefund: false,
  });
});

test('a card tender is settled; a refused OK is reversed for a refund, unless the node took part of the cart', () => {
  assert.deepEqual(decideApproval(facts({ status: 'outcome-pending', tender, notices: [notice('ok-queued')] })), {
    kind: 'settled',
    result: 'tendered',
  });
  assert.deepEqual(decideApproval(facts({ status: 'refund-required', tender, notices: [notice('refund-required')] })), {
    kind: 'reverse',
    why: 'node-refused-ok',
    forRefund: true,
  });
  const partial = decideApproval(facts({ status: 'refund-required', tender, notices: [notice('refund-required'), notice('accepted')] }));
  assert.equal(partial.kind, 'person');
});

test('reversed already: only the refund record is missing when the session still waits for it', () => {
  const reversed = { phase: 'reversed', approval } as const;
  assert.deepEqual(decideApproval(facts({ status: 'refund-required', tender }, { ledger: reversed })), { kind: 'record-refund' });
  assert.deepEqual(decideApproval(facts({ status: 'cancelled' }, { ledger: reversed })), { kind: 'settled', result: 'reversed' });
});

test('needsWork: open, untendered or unrefunded authorizations only', () => {
  const s = (status: string, t: unknown = null) => ({ status, tender: t }) as never;
  assert.equal(needsWork({ phase: 'authorizing', amountCents: 1, device: null }, s('activated')), true);
  assert.equal(needsWork(approved, s('activated')), true);
  assert.equal(needsWork(approved, s('completed', tender)), false);
  assert.equal(needsWork(approved, s('refund-required', tender)), true);
  assert.equal(needsWork({ phase: 'reversed', approval }, s('refund-required', tender)), true);
  assert.equal(needsWork({ phase: 'reversed', approval }, s('refunded', tender)), false);
  assert.equal(needsWork({ phase: 'refund-case', approval, reason: 'x' }, s('refund-required', tender)), false);
  assert.equal(needsWork({ phase: 'none' }, s('activated')), false);
});
