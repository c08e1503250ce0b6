import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAmount, formatDateTime } from '../../../../drivers/certificate/format';
import { certificateText } from '../../../../drivers/certificate/messages';
import { CertificateContextInvalid } from '../../../../drivers/certificate/errors';

const it = certificateText('it');
const en = certificateText('en');
const de = certificateText('de');

test("amounts: integer cents to the locale's text, grouping every three digits", () => {
  const cases: Array<[number, string, string]> = [
    [0, '€ 0,00', '€0.00'],
    [5, '€ 0,05', '€0.05'],
    [99, '€ 0,99', '€0.99'],
    [100, '€ 1,00', '€1.00'],
    [150, '€ 1,50', '€1.50'],
    [99_999, '€ 999,99', '€999.99'],
    [123_456, '€ 1.234,56', '€1,234.56'],
    [100_000_000, '€ 1.000.000,00', '€1,000,000.00'],
    [99_999_999_999, '€ 999.999.999,99', '€999,999,999.99'],
    [5 * 99_999_999_999, '€ 4.999.999.999,95', '€4,999,999,999.95'],
  ];
  for (const [cents, italian, english] of cases) {
    assert.equal(formatAmount(cents, it), italian, `it ${cents}`);
    assert.equal(formatAmount(cents, de), italian, `de ${cents}`);
    assert.equal(formatAmount(cents, en), english, `en ${cents}`);
  }
});

test('amounts: anything but a whole, non-negative number of cents is refused (no floats)', () => {
  for (const bad of [1.5, -1, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) {
    assert.throws(() => formatAmount(bad, it), CertificateContextInvalid, String(bad));
  }
});

test('date and time in Italian time, summer and winter, per locale pattern', () => {
  const summer = Date.UTC(2025, 6, 1, 12, 34, 56); // CEST, UTC+2
  const winter = Date.UTC(2025, 0, 31, 23, 5, 9); // CET, UTC+1: already 1 February in Rome
  assert.equal(formatDateTime(summer, 'Europe/Rome', it), '01/07/2025 14:34:56');
  assert.equal(formatDateTime(summer, 'Europe/Rome', de), '01.07.2025 14:34:56');
  assert.equal(formatDateTime(summer, 'Europe/Rome', en), '01/07/2025 14:34:56');
  assert.equal(formatDateTime(winter, 'Europe/Rome', it), '01/02/2025 00:05:09');
  assert.equal(formatDateTime(winter, 'UTC', it), '31/01/2025 23:05:09');
});

test('midnight is 00, never 24', () => {
  assert.equal(formatDateTime(Date.UTC(2025, 2, 9, 23, 0, 0), 'Europe/Rome', it), '10/03/2025 00:00:00');
});
