import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SportelloError } from '../../../../kernel/errors';
import { MAX_INPUT_LENGTH, PayloadInvalid, displayRead, parseNotice, tryParseNotice } from '../../../../drivers/payload/index';
import { BAD_CHECK_NOTICE, qr } from './samples';

function reasonOf(text: string): string {
  const r = tryParseNotice(text);
  return r.ok ? 'parsed' : r.error.reason;
}

describe('what is not a notice is named', () => {
  const cases: Array<[string, string, string]> = [
    ['empty string', '', 'empty'],
    ['only framing', '\r\n\0 \uFEFF', 'empty'],
    ['only an AIM identifier', ']Q1\r\n', 'empty'],
    ['EAN-13 product code', '4006381333931', 'looks-like-ean13'],
    ['EAN-13 from a scanner', ']E04006381333931\r', 'looks-like-ean13'],
    ['13 digits with a wrong EAN check digit', '4006381333932', 'not-a-notice'],
    ['13 digits the scanner calls EAN', ']E04006381333932', 'looks-like-ean13'],
    ['https link', 'https://checkout.pagopa.it/', 'looks-like-url'],
    ['link in upper case', 'HTTP://EXAMPLE.COM/PAGOPA|002', 'looks-like-url'],
    ['www link', 'www.pagopa.gov.it', 'looks-like-url'],
    ['link carrying a QR string', 'https://example.com/?c=PAGOPA|002|302000100000009407|77777777777|1234', 'looks-like-url'],
    ['random text', 'hello world', 'not-a-notice'],
    ['GS1-128 of an old notice', '(415)8013994000016(8020)302000100000009407(3902)0000001234', 'not-a-notice'],
    ['bare notice number', '302000100000009407', 'fiscal-code-missing'],
    ['QR cut short', 'PAGOPA|002|3020001000', 'qr-field-count'],
    ['five fields, not pagoPA', 'a|b|c|d|e', 'qr-identifier'],
    ['pipes but not five fields', 'a|b', 'not-a-notice'],
    ['too long', 'x'.repeat(MAX_INPUT_LENGTH + 1), 'too-long'],
  ];
  for (const [name, text, reason] of cases) test(`${name} -> ${reason}`, () => assert.equal(reasonOf(text), reason));
});

describe('PayloadInvalid', () => {
  test('is a typed SportelloError naming the reason, the i18n key and what was read', () => {
    const text = ']Q1PAGOPA|001|302000100000009407|77777777777|1234\r\n';
    const r = tryParseNotice(text);
    assert.equal(r.ok, false);
    if (r.ok) return;
    const e = r.error;
    assert.ok(e instanceof SportelloError);
    assert.equal(e.code, 'PAYLOAD_INVALID');
    assert.equal(e.retryable, false);
    assert.equal(e.reason, 'qr-version');
    assert.equal(e.messageKey, 'payload:error.qr-version');
    assert.deepEqual(e.details, {
      reason: 'qr-version',
      messageKey: 'payload:error.qr-version',
      read: ']Q1PAGOPA|001|302000100000009407|77777777777|1234\\r\\n',
      length: text.length,
      version: '001',
    });
    assert.equal(JSON.parse(JSON.stringify(e)).code, 'PAYLOAD_INVALID');
  });

  test('fields quoted in the details are escaped like the reading', () => {
    const r = tryParseNotice('PAGOPA|0\u001b2|302000100000009407|77777777777|1234');
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.details.version, '0\\x1b2');
    const h = tryParseNotice('codfase=\u0000BPA;');
    assert.equal(h.ok, false);
    if (!h.ok) assert.equal(h.error.details.header, 'codfase=\\x00BPA;');
  });

  test('a huge reading is refused without echoing it whole', () => {
    const huge = `\u0000${'9'.repeat(1_000_000)}`;
    const r = tryParseNotice(huge);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.reason, 'too-long');
      assert.equal(r.error.details.length, huge.length);
      assert.equal(r.error.details.read, `\\x00${'9'.repeat(76)}…`);
    }
  });

  test('something that is not a string is refused, not crashed on', () => {
    const r = tryParseNotice(42 as unknown as string);
    assert.equal(r.ok, false);
  });

  test('only reading errors are caught by tryParseNotice', () => {
    assert.equal(tryParseNotice('x').ok, false);
    assert.equal(tryParseNotice(qr()).ok, true);
  });
});

describe('displayRead', () => {
  const cases: Array<[string, string]> = [
    ['plain', 'plain'],
    ['a\r\nb\tc', 'a\\r\\nb\\tc'],
    ['\u0000\u001b\u007f', '\\x00\\x1b\\x7f'],
    ['\uFEFFx\u200B', '\\ufeffx\\u200b'],
    ['back\\slash', 'back\\\\slash'],
    ['\u0085', '\\u0085'],
    ['\uD800 lone surrogate', '\\ud800 lone surrogate'],
    ['città €', 'città €'],
  ];
  for (const [raw, shown] of cases) test(JSON.stringify(raw), () => assert.equal(displayRead(raw), shown));

  test('cuts at 77 code points, never inside a surrogate pair', () => {
    const emoji = '\u{1F600}'.repeat(100);
    const shown = displayRead(emoji);
    assert.equal(Array.from(shown).length, 78);
    assert.ok(shown.endsWith('\u{1F600}…'));
    assert.equal(displayRead('x'.repeat(77)), 'x'.repeat(77));
  });
});

describe('check digit across kinds', () => {
  test('QR with the SANP example number: warning by default, error when strict', () => {
    const n = parseNotice(qr(BAD_CHECK_NOTICE));
    assert.equal(n.checkDigitValid, false);
    assert.deepEqual(
      n.warnings.map((w) => [w.code, w.messageKey]),
      [['check-digit', 'payload:warning.check-digit']],
    );
    const strict = tryParseNotice(qr(BAD_CHECK_NOTICE), { strictCheckDigit: true });
    assert.equal(strict.ok, false);
    if (!strict.ok)
      assert.deepEqual([strict.error.reason, strict.error.details.expected, strict.error.details.actual], ['check-digit', '47', '22']);
  });

  test('valid numbers pass strict mode', () => {
    for (const n of ['302000100000009407', '001000000000012370', '200000000000012332', '300715700000000032']) {
      assert.equal(parseNotice(qr(n), { strictCheckDigit: true }).checkDigitValid, true, n);
    }
  });

  test('one flipped digit anywhere in a valid number is caught', () => {
    const good = '302000100000009407';
    for (let i = 1; i < 18; i++) {
      const flipped = good.slice(0, i) + String((Number(good[i]) + 1) % 10) + good.slice(i + 1);
      assert.equal(parseNotice(qr(flipped)).checkDigitValid, false, flipped);
    }
  });
});

test('PayloadInvalid can be constructed and matched by callers', () => {
  const e = new PayloadInvalid('empty', 'nothing', '');
  assert.equal(e.name, 'PayloadInvalid');
  assert.equal(e.details.read, '');
});
