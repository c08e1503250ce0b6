import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp858Byte, encodeCp858, printableCp858 } from '../../../../drivers/printer/cp858';
import { decodeCp858Byte } from '../../../support/escpos-interpreter';

// glibc's iconv knows IBM858: an implementation neither table was written from
function iconvHighHalf(): string {
  const r = spawnSync('iconv', ['-f', 'IBM858', '-t', 'UTF-8'], { input: Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i)) });
  assert.equal(r.status, 0, `iconv failed: ${String(r.stderr)}`);
  return r.stdout.toString('utf8');
}

test('the encoder maps every character of the CP858 upper half to the byte iconv decodes it from', () => {
  const chars = Array.from(iconvHighHalf());
  assert.equal(chars.length, 128);
  chars.forEach((ch, i) =>
    assert.equal(cp858Byte(ch), 0x80 + i, `U+${ch.codePointAt(0)?.toString(16)} should be 0x${(0x80 + i).toString(16)}`),
  );
});

test("the interpreter's CP858 table agrees with iconv byte for byte", () => {
  const chars = Array.from(iconvHighHalf());
  chars.forEach((ch, i) => assert.equal(decodeCp858Byte(0x80 + i), ch, `0x${(0x80 + i).toString(16)}`));
});

test('euro, Italian and German letters, degree and plus-minus get their CP858 bytes', () => {
  const expected: Record<string, number> = {
    '€': 0xd5,
    à: 0x85,
    è: 0x8a,
    é: 0x82,
    ì: 0x8d,
    ò: 0x95,
    ù: 0x97,
    À: 0xb7,
    È: 0xd4,
    É: 0x90,
    Ì: 0xde,
    Ò: 0xe3,
    Ù: 0xeb,
    ä: 0x84,
    ö: 0x94,
    ü: 0x81,
    ß: 0xe1,
    Ä: 0x8e,
    Ö: 0x99,
    Ü: 0x9a,
    '°': 0xf8,
    '±': 0xf1,
  };
  for (const [ch, byte] of Object.entries(expected)) assert.deepEqual([...encodeCp858(ch)], [byte], ch);
});

test('printable ASCII passes through; control characters and unmappable characters become ?', () => {
  const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
  assert.deepEqual(
    [...encodeCp858(ascii)],
    Array.from({ length: 95 }, (_, i) => 0x20 + i),
  );
  assert.equal(Buffer.from(encodeCp858('a\u0007b✓c日')).toString('latin1'), 'a?b?c?');
  assert.equal(Buffer.from(encodeCp858('😀')).toString('latin1'), '?');
});

test('decomposed accents are composed first and typographic punctuation gets its plain look-alike', () => {
  assert.deepEqual([...encodeCp858('e\u0300')], [0x8a]);
  assert.equal(printableCp858('“Comune” – l’ufficio…'), '"Comune" - l\'ufficio...');
});
