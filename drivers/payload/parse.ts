/**
 * The one way a reading becomes a notice: scanner framing off, the shape recognised (Poste Data
 * Matrix, pagoPA QR, typed `fiscalCode/noticeNumber`), then the checks every kind shares.
 * Pure: no I/O, no clock; every refusal is a PayloadInvalid.
 */
import { PayloadInvalid } from './errors';
import { unframe, type Unframed } from './framing';
import { looksLikeManualPair, parseManualEntry, parseManualPair, type ManualEntry } from './manual';
import { noticeNumberParts } from './notice-number';
import { looksLikePosteDataMatrix, parsePosteDataMatrix } from './poste-datamatrix';
import { looksLikeQr, parseQr } from './qr';
import { warning, type Reading } from './reading';
import { looksLikeUrl, notANoticeReason } from './recognise';
import type { ParsedNotice, ParseOptions } from './types';

/** Far beyond any notice code (the Data Matrix is 256); bounds the work spent on garbage. */
export const MAX_INPUT_LENGTH = 4096;

export type ParseResult = { ok: true; notice: ParsedNotice } | { ok: false; error: PayloadInvalid };

export function parseNotice(text: string, opts: ParseOptions = {}): ParsedNotice {
  if (typeof text !== 'string') throw new PayloadInvalid('not-a-notice', 'the reading is not text', '', { type: typeof text });
  if (text.length > MAX_INPUT_LENGTH) {
    throw new PayloadInvalid('too-long', `the reading is ${text.length} characters long`, text, { max: MAX_INPUT_LENGTH });
  }
  const framed = unframe(text);
  return finish(read(framed, text), framed, opts, text);
}

/** The two fields of the manual entry screen. */
export function parseManualNotice(entry: ManualEntry, opts: ParseOptions = {}): ParsedNotice {
  const raw = `${entry.fiscalCode}/${entry.noticeNumber}`;
  if (raw.length > MAX_INPUT_LENGTH)
    throw new PayloadInvalid('too-long', `the entry is ${raw.length} characters long`, raw, { max: MAX_INPUT_LENGTH });
  return finish(parseManualEntry(entry, raw), { text: raw, aimId: null, symbology: null }, opts, raw);
}

export function tryParseNotice(text: string, opts: ParseOptions = {}): ParseResult {
  return attempt(() => parseNotice(text, opts));
}

export function tryParseManualNotice(entry: ManualEntry, opts: ParseOptions = {}): ParseResult {
  return attempt(() => parseManualNotice(entry, opts));
}

function attempt(parse: () => ParsedNotice): ParseResult {
  try {
    return { ok: true, notice: parse() };
  } catch (error) {
    if (error instanceof PayloadInvalid) return { ok: false, error };
    throw error; // anything else is a bug here, not a bad reading
  }
}

function read({ text, symbology }: Unframed, raw: string): Reading {
  if (text === '') throw new PayloadInvalid('empty', 'nothing was read', raw);
  // a link first: one may well carry pipes or a pagoPA string in its query
  if (looksLikeUrl(text)) throw new PayloadInvalid('looks-like-url', 'not a pagoPA notice but a link', raw);
  if (looksLikePosteDataMatrix(text)) return parsePosteDataMatrix(text, raw);
  if (looksLikeQr(text)) return parseQr(text, raw);
  if (looksLikeManualPair(text)) return parseManualPair(text, raw);
  const reason = notANoticeReason(text, symbology);
  throw new PayloadInvalid(reason, `not a pagoPA notice (${reason})`, raw);
}

/** The checks every kind shares: aux digit, mod-93 check digit, zero amount. */
function finish(reading: Reading, framed: Unframed, opts: ParseOptions, raw: string): ParsedNotice {
  const parts = noticeNumberParts(reading.noticeNumber);
  if (!parts) {
    throw new PayloadInvalid('aux-digit', `notice number starts with ${reading.noticeNumber[0]}, not 0 to 3`, raw, {
      auxDigit: reading.noticeNumber[0],
    });
  }
  const warnings = [...reading.warnings];
  const { checkDigit } = parts;
  const checkDigitValid = checkDigit ? checkDigit.actual === checkDigit.expected : null;
  if (checkDigit && !checkDigitValid) {
    if (opts.strictCheckDigit) {
      throw new PayloadInvalid('check-digit', `notice number check digit ${checkDigit.actual}, expected ${checkDigit.expected}`, raw, {
        ...checkDigit,
      });
    }
    warnings.push(warning('check-digit', { ...checkDigit }));
  }
  if (reading.amountCents === 0) warnings.push(warning('amount-zero'));
  return {
    kind: reading.kind,
    noticeNumber: reading.noticeNumber,
    fiscalCode: reading.fiscalCode,
    amountCents: reading.amountCents,
    postalAccount: reading.postalAccount,
    iuv: parts.iuv,
    auxDigit: parts.auxDigit,
    segregationCode: parts.segregationCode,
    applicationCode: parts.applicationCode,
    checkDigitValid,
    symbology: framed.symbology,
    aimId: framed.aimId,
    warnings,
    ...(reading.debtor ? { debtor: reading.debtor } : {}),
    ...(reading.subject !== undefined ? { subject: reading.subject } : {}),
  };
}
