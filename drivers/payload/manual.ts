/**
 * Notices typed by a person: the notice number and the creditor fiscal code, as two fields (the
 * payment screens) or as one `fiscalCode/noticeNumber` string (the CLI). People copy the grouping
 * printed on the notice, so spaces, dots, dashes and underscores between digits are dropped.
 * With the `/` form the two parts are told apart by length (11 vs 18 digits), so either order works.
 */
import { PayloadInvalid } from './errors';
import { FISCAL_CODE, NOTICE_NUMBER } from './notice-number';
import type { Reading } from './reading';

export type ManualEntry = { noticeNumber: string; fiscalCode: string };

// whitespace (incl. no-break space), dot, hyphen-minus, underscore, Unicode hyphens and dashes
const SEPARATORS = /[\s._\-\u2010-\u2015]/g;
const PAIR = /^[\d\s._\-\u2010-\u2015]+\/[\d\s._\-\u2010-\u2015]+$/;

export const digitsOnly = (typed: string): string => typed.replace(SEPARATORS, '');

export function looksLikeManualPair(text: string): boolean {
  return PAIR.test(text);
}

export function parseManualPair(text: string, raw: string): Reading {
  const [first = '', second = ''] = text.split('/').map(digitsOnly);
  const noticeFirst = first.length === 18 && second.length !== 18;
  return parseManualEntry(noticeFirst ? { noticeNumber: first, fiscalCode: second } : { noticeNumber: second, fiscalCode: first }, raw);
}

export function parseManualEntry(entry: ManualEntry, raw: string): Reading {
  const noticeNumber = digitsOnly(entry.noticeNumber);
  const fiscalCode = digitsOnly(entry.fiscalCode);
  if (!NOTICE_NUMBER.test(noticeNumber)) {
    throw new PayloadInvalid('notice-number-format', 'the notice number is not 18 digits', raw, {
      field: 'noticeNumber',
      digits: countDigits(noticeNumber),
    });
  }
  if (fiscalCode === '') {
    throw new PayloadInvalid('fiscal-code-missing', 'the creditor fiscal code is missing', raw, { field: 'fiscalCode' });
  }
  if (!FISCAL_CODE.test(fiscalCode)) {
    throw new PayloadInvalid('fiscal-code-format', 'the creditor fiscal code is not 11 digits', raw, {
      field: 'fiscalCode',
      digits: countDigits(fiscalCode),
    });
  }
  return { kind: 'manual', noticeNumber, fiscalCode, amountCents: null, postalAccount: null, warnings: [] };
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) n++;
  return n;
}
