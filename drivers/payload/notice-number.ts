/**
 * The 18-digit notice number (codice avviso, §7.1): `<aux digit>[<application code>]<IUV>`.
 * Pure arithmetic on digit strings; the callers decide what a wrong check digit means.
 */
import type { AuxDigit } from './types';

export const NOTICE_NUMBER = /^\d{18}$/;
export const FISCAL_CODE = /^\d{11}$/;

export type NoticeNumberParts = {
  auxDigit: AuxDigit;
  /** creditorReferenceId */
  iuv: string;
  applicationCode: string | null;
  segregationCode: string | null;
  /** The two digits the notice carries and the two it should, or null when aux 1 has no check digit. */
  checkDigit: { actual: string; expected: string } | null;
};

/** Splits a notice number that already matched NOTICE_NUMBER; null when the aux digit is not 0..3. */
export function noticeNumberParts(noticeNumber: string): NoticeNumberParts | null {
  const aux = noticeNumber.charCodeAt(0) - 48;
  if (aux !== 0 && aux !== 1 && aux !== 2 && aux !== 3) return null;
  const checkDigit = aux === 1 ? null : { actual: noticeNumber.slice(16), expected: expectedCheckDigit(noticeNumber) };
  return {
    auxDigit: aux,
    iuv: noticeNumber.slice(aux === 0 ? 3 : 1),
    applicationCode: aux === 0 ? noticeNumber.slice(1, 3) : null,
    segregationCode: aux === 3 ? noticeNumber.slice(1, 3) : null,
    checkDigit,
  };
}

/**
 * For aux 0, 2 and 3 the last two digits are the first sixteen read as one number, mod 93:
 * (aux + application code + IUV base), (aux + IUV base), (aux + segregation code + IUV base) all
 * concatenate to exactly those sixteen digits. Horner's rule keeps every step below 2^53.
 */
export function expectedCheckDigit(noticeNumber: string): string {
  let rest = 0;
  for (let i = 0; i < 16; i++) rest = (rest * 10 + (noticeNumber.charCodeAt(i) - 48)) % 93;
  return String(rest).padStart(2, '0');
}
