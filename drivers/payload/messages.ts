/**
 * The closed lists of why a reading was refused (reasons) and what the operator is told about an
 * accepted one (warnings), with their i18next keys. Every key must exist in
 * locales/<lang>/payload.json for it, en and de; a unit test holds the files to these lists.
 */

export const PAYLOAD_NAMESPACE = 'payload';

export const REASONS = [
  'empty', // nothing left once the scanner's framing is removed
  'too-long', // longer than any notice code could be
  'not-a-notice', // none of the known shapes
  'looks-like-ean13', // a product barcode
  'looks-like-url', // a link (e.g. a QR pointing to a website)
  'qr-identifier', // five |-separated fields but not PAGOPA
  'qr-version', // PAGOPA but not version 002
  'qr-field-count', // PAGOPA|002 with other than five fields
  'notice-number-format', // not 18 digits
  'aux-digit', // 18 digits starting with 4..9
  'fiscal-code-format', // not 11 digits
  'fiscal-code-missing', // a bare notice number: the creditor is needed too
  'amount-format', // not 1..11 digits (QR) or 10 digits (Data Matrix)
  'postal-account-format', // Data Matrix ccPost not 12 digits
  'datamatrix-header', // codfase= but not NBPA;
  'datamatrix-layout', // a fixed part of the codeline (18, 12, 10, 3896, 1P1) is not where it belongs
  'datamatrix-truncated', // ends before the creditor fiscal code (offset 77)
  'check-digit', // mod-93 mismatch, only with strictCheckDigit
] as const;
export type PayloadInvalidReason = (typeof REASONS)[number];

export const WARNINGS = [
  'check-digit', // mod-93 mismatch; real notices carry bad ones, so the operator may go on
  'amount-zero', // printed amount 0: the node's verify answer decides what is owed
  'datamatrix-truncated', // tail after the creditor fiscal code shorter than the 255/256 printers emit
  'datamatrix-overlong', // more than 256 characters: possibly two reads glued together
] as const;
export type WarningCode = (typeof WARNINGS)[number];

export const reasonMessageKey = (reason: PayloadInvalidReason): string => `${PAYLOAD_NAMESPACE}:error.${reason}`;
export const warningMessageKey = (code: WarningCode): string => `${PAYLOAD_NAMESPACE}:warning.${code}`;
