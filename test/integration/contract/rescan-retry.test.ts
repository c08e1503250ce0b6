// Issue 13 (counter): a row saying "no answer from pagoPA" had no retry, and scanning the notice again
// said "already in the cart" in English. Scanning it again now verifies it again, in place; any
// other notice already in the cart is refused with a code the screens translate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QR_CANTEEN, QR_TARI, error, start, value } from './harness';

test('a notice whose verify got no answer is verified again by scanning it again', async (t) => {
  const { core, api } = await start(t);
  const { id } = value(await api.call('session.start', { kind: 'counter' }));
  core.sim!.injectFaults({ kind: 'outage' });
  const failed = value(await api.call('session.addNotice', { sessionId: id, text: QR_TARI }));
  assert.equal(failed.session.notices[0]?.phase, 'verify-failed');
  core.sim!.clearFaults();

  const again = value(await api.call('session.addNotice', { sessionId: id, text: QR_TARI }));
  assert.deepEqual(
    again.session.notices.map((n) => [n.id, n.phase, n.verification?.amountCents]),
    [[1, 'verified', 12000]],
  );
});

test('a notice already verified in the cart is refused as NOTICE_ALREADY_IN_CART', async (t) => {
  const { api } = await start(t);
  const { id } = value(await api.call('session.start', { kind: 'counter' }));
  value(await api.call('session.addNotice', { sessionId: id, text: QR_CANTEEN }));
  const dup = error(await api.call('session.addNotice', { sessionId: id, text: QR_CANTEEN }));
  assert.equal(dup.code, 'NOTICE_ALREADY_IN_CART');
});
