import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchUrl } from '../../../../main/shell/browser-kiosk';
import { readLaunch } from '../../../../renderer/app/launch';
import { CART_LIMIT } from '../../../../renderer/counter/payment/limits';
import { MAX_NOTICES } from '../../../../main/engine/types';
import { stepOf } from '../../../../renderer/counter/payment/steps';
import { deadlineTone, DEADLINE_WARNING_MS } from '../../../../renderer/app/deadline';
import type { z } from 'zod';
import { sessionStatus } from '../../../../main/contract/schemas';

describe('how the page was launched', () => {
  test('reads the URL browser-kiosk mode makes', () => {
    const url = new URL(launchUrl({ url: 'http://127.0.0.1:4321', token: 'ab'.repeat(32) }, 'kiosk'));
    assert.deepEqual(readLaunch(url), { token: 'ab'.repeat(32), mode: 'kiosk' });
  });

  test('a query mode works, an unknown mode or a malformed token is ignored', () => {
    assert.deepEqual(readLaunch({ hash: '', search: '?mode=technician' }), { token: null, mode: 'technician' });
    assert.deepEqual(readLaunch({ hash: '#mode=admin&token=<script>', search: '' }), { token: null, mode: null });
    assert.deepEqual(readLaunch({ hash: '', search: '' }), { token: null, mode: null });
  });
});

describe('counter facts kept in step with the core', () => {
  test("the cart limit is the engine's", () => assert.equal(CART_LIMIT, MAX_NOTICES));

  test('every session status has a step', () => {
    // Typed over the contract's union: a new status without a step does not compile.
    const expected: Record<z.infer<typeof sessionStatus>, ReturnType<typeof stepOf>> = {
      cart: 'entry',
      activating: 'activating',
      activated: 'tender',
      'activation-refused': 'refused',
      'outcome-pending': 'outcome',
      completed: 'certificate',
      certified: 'certificate',
      cancelling: 'cancelled',
      'token-expired': 'cancelled',
      cancelled: 'cancelled',
      'refund-required': 'attention',
      refunded: 'attention',
      'needs-decision': 'attention',
    };
    for (const status of sessionStatus.options) {
      const step = stepOf({ id: 's', status, notices: [], nextNoticeId: 1, tender: null, decisionReason: null });
      assert.equal(step, expected[status], status);
    }
    assert.equal(stepOf(null), 'entry');
  });

  test('the status bar turns the deadline red under five minutes', () => {
    const now = 1_000_000;
    assert.equal(deadlineTone(null, now), 'ok');
    assert.equal(deadlineTone(now + DEADLINE_WARNING_MS + 1, now), 'ok');
    assert.equal(deadlineTone(now + DEADLINE_WARNING_MS - 1, now), 'danger');
    assert.equal(deadlineTone(now - 1, now), 'danger');
  });
});
