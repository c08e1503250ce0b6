// Is the chosen printer there: device nodes looked for without sending a byte, file targets by
// their directory, network printers never probed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { printerPresence } from '../../../../../main/services/devices/printer-presence';
import { openPtyPair } from '../../../../support/pty';
import { tempDir } from '../../../../support/tmp';

describe('printerPresence', () => {
  test('a serial printer: ready while its line exists, disconnected once it is gone', async (t) => {
    const pty = await openPtyPair(t);
    assert.deepEqual(await printerPresence(`serial:${pty.a}?baud=9600`), { status: 'ready' });
    await pty.close();
    assert.deepEqual(await printerPresence(`serial:${pty.a}?baud=9600`), { status: 'disconnected', problem: { code: 'not-found' } });
  });

  test('a USB printer node that is not there is disconnected', async () => {
    assert.deepEqual(await printerPresence('usb:/dev/usb/lp97'), { status: 'disconnected', problem: { code: 'not-found' } });
  });

  test('a file target is ready when its directory exists, an error when not; tcp and documents are unknown', async (t) => {
    const dir = tempDir(t);
    assert.deepEqual(await printerPresence(`file:${join(dir, 'out.bin')}`), { status: 'ready' });
    assert.deepEqual(await printerPresence(`file:${join(dir, 'nope', 'out.bin')}`), { status: 'error', problem: { code: 'io-error' } });
    assert.deepEqual(await printerPresence('tcp:192.0.2.1:9100'), { status: 'unknown' });
    assert.deepEqual(await printerPresence(`pdf:${join(dir, 'x.pdf')}`), { status: 'unknown' });
  });
});
