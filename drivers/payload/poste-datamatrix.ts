/**
 * The Poste Italiane Data Matrix on the Bollettino Postale PA section of a notice (§7.3), read by
 * fixed offsets:
 *
 *   0 `codfase=NBPA;` 13 `18` 15 notice number (18) 33 `12` 35 postal account (12) 47 `10`
 *   49 amount in cents (10) 59 `3` 60 `896` 63 `1P1` 66 creditor fiscal code (11)
 *   77 debtor fiscal code (16) 93 debtor name (40) 133 subject (110) 243 filler (12) 255 `A`
 *
 * `codfase` (phase code) `NBPA` names the layout. Up to offset 77 everything must be where the
 * table says: that part identifies the debt. The tail is the debtor's data, printed with right
 * padding, and printers disagree on it (some emit 255 characters instead of 256), so a short or
 * long tail is a warning and the fields are read as far as they go.
 */
import { PayloadInvalid, displayRead } from './errors';
import type { PayloadInvalidReason } from './messages';
import { warning, type Reading } from './reading';
import type { NoticeWarning } from './types';

const HEADER = 'codfase=NBPA;';
/** The last offset the debt's identification needs; anything shorter is refused. */
export const CODELINE_END = 77;
/** Lengths that carry the whole tail: the generator's 256 and the 255 some printers emit. */
const FULL_LENGTHS = [255, 256];

type Field = { start: number; end: number; pattern: RegExp; reason: PayloadInvalidReason; name: string };

// The codeline in the order a reader meets it; the first field that does not fit names the reason.
const CODELINE: readonly Field[] = [
  { start: 13, end: 15, pattern: /^18$/, reason: 'datamatrix-layout', name: 'noticeNumberTag' },
  { start: 15, end: 33, pattern: /^\d{18}$/, reason: 'notice-number-format', name: 'noticeNumber' },
  { start: 33, end: 35, pattern: /^12$/, reason: 'datamatrix-layout', name: 'postalAccountTag' },
  { start: 35, end: 47, pattern: /^\d{12}$/, reason: 'postal-account-format', name: 'postalAccount' },
  { start: 47, end: 49, pattern: /^10$/, reason: 'datamatrix-layout', name: 'amountTag' },
  { start: 49, end: 59, pattern: /^\d{10}$/, reason: 'amount-format', name: 'amount' },
  { start: 59, end: 63, pattern: /^3896$/, reason: 'datamatrix-layout', name: 'documentType' },
  { start: 63, end: 66, pattern: /^1P1$/i, reason: 'datamatrix-layout', name: 'marker1P1' },
  { start: 66, end: 77, pattern: /^\d{11}$/, reason: 'fiscal-code-format', name: 'fiscalCode' },
];

export function looksLikePosteDataMatrix(text: string): boolean {
  return /^codfase=/i.test(text);
}

export function parsePosteDataMatrix(text: string, raw: string): Reading {
  if (text.slice(0, HEADER.length).toUpperCase() !== HEADER.toUpperCase()) {
    throw new PayloadInvalid('datamatrix-header', 'Data Matrix does not start with codfase=NBPA;', raw, {
      header: displayRead(text.slice(0, HEADER.length)),
    });
  }
  for (const f of CODELINE) {
    const value = text.slice(f.start, f.end);
    if (value.length < f.end - f.start) {
      throw new PayloadInvalid('datamatrix-truncated', `Data Matrix ends at ${text.length}, before the ${f.name} field`, raw, {
        field: f.name,
        offset: f.start,
      });
    }
    if (!f.pattern.test(value)) {
      throw new PayloadInvalid(f.reason, `Data Matrix ${f.name} at offset ${f.start} is not as expected`, raw, {
        field: f.name,
        offset: f.start,
      });
    }
  }
  const debtorFiscalCode = tailField(text, 77, 93);
  const debtorName = tailField(text, 93, 133);
  const subject = tailField(text, 133, 243);
  return {
    kind: 'poste-datamatrix',
    noticeNumber: text.slice(15, 33),
    postalAccount: text.slice(35, 47),
    amountCents: Number(text.slice(49, 59)),
    fiscalCode: text.slice(66, 77),
    warnings: lengthWarnings(text.length),
    ...(debtorFiscalCode || debtorName ? { debtor: { fiscalCode: debtorFiscalCode, name: debtorName } } : {}),
    ...(subject ? { subject } : {}),
  };
}

function lengthWarnings(length: number): NoticeWarning[] {
  if (FULL_LENGTHS.includes(length)) return [];
  const expected = FULL_LENGTHS[FULL_LENGTHS.length - 1];
  if (length < 255) return [warning('datamatrix-truncated', { length, expected })];
  return [warning('datamatrix-overlong', { length, expected })];
}

/** A padded text field as far as the reading goes; control characters become spaces for display. */
function tailField(text: string, start: number, end: number): string {
  return text
    .slice(start, end)
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .trim();
}
