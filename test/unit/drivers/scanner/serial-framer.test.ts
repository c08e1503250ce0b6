import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SerialFramer } from '../../../../drivers/scanner/serial-framer';

const enc = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const dec = (frames: Uint8Array[]): string[] => frames.map((f) => String.fromCharCode(...f));

describe('serial framing', () => {
  test('CR: one read, reads split across chunks, several reads in one chunk', () => {
    const f = new SerialFramer('CR');
    assert.deepEqual(dec(f.push(enc('PAGOPA|002\r'))), ['PAGOPA|002']);
    assert.deepEqual(dec(f.push(enc('ab'))), []);
    assert.deepEqual(dec(f.push(enc('c\rde\rf'))), ['abc', 'de']);
    assert.equal(f.pending, true);
    assert.deepEqual(dec(f.push(enc('\r'))), ['f']);
  });

  test('CRLF: the pair may be split between chunks; a lone CR is data', () => {
    const f = new SerialFramer('CRLF');
    assert.deepEqual(dec(f.push(enc('one\r'))), []);
    assert.deepEqual(dec(f.push(enc('\ntw\ro\r\n'))), ['one', 'tw\ro']);
  });

  test('LF, and empty reads (lone suffixes) dropped', () => {
    const f = new SerialFramer('LF');
    assert.deepEqual(dec(f.push(enc('\n\nx\n\n'))), ['x']);
  });

  test("'none' keeps everything pending until flush", () => {
    const f = new SerialFramer('none');
    assert.deepEqual(f.push(enc('abc\r')), []);
    assert.deepEqual(dec([f.flush() ?? new Uint8Array()]), ['abc\r']);
    assert.equal(f.flush(), null);
  });

  test('a run without suffix longer than the cap is delivered in pieces', () => {
    const f = new SerialFramer('CR', 4);
    assert.deepEqual(dec(f.push(enc('abcdefghij'))), ['abcd', 'efgh']);
    assert.deepEqual(dec(f.push(enc('\r'))), ['ij']);
  });

  test('bytes are kept as they are, high bytes and NUL included', () => {
    const f = new SerialFramer('CR');
    const frames = f.push(Uint8Array.from([0x00, 0xff, 0x80, 0x0d]));
    assert.deepEqual(
      frames.map((x) => [...x]),
      [[0x00, 0xff, 0x80]],
    );
  });
});
