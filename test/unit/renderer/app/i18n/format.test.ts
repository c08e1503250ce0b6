// Money from integer cents by string math, per language, and euro amounts typed by an operator.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCountdown, formatDate, formatMoney, parseEuroInput } from '../../../../../renderer/app/i18n/format';
import { makeTranslate } from '../../../../../renderer/app/i18n/translate';
import type { Lang } from '../../../../../renderer/app/i18n/translate';

const app = (lang: Lang) => JSON.parse(readFileSync(join(process.cwd(), 'locales', lang, 'app.json'), 'utf8')) as unknown;
const t = (lang: Lang) => makeTranslate({ it: { app: app('it') }, en: { app: app('en') }, de: { app: app('de') } }, lang);

describe('money on screen', () => {
  test('Italian writes € 1.234,56', () => {
    assert.equal(formatMoney(123456, t('it')), '€ 1.234,56');
    assert.equal(formatMoney(5, t('it')), '€ 0,05');
    assert.equal(formatMoney(0, t('it')), '€ 0,00');
    assert.equal(formatMoney(123456789012, t('it')), '€ 1.234.567.890,12');
  });

  test('English and German, and a negative difference', () => {
    assert.equal(formatMoney(123456, t('en')), '€1,234.56');
    assert.equal(formatMoney(123456, t('de')), '€ 1.234,56');
    assert.equal(formatMoney(-150, t('it')), '-€ 1,50');
  });

  test('never a float: large safe amounts keep every cent; unsafe ones are not shown as a number', () => {
    assert.equal(formatMoney(Number.MAX_SAFE_INTEGER, t('en')), '€90,071,992,547,409.91');
    assert.equal(formatMoney(10.5, t('it')), '—');
  });
});

describe('typed euro amounts', () => {
  const cases: Array<[string, number | null]> = [
    ['20', 2000],
    ['20,5', 2050],
    ['20.50', 2050],
    ['0,05', 5],
    ['€ 130', 13000],
    [' 1.234,56 ', 123456],
    ['1,234.56', 123456],
    ['1.234', 123400],
    ['1.23', 123],
    ['', null],
    ['abc', null],
    ['-5', null],
    ['1,2,3', null],
    ['1.234.5', null],
    ['12,345,67', null],
    ['20,505', 2050500],
    ['123456789012', null],
  ];
  for (const [input, cents] of cases) {
    test(`${JSON.stringify(input)} -> ${cents}`, () => assert.equal(parseEuroInput(input), cents));
  }
});

describe('dates and countdowns', () => {
  test('a due date keeps its calendar day (no time-zone shift)', () => {
    assert.equal(formatDate('2026-12-31', t('it')), '31/12/2026');
    assert.equal(formatDate('2026-12-31+01:00', t('de')), '31.12.2026');
    assert.equal(formatDate('soon', t('it')), 'soon');
  });

  test('countdown', () => {
    assert.equal(formatCountdown(29 * 60_000 + 59_400), '29:59');
    assert.equal(formatCountdown(3_600_000 + 61_000), '1:01:01');
    assert.equal(formatCountdown(-5), '0:00');
  });
});
