import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStatusByte, parseStatus, queryStatus, statusProblem } from '../../../../drivers/printer/status';
import { TransportReadTimeout } from '../../../../drivers/printer/errors';
import type { PrinterTransport } from '../../../../drivers/printer/transport';

// Answer bytes laid out by hand from Epson's DLE EOT tables (fixed bits 0x12 in every answer).
const IDLE = [0x12, 0x12, 0x12, 0x12] as const;

test('a printer at rest is online with nothing to report', () => {
  const s = parseStatus(IDLE);
  assert.deepEqual(
    { ...s, raw: undefined },
    { online: true, coverOpen: false, paperEnd: false, paperNearEnd: false, error: false, drawerOpen: false, raw: undefined },
  );
  assert.equal(statusProblem(s), undefined);
});

test('each status bit is read from its own answer', () => {
  assert.equal(parseStatus([0x1a, 0x12, 0x12, 0x12]).online, false); // n=1 bit3 offline
  assert.equal(parseStatus([0x16, 0x12, 0x12, 0x12]).drawerOpen, true); // n=1 bit2 drawer pin
  assert.equal(parseStatus([0x12, 0x16, 0x12, 0x12]).coverOpen, true); // n=2 bit2
  assert.equal(parseStatus([0x12, 0x32, 0x12, 0x12]).paperEnd, true); // n=2 bit5 stopped by paper end
  assert.equal(parseStatus([0x12, 0x52, 0x12, 0x12]).error, true); // n=2 bit6
  assert.equal(parseStatus([0x12, 0x12, 0x16, 0x12]).error, true); // n=3 bit2 autocutter
  assert.equal(parseStatus([0x12, 0x12, 0x1a, 0x12]).error, true); // n=3 bit3 unrecoverable
  assert.equal(parseStatus([0x12, 0x12, 0x32, 0x12]).error, true); // n=3 bit5 auto-recoverable
  assert.equal(parseStatus([0x12, 0x12, 0x12, 0x1e]).paperNearEnd, true); // n=4 bits 2,3
  assert.equal(parseStatus([0x12, 0x12, 0x12, 0x72]).paperEnd, true); // n=4 bits 5,6
  assert.equal(parseStatus([0x12, 0x1a, 0x12, 0x12]).paperEnd, false, 'bit3 of n=2 is the feed button, not paper');
});

test('the most actionable problem wins: cover, then paper, then error, then offline', () => {
  assert.equal(statusProblem(parseStatus([0x1a, 0x36, 0x12, 0x72])), 'cover-open');
  assert.equal(statusProblem(parseStatus([0x1a, 0x72, 0x12, 0x72])), 'paper-end');
  assert.equal(statusProblem(parseStatus([0x1a, 0x52, 0x12, 0x12])), 'printer-error');
  assert.equal(statusProblem(parseStatus([0x1a, 0x12, 0x12, 0x12])), 'offline');
  assert.equal(statusProblem(parseStatus([0x12, 0x12, 0x12, 0x1e])), undefined, 'near end still prints');
  assert.equal(statusProblem('unknown'), undefined);
});

test('status bytes are told from stray data by their fixed bits', () => {
  assert.ok(isStatusByte(0x12) && isStatusByte(0x7e));
  for (const b of [0x00, 0x0a, 0x13, 0x92, 0xff, 0x10]) assert.equal(isStatusByte(b), false, b.toString(16));
});

// An in-memory line stands in for a printer here: this test is about the question/answer
// sequence; the same code runs over a real pty in test/integration/drivers/printer.
function scriptedLine(answers: number[]): PrinterTransport & { asked: number[][] } {
  const asked: number[][] = [];
  return {
    target: { kind: 'file', path: '/dev/null' },
    asked,
    write: async (bytes) => void asked.push([...bytes]),
    read: async (n, timeoutMs) => {
      if (answers.length < n) throw new TransportReadTimeout(n, answers.length, timeoutMs);
      return Uint8Array.from(answers.splice(0, n));
    },
    close: async () => undefined,
  };
}

test('queryStatus asks DLE EOT 1..4 in order and skips bytes that cannot be answers', async () => {
  const line = scriptedLine([0x00, 0x12, 0xff, 0x36, 0x12, 0x72]);
  const s = await queryStatus(line, 50);
  assert.deepEqual(line.asked, [
    [0x10, 0x04, 1],
    [0x10, 0x04, 2],
    [0x10, 0x04, 3],
    [0x10, 0x04, 4],
  ]);
  assert.deepEqual(s === 'unknown' ? s : s.raw, [0x12, 0x36, 0x12, 0x72]);
  assert.equal(statusProblem(s), 'cover-open');
});

test('a silent printer makes queryStatus fail with a read timeout; no read means unknown', async () => {
  await assert.rejects(queryStatus(scriptedLine([0x12]), 20), TransportReadTimeout);
  const { read: _read, ...writeOnly } = scriptedLine([]);
  assert.equal(await queryStatus(writeOnly, 20), 'unknown');
});
