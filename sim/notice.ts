/**
 * Notice numbers (codice avviso, 18 digits) as the creditor prints them: aux digit, then either an
 * application code or a segregation code, the IUV base and, for aux 0/2/3, a mod-93 check digit
 * (SACI "Generazione dell'Identificativo Univoco di Versamento"). The simulator needs the
 * check digit to mint valid numbers and the IUV (creditorReferenceId) that activations return.
 */

const NOTICE_RE = /^\d{18}$/;

/** Two-digit check of the digits before it: Number(prefix) mod 93, computed without floats. */
export function checkDigits(prefix: string): string {
  let rest = 0;
  for (const ch of prefix) rest = (rest * 10 + (ch.charCodeAt(0) - 48)) % 93;
  return String(rest).padStart(2, '0');
}

/** True when the notice's aux digit carries a check digit and it matches (aux 1 has none: always true). */
export function hasValidCheckDigit(noticeNumber: string): boolean {
  if (!NOTICE_RE.test(noticeNumber)) return false;
  if (noticeNumber[0] === '1') return true;
  return checkDigits(noticeNumber.slice(0, 16)) === noticeNumber.slice(16);
}

/** IUV = creditorReferenceId: aux 0 drops aux + application code (15 digits), aux 1/2/3 drop the aux digit (17). */
export function creditorReferenceId(noticeNumber: string): string {
  return noticeNumber[0] === '0' ? noticeNumber.slice(3) : noticeNumber.slice(1);
}

/** An aux-3 notice number: `3` + segregation code (2) + IUV base (13) + check digit (2). */
export function aux3Notice(segregationCode: string, iuvBase: number): string {
  if (!/^\d{2}$/.test(segregationCode)) throw new RangeError(`segregation code must be 2 digits: ${segregationCode}`);
  if (!Number.isSafeInteger(iuvBase) || iuvBase < 0 || iuvBase >= 1e13) throw new RangeError(`IUV base out of range: ${iuvBase}`);
  const prefix = `3${segregationCode}${String(iuvBase).padStart(13, '0')}`;
  return prefix + checkDigits(prefix);
}

/** The text of the QR code printed on the notice: `PAGOPA|002|<notice>|<creditor fiscal code>|<cents>`. */
export function qrText(noticeNumber: string, fiscalCode: string, amountCents: number): string {
  return `PAGOPA|002|${noticeNumber}|${fiscalCode}|${amountCents}`;
}
