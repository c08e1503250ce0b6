// Issue 14 part 1: a serial scanner in the running core. A socat pty pair is the scanner's cable
// (its link path is the port the technician chose); what the scanner end writes reaches an
// operator's WebSocket as `scanner.scan`, and that text verifies a notice against the simulator
// exactly as a wedge scan would. Pulling the cable (socat stopped) shows as disconnected in
// `devices.status`; a new socat on the same link path is the scanner plugged back in.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPtyPair } from '../../support/pty';
import { tempDir } from '../../support/tmp';
import { QR_CANTEEN, QR_TARI, serve } from '../server/harness';
import { value } from '../security/harness';
import { Heard, scannerEnd, scannerState } from './harness';

describe('issue 14: a serial scanner in the running core', { timeout: 120_000 }, () => {
  test('scan -> scanner.scan on the WebSocket -> verified notice; unplug -> disconnected; replug -> ready and scanning', async (t) => {
    const dir = tempDir(t, 'sportello-scanner-');
    const link = { a: join(dir, 'scanner'), b: join(dir, 'scanner-end') };
    const first = await openPtyPair(t, link);
    const s = await serve(t, { api: { devices: { pollMs: 200 } } });
    const operator = s.client(await s.signIn('operator'));
    assert.equal(await operator.opened, true);
    const scans = new Heard(operator, 'scanner.scan');
    const statuses = new Heard(operator, 'devices.status');

    const id = `serial:${link.a}`;
    value(await s.api.call('technician.chooseDevices', { scanner: id, scannerLine: { baudRate: 9600, suffix: 'CR' } }));
    const ready = await scannerState(operator, statuses, id, 'ready');
    assert.deepEqual(
      ready.scanners.map((x) => [x.id, x.kind, x.status]),
      [
        ['keyboard-wedge', 'keyboard', 'ready'],
        [id, 'serial', 'ready'],
      ],
    );

    const end = scannerEnd(t, first.b);
    end.send(`${QR_TARI}\r`);
    const scan = await scans.next();
    assert.deepEqual({ ...scan, at: 0 }, { sourceId: id, kind: 'serial', text: QR_TARI, symbology: null, at: 0, terminal: 'counter' });
    // the screen does with it what it does with a wedge scan
    const session = value(await operator.call('session.start', { kind: 'counter' }));
    const added = value(await operator.call('session.addNotice', { sessionId: session.id, text: scan.text }));
    assert.equal(added.session.notices[0]?.ref.noticeNumber, '301020250000000129');
    assert.equal(added.session.notices[0]?.phase, 'verified');
    assert.equal(added.session.notices[0]?.verification?.amountCents, 12000);
    const scanned = await scannerState(operator, statuses, id, 'ready');
    assert.equal(scanned.scanners.find((x) => x.id === id)?.lastScanAt, scan.at);

    // Cable pulled.
    end.close();
    await first.close();
    const gone = await scannerState(operator, statuses, id, 'disconnected');
    assert.equal(gone.scanners.find((x) => x.id === id)?.problem?.code, 'disconnected');

    // Plugged back in: a new pty under the same link path.
    const second = await openPtyPair(t, link);
    await scannerState(operator, statuses, id, 'ready');
    scannerEnd(t, second.b).send(`${QR_CANTEEN}\r`);
    const again = await scans.next((x) => x.text === QR_CANTEEN);
    const more = value(await operator.call('session.addNotice', { sessionId: session.id, text: again.text }));
    assert.deepEqual(
      more.session.notices.map((n) => [n.ref.noticeNumber, n.phase]),
      [
        ['301020250000000129', 'verified'],
        ['301020250000000230', 'verified'],
      ],
    );
    value(await operator.call('session.cancel', { sessionId: session.id }));
  });
});
