// The counter's way out of trouble without a reload (renderer/counter/payment/recovery.ts) and the
// step an abandoned activation resumes at (steps.ts): pure functions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterFailedAdd, errorKind, resumable } from '../../../../../renderer/counter/payment/recovery';
import { stepOf } from '../../../../../renderer/counter/payment/steps';
import type { NoticeState, SessionState } from '../../../../../main/engine/types';

const notice = { id: 1, phase: 'verified' } as NoticeState;
const session = (id: string, over: Partial<SessionState> = {}): SessionState =>
  ({ id, status: 'cart', notices: [], tender: null, decisionReason: null, ...over }) as SessionState;

test('refusals leave the screen as it is; anything else puts it out of step with the core', () => {
  for (const code of [
    'PAYLOAD_INVALID',
    'EVENT_INVALID',
    'TENDER_INVALID',
    'REQUEST_INVALID',
    'PPT_PAGAMENTO_IN_CORSO',
    'NODE_UNREACHABLE',
    'SHIFT_NOT_OPEN',
  ]) {
    assert.equal(errorKind({ code }), 'refusal', code);
  }
  assert.equal(errorKind({ code: 'TRANSPORT_CLOSED' }), 'link');
  for (const code of [
    'DB_CONSTRAINT',
    'INTERNAL',
    'RESPONSE_INVALID',
    'EVENT_NOT_ALLOWED',
    'SESSION_NOT_FOUND',
    'STORAGE_UNAVAILABLE',
    'SOMETHING_NEW',
  ]) {
    assert.equal(errorKind({ code }), 'out-of-step', code);
  }
});

test('a notice that could not be added goes into a new cart only when the old one is empty or gone', () => {
  assert.equal(afterFailedAdd(null), 'new-cart');
  assert.equal(afterFailedAdd(session('a')), 'new-cart');
  assert.equal(afterFailedAdd(session('a', { notices: [notice] })), 'show', 'notices read are never dropped silently');
  assert.equal(afterFailedAdd(session('a', { status: 'activated', notices: [notice] })), 'show', 'the core moved on: follow it');
});

test('a fresh screen resumes the newest open payment the operator has not moved on from', () => {
  const open = [session('new'), session('old')];
  assert.equal(resumable(open, new Set())?.id, 'new');
  assert.equal(resumable(open, new Set(['new']))?.id, 'old');
  assert.equal(resumable(open, new Set(['new', 'old'])), null);
  assert.equal(resumable([], new Set()), null);
});

test('an activation abandoned by a restart is taken up at the tender; other decisions stay with a supervisor', () => {
  assert.equal(stepOf(session('a', { status: 'needs-decision', decisionReason: 'abandoned-activation' })), 'tender');
  assert.equal(stepOf(session('a', { status: 'needs-decision', decisionReason: 'outcome-unsettled' })), 'attention');
  const tender = { method: 'card', noticesCents: 100, feeCents: 0, dueCents: 100, givenCents: null, changeCents: 0 } as const;
  assert.equal(stepOf(session('a', { status: 'needs-decision', decisionReason: 'abandoned-activation', tender })), 'attention');
});

test("a spontaneous payment's refusals are refusals: a demand the creditor refused is never sent again into a new cart", () => {
  for (const code of [
    'SERVICE_DATA_REFUSED',
    'SERVICE_DATA_INVALID',
    'SERVICE_UNKNOWN',
    'SERVICE_SCHEMA_MISSING',
    'CREDITOR_UNREACHABLE',
    'CATALOGUE_NONE',
  ])
    assert.equal(errorKind({ code }), 'refusal', code);
});
