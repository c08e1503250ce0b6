// The card terminal in the live device table (issue 14 "Done when": the technician's device screen
// shows every device of every kind with its live status): `devices.status` lists it beside the
// scanners and the printer, follows it while a card is asked for, and drops it when the technician
// removes it. Real core and simulator; the demo's simulated card terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeCardTerminalSettings } from '../../../main/services/kiosk/settings';
import type { DeviceStatus } from '../../../main/contract/events';
import { QR_TARI, start, value } from './harness';

test('devices.status lists the card terminal, pushes what it is doing, and drops it when removed', async (t) => {
  const s = await start(t);
  writeCardTerminalSettings(s.core.db, { kind: 'simulated', script: 'approve', stepMs: 50, cardWaitMs: 0 });
  const first = value(await s.api.call('devices.status', {}));
  assert.equal(first.cardTerminals?.length, 1, JSON.stringify(first));
  assert.equal(first.cardTerminals[0]!.status, 'ready');
  assert.equal(first.cardTerminals[0]!.activity, 'ready');
  assert.ok(
    first.scanners.some((sc) => sc.kind === 'keyboard'),
    'the scanners are still listed',
  );

  const pushed: DeviceStatus[] = [];
  const off = s.api.on('devices.status', (d) => pushed.push(d));
  t.after(off);
  const session = value(await s.api.call('session.start', { kind: 'kiosk' }));
  value(await s.api.call('session.addNotice', { sessionId: session.id, text: QR_TARI }));
  value(await s.api.call('session.activate', { sessionId: session.id }));
  const paid = value(await s.api.call('kiosk.payByCard', { sessionId: session.id }));
  assert.equal(paid.result, 'approved');
  const activities = pushed.map((d) => d.cardTerminals?.[0]?.activity);
  assert.ok(activities.includes('present-card'), `the card request was pushed: ${JSON.stringify(activities)}`);
  assert.equal(activities.at(-1), 'ready', 'and the terminal idle again after the approval');

  writeCardTerminalSettings(s.core.db, { kind: 'none' });
  const after = value(await s.api.call('devices.status', {}));
  assert.deepEqual(after.cardTerminals, [], 'no card terminal, no row');
});
