// 100k random and mutated readings: nothing escapes as an untyped throw, every refusal is a
// PayloadInvalid with a known reason and a safe display, and every success keeps the notice
// invariants. Seeded so a failure reproduces: SPORTELLO_FUZZ_SEED=<seed> node test/run.mjs fuzz
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCents } from '../../../../kernel/money';
import { PayloadInvalid, REASONS, WARNINGS, parseNotice, type ParsedNotice } from '../../../../drivers/payload/index';
import { CREDITOR, VALID_NOTICES, posteDataMatrix, qr } from './samples';

const SEED = Number(process.env.SPORTELLO_FUZZ_SEED ?? 0x5ec0de);
const RUNS = 100_000;

/** mulberry32: small, fast, good enough to spread inputs; the same seed gives the same run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(SEED);
const int = (n: number): number => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
const digits = (n: number): string => Array.from({ length: n }, () => String(int(10))).join('');

const PIECES = [
  'PAGOPA',
  'pagopa',
  '|',
  '002',
  'codfase=NBPA;',
  '18',
  '12',
  '10',
  '3896',
  '1P1',
  '/',
  ' ',
  '-',
  '.',
  '\r\n',
  '\t',
  '\0',
  '\uFEFF',
  ']Q1',
  ']d2',
  ']E0',
  'http://',
  '\u{1F600}',
  '\uD800',
  'è',
  'A',
  ...VALID_NOTICES,
  CREDITOR,
];
const CHARS = '0123456789|/ .-;=]AaPpQqdEe\r\n\t\0\u00a0\u2013\uFEFF\u0085€è\uD83D';

function randomChar(): string {
  return rand() < 0.7 ? pick([...CHARS]) : String.fromCharCode(int(0x10000));
}

function randomBytes(): string {
  return Array.from({ length: int(300) }, () => String.fromCharCode(int(256))).join('');
}

function randomPieces(): string {
  return Array.from({ length: int(12) }, () => (rand() < 0.6 ? pick(PIECES) : digits(1 + int(20)))).join('');
}

function validQr(): string {
  return qr(`${int(4)}${digits(17)}`, digits(11), digits(1 + int(11)));
}

function validDataMatrix(): string {
  const dm = posteDataMatrix({ notice: `${int(4)}${digits(17)}`, account: digits(12), amount: digits(10), fiscalCode: digits(11) });
  return rand() < 0.3 ? dm.slice(0, 77 + int(180)) : dm;
}

function mutate(s: string): string {
  let out = s;
  for (let i = 0, n = 1 + int(3); i < n; i++) {
    const at = int(out.length + 1);
    switch (int(8)) {
      case 0:
        out = out.slice(0, at);
        break; // truncation
      case 1:
        out = out.slice(0, at) + randomChar() + out.slice(at + 1);
        break; // flip
      case 2:
        out = out.slice(0, at) + randomChar() + out.slice(at);
        break; // insertion
      case 3:
        out = out.slice(0, at) + out.slice(at + 1 + int(5));
        break; // deletion
      case 4:
        out = out.slice(0, at) + pick(PIECES) + out.slice(at);
        break; // a meaningful piece
      case 5:
        out = pick(['', ']Q1', ']d2', '\uFEFF', ' ', ']X0']) + out + pick(['', '\r\n', '\r', '\t', '\0\0', '  ']);
        break; // framing
      case 6:
        out = rand() < 0.5 ? out.toUpperCase() : out.toLowerCase();
        break;
      default:
        out = out + out.slice(0, int(out.length));
        break; // a second read glued on
    }
  }
  return out;
}

function huge(): string {
  const base = pick([qr(), posteDataMatrix(), '9', ' ', '|']);
  return base.repeat(Math.ceil((4000 + int(200_000)) / base.length));
}

function nextInput(i: number): string {
  if (i % 5000 === 0) return huge();
  switch (i % 6) {
    case 0:
      return randomBytes();
    case 1:
      return randomPieces();
    case 2:
      return mutate(validQr());
    case 3:
      return mutate(validDataMatrix());
    case 4:
      return mutate(pick([`${CREDITOR}/${pick(VALID_NOTICES)}`, pick(VALID_NOTICES)]));
    default:
      return rand() < 0.5 ? validQr() : validDataMatrix();
  }
}

function checkNotice(n: ParsedNotice, strict: boolean): void {
  assert.match(n.noticeNumber, /^\d{18}$/);
  assert.match(n.fiscalCode, /^\d{11}$/);
  assert.ok(n.amountCents === null || isCents(n.amountCents), `amount ${String(n.amountCents)}`);
  assert.equal(n.auxDigit, Number(n.noticeNumber[0]));
  assert.ok(n.auxDigit >= 0 && n.auxDigit <= 3);
  assert.equal(n.iuv, n.noticeNumber.slice(n.auxDigit === 0 ? 3 : 1));
  assert.equal(n.postalAccount !== null, n.kind === 'poste-datamatrix');
  if (n.postalAccount !== null) assert.match(n.postalAccount, /^\d{12}$/);
  if (n.kind === 'manual') assert.equal(n.amountCents, null);
  const mod93 = String(BigInt(n.noticeNumber.slice(0, 16)) % 93n).padStart(2, '0');
  assert.equal(n.checkDigitValid, n.auxDigit === 1 ? null : mod93 === n.noticeNumber.slice(16));
  if (strict) assert.notEqual(n.checkDigitValid, false);
  for (const w of n.warnings) {
    assert.ok((WARNINGS as readonly string[]).includes(w.code), w.code);
    assert.equal(w.messageKey, `payload:warning.${w.code}`);
  }
}

function checkRefusal(e: unknown, input: string): void {
  assert.ok(e instanceof PayloadInvalid, `untyped throw: ${String(e)}`);
  assert.ok((REASONS as readonly string[]).includes(e.reason), e.reason);
  assert.equal(e.details.length, input.length);
  for (const [key, value] of Object.entries(e.details)) {
    if (typeof value === 'string') assert.doesNotMatch(value, /[\u0000-\u001f\u007f-\u009f\uFEFF]/, `details.${key}`);
  }
  const read = e.details.read;
  assert.equal(typeof read, 'string');
  assert.doesNotMatch(read as string, /[\u0000-\u001f\u007f-\u009f\uFEFF]/);
  // 77 characters of the input at most, each shown as at most six (\uXXXX), plus the ellipsis
  assert.ok(Array.from(read as string).length <= 77 * 6 + 1, `display of ${Array.from(read as string).length}`);
}

test(`fuzz: ${RUNS} readings (seed ${SEED})`, () => {
  const seen = { parsed: 0, refused: 0 };
  for (let i = 0; i < RUNS; i++) {
    const input = nextInput(i);
    const strict = i % 4 === 0;
    try {
      checkNotice(parseNotice(input, { strictCheckDigit: strict }), strict);
      seen.parsed++;
    } catch (e) {
      if (e instanceof assert.AssertionError)
        throw new Error(`seed ${SEED}, run ${i}, input ${JSON.stringify(input.slice(0, 300))}: ${e.message}`);
      try {
        checkRefusal(e, input);
      } catch (failure) {
        throw new Error(`seed ${SEED}, run ${i}, input ${JSON.stringify(input.slice(0, 300))}: ${String(failure)}`);
      }
      seen.refused++;
    }
  }
  // the generator must exercise both sides, or the run proves little
  assert.ok(seen.parsed > RUNS / 10, `only ${seen.parsed} parsed`);
  assert.ok(seen.refused > RUNS / 10, `only ${seen.refused} refused`);
});

test('fuzz: valid codes built from random fields read back exactly', () => {
  const r = prng(SEED ^ 0xabcdef);
  const d = (n: number) => Array.from({ length: n }, () => String(Math.floor(r() * 10))).join('');
  for (let i = 0; i < 5000; i++) {
    const notice = `${Math.floor(r() * 4)}${d(17)}`;
    const fiscalCode = d(11);
    const amount = d(1 + Math.floor(r() * 11));
    const a = parseNotice(qr(notice, fiscalCode, amount));
    assert.deepEqual([a.noticeNumber, a.fiscalCode, a.amountCents], [notice, fiscalCode, Number(amount)]);
    const account = d(12);
    const cents = d(10);
    const b = parseNotice(posteDataMatrix({ notice, fiscalCode, account, amount: cents }));
    assert.deepEqual([b.noticeNumber, b.fiscalCode, b.postalAccount, b.amountCents], [notice, fiscalCode, account, Number(cents)]);
  }
});
