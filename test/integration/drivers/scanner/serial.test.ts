// A serial scanner on a real pseudo-terminal pair (socat): the test writes to one end what a
// scanner would send, SerialScanner reads the other end through serialport.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { openPtyPair } from '../../../support/pty';
import { SerialScanner, type SerialScannerOptions } from '../../../../drivers/scanner/serial-scanner';
import { DeviceUnavailable } from '../../../../drivers/scanner/errors';
import { EventQueue } from './events';

const QR = 'PAGOPA|002|302000100000009424|01199250158|12345';

async function setup(t: Parameters<typeof openPtyPair>[0], opts: Partial<SerialScannerOptions> = {}) {
  const pty = await openPtyPair(t);
  const scanner = new SerialScanner({ path: pty.a, ...opts });
  const scans = new EventQueue(scanner, 'scan');
  const statuses = new EventQueue(scanner, 'status');
  await scanner.open();
  t.after(() => scanner.close());
  // the scanner's end of the line: kept open for the whole test, like a plugged-in device
  const fd = openSync(pty.b, 'r+');
  t.after(() => closeSync(fd));
  const send = (data: string | Uint8Array): void => {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  };
  return { pty, scanner, scans, statuses, send };
}

describe('serial scanner on a pty', () => {
  test('connected, then a QR string + CR is one scan', async (t) => {
    const { scanner, scans, statuses, send, pty } = await setup(t, { id: 'till-1' });
    const connected = await statuses.next();
    assert.equal(connected.kind, 'connected');
    assert.equal(connected.device, pty.a);
    send(`${QR}\r`);
    const scan = await scans.next();
    assert.equal(scan.text, QR);
    assert.equal(scan.symbology, null);
    assert.deepEqual(scan.source, { kind: 'serial', id: 'till-1' });
    assert.equal(scanner.isOpen, true);
  });

  test('a read split across writes is one scan', async (t) => {
    const { scans, send } = await setup(t);
    send(QR.slice(0, 15));
    await sleep(50); // lets the first part arrive on its own
    send(QR.slice(15, 30));
    await sleep(50);
    send(`${QR.slice(30)}\r`);
    assert.equal((await scans.next()).text, QR);
    assert.equal(scans.pending, 0);
  });

  test('two reads in one write are two scans, in order', async (t) => {
    const { scans, send } = await setup(t);
    send(`${QR}\rcodfase=NBPA;18302000100000009424\r`);
    assert.equal((await scans.next()).text, QR);
    assert.equal((await scans.next()).text, 'codfase=NBPA;18302000100000009424');
  });

  test('garbage bytes are delivered raw, one character per byte', async (t) => {
    const { scans, send } = await setup(t);
    send(Uint8Array.from([0x00, 0xff, 0xfe, 0x1b, 0x41, 0x80, 0x0d]));
    assert.equal((await scans.next()).text, '\u0000\u00ff\u00fe\u001bA\u0080');
  });

  test('UTF-8 comes through as UTF-8', async (t) => {
    const { scans, send } = await setup(t);
    send('Città di Bolzano – Stadt Bozen\r');
    assert.equal((await scans.next()).text, 'Città di Bolzano – Stadt Bozen');
  });

  test('CRLF suffix', async (t) => {
    const { scans, send } = await setup(t, { suffix: 'CRLF' });
    send(`${QR}\r\n${QR}\r\n`);
    assert.equal((await scans.next()).text, QR);
    assert.equal((await scans.next()).text, QR);
  });

  test("suffix 'none': the idle timeout ends the read", async (t) => {
    const { scans, send } = await setup(t, { suffix: 'none', idleTimeoutMs: 40 });
    send(QR);
    assert.equal((await scans.next()).text, QR);
  });

  test('the line going away (pty closed) is a disconnected status', async (t) => {
    const { scanner, statuses, pty } = await setup(t);
    assert.equal((await statuses.next()).kind, 'connected');
    await pty.close();
    const gone = await statuses.next();
    assert.equal(gone.kind, 'disconnected');
    assert.equal(gone.messageKey, 'scanner:status.disconnected');
    assert.equal(scanner.isOpen, false);
  });

  test('close() by us: no status', async (t) => {
    const { scanner, statuses } = await setup(t);
    assert.equal((await statuses.next()).kind, 'connected');
    await scanner.close();
    await sleep(50);
    assert.equal(statuses.pending, 0);
    assert.equal(scanner.isOpen, false);
  });

  test('a path that does not exist: DeviceUnavailable not-found and an unavailable status', async () => {
    const scanner = new SerialScanner({ path: '/dev/ttyDOESNOTEXIST' });
    const statuses = new EventQueue(scanner, 'status');
    await assert.rejects(
      scanner.open(),
      (e: unknown) => e instanceof DeviceUnavailable && e.reason === 'not-found' && e.code === 'DEVICE_UNAVAILABLE',
    );
    const s = await statuses.next();
    assert.equal(s.kind, 'unavailable');
    assert.equal(s.kind === 'unavailable' ? s.reasonKey : '', 'scanner:unavailable.not-found');
  });
});
