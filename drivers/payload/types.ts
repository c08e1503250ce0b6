/**
 * What every input path (scanner, manual entry, CLI) turns a reading into: one typed notice.
 * Only the notice number and the creditor fiscal code identify the debt position; the rest is
 * what the notice happened to print, kept for display and for the Poste route.
 */
import type { Cents } from '../../kernel/money';
import type { WarningCode } from './messages';
import type { Symbology } from './framing';

/** Where the notice came from: the pagoPA QR, the Poste Italiane Data Matrix, or typed by a person. */
export type NoticeKind = 'qr' | 'poste-datamatrix' | 'manual';

/**
 * First digit of the notice number (§7.1): it says how the other 17 digits split into application or
 * segregation code, IUV base and check digit. 0, 1, 2 are deprecated but still printed on live notices.
 */
export type AuxDigit = 0 | 1 | 2 | 3;

/** Something the operator should see but may accept (a bad check digit, a truncated Data Matrix tail). */
export type NoticeWarning = {
  code: WarningCode;
  /** i18next key, `payload:warning.<code>`, present in locales/<lang>/payload.json. */
  messageKey: string;
  details: Record<string, unknown>;
};

export type ParsedNotice = {
  kind: NoticeKind;
  /** 18 digits, `stNoticeNumber`. */
  noticeNumber: string;
  /** 11 digits, the creditor's (ente creditore) `stFiscalCodePA`. */
  fiscalCode: string;
  /** Amount printed on the notice; null for manual entry. The node's verify answer is authoritative. */
  amountCents: Cents | null;
  /** 12-digit Poste current account (ccPost), only from the Data Matrix. */
  postalAccount: string | null;
  /** creditorReferenceId: last 15 digits for aux 0, last 17 for aux 1, 2, 3. */
  iuv: string;
  auxDigit: AuxDigit;
  /** Two digits after aux 3: which intermediary's range the IUV belongs to. */
  segregationCode: string | null;
  /** Two digits after aux 0. */
  applicationCode: string | null;
  /** Whether the mod-93 check digit matches; null for aux 1, which has none. */
  checkDigitValid: boolean | null;
  /** Code type reported by the scanner's AIM identifier, null when none was sent (or typed by hand). */
  symbology: Symbology | null;
  /** The AIM identifier as sent, e.g. `]Q1`. */
  aimId: string | null;
  warnings: NoticeWarning[];
  /** Data Matrix only: debtor as printed (right-padding removed); personal data, never logged. */
  debtor?: { fiscalCode: string; name: string };
  /** Data Matrix only: payment subject (causale). */
  subject?: string;
};

export type ParseOptions = {
  /** Turn a check-digit mismatch from a warning into a PayloadInvalid (reason 'check-digit'). */
  strictCheckDigit?: boolean;
};
