// The status bar's outcome alert (pure part): a session seen pending is remembered; when it settles
// the alert names its notice and amount; a session never seen pending raises nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeChange } from '../../../../renderer/app/outcome-alert';
import type { SessionState } from '../../../../main/contract/schemas';

const session = (status: SessionState['status']): SessionState =>
  ({
    id: 's1',
    status,
    nextNoticeId: 2,
    decisionReason: null,
    tender: { method: 'cash', noticesCents: 4550, feeCents: 150, dueCents: 4700, givenCents: 5000, changeCents: 300 },
    notices: [{ ref: { noticeNumber: '301020250000000230' } }],
  }) as unknown as SessionState;

test('pending remembered; confirmed or refused later raises the alert; others nothing', () => {
  assert.deepEqual(outcomeChange(new Set(), session('outcome-pending')), { remember: true, forget: false, alert: null });
  assert.deepEqual(outcomeChange(new Set(), session('completed')), { remember: false, forget: false, alert: null });
  const pending = new Set(['s1']);
  assert.deepEqual(outcomeChange(pending, session('completed')).alert, {
    sessionId: 's1',
    outcome: 'confirmed',
    noticeNumber: '301020250000000230',
    notices: 1,
    cents: 4700,
  });
  assert.equal(outcomeChange(pending, session('refund-required')).alert?.outcome, 'refused');
  assert.deepEqual(outcomeChange(pending, session('cancelled')), { remember: false, forget: true, alert: null });
});
