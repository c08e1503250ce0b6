/**
 * The pagoPA QR (§7.2): `PAGOPA|002|<notice number 18>|<creditor fiscal code 11>|<amount in cents>`.
 * The spec says 2..11 amount digits and pagoPA's own library 1..10 because notices were printed with
 * one digit; the union, 1..11, accepts every notice either side would (11 digits = the XSD maximum).
 * The identifier is compared ignoring case: a keyboard-wedge scanner with Caps Lock on sends `pagopa`.
 */
import { PayloadInvalid, displayRead } from './errors';
import { FISCAL_CODE, NOTICE_NUMBER } from './notice-number';
import type { Reading } from './reading';

const AMOUNT = /^\d{1,11}$/;

/** Worth parsing as a QR: starts with the identifier, or has the QR's five fields. */
export function looksLikeQr(text: string): boolean {
  return /^pagopa\|/i.test(text) || (text.includes('|') && text.split('|', 6).length === 5);
}

export function parseQr(text: string, raw: string): Reading {
  const fields = text.split('|');
  const [identifier = '', version = ''] = fields;
  if (identifier.toUpperCase() !== 'PAGOPA') {
    throw new PayloadInvalid('qr-identifier', 'QR identifier is not PAGOPA', raw, { identifier: displayRead(identifier.slice(0, 16)) });
  }
  // the version first: another version may well have another number of fields
  if (version !== '002') {
    throw new PayloadInvalid('qr-version', 'pagoPA QR version is not 002', raw, { version: displayRead(version.slice(0, 16)) });
  }
  if (fields.length !== 5) {
    throw new PayloadInvalid('qr-field-count', `pagoPA QR has ${fields.length} fields, not 5`, raw, { fields: fields.length });
  }
  const [, , noticeNumber = '', fiscalCode = '', amount = ''] = fields;
  if (!NOTICE_NUMBER.test(noticeNumber)) {
    throw new PayloadInvalid('notice-number-format', 'QR notice number is not 18 digits', raw, { field: 'noticeNumber' });
  }
  if (!FISCAL_CODE.test(fiscalCode)) {
    throw new PayloadInvalid('fiscal-code-format', 'QR creditor fiscal code is not 11 digits', raw, { field: 'fiscalCode' });
  }
  if (!AMOUNT.test(amount)) {
    throw new PayloadInvalid('amount-format', 'QR amount is not 1 to 11 digits of euro cents', raw, { field: 'amount' });
  }
  return { kind: 'qr', noticeNumber, fiscalCode, amountCents: Number(amount), postalAccount: null, warnings: [] };
}
