/**
 * PayloadInvalid: the one error this module throws. Its details show the technician what was read,
 * made safe for a screen or a log line: control characters escaped and cut at 77 characters, which
 * is where the Poste Data Matrix starts carrying the debtor's personal data.
 */
import { SportelloError } from '../../kernel/errors';
import { reasonMessageKey, type PayloadInvalidReason } from './messages';

/** Offset of the debtor fiscal code in the Data Matrix: nothing from there on goes into an error. */
export const DISPLAY_LIMIT = 77;

export class PayloadInvalid extends SportelloError {
  declare readonly code: 'PAYLOAD_INVALID';
  readonly reason: PayloadInvalidReason;
  readonly messageKey: string;

  constructor(reason: PayloadInvalidReason, message: string, raw: string, extra: Record<string, unknown> = {}) {
    const messageKey = reasonMessageKey(reason);
    super('PAYLOAD_INVALID', message, {
      retryable: false,
      details: { reason, messageKey, read: displayRead(raw), length: raw.length, ...extra },
    });
    this.reason = reason;
    this.messageKey = messageKey;
  }
}

/**
 * A printable, bounded rendering of scanner input: at most DISPLAY_LIMIT code points, control and
 * invisible characters as \n, \r, \t, \xNN, \uXXXX (a backslash doubles), `…` when cut.
 */
export function displayRead(raw: string): string {
  const points = Array.from(raw.length > DISPLAY_LIMIT * 2 + 2 ? raw.slice(0, DISPLAY_LIMIT * 2 + 2) : raw);
  const shown = points.slice(0, DISPLAY_LIMIT).map(escapePoint).join('');
  return points.length > DISPLAY_LIMIT ? `${shown}…` : shown;
}

function escapePoint(ch: string): string {
  switch (ch) {
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      return escapeOther(ch);
  }
}

/** Every other character: controls and invisible ones as a code point, the rest as it is. */
function escapeOther(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  // C1 controls, format characters (BOM, zero-width), line separators and lone surrogates
  if ((cp >= 0x80 && cp < 0xa0) || /^[\p{Cf}\p{Zl}\p{Zp}]$/u.test(ch) || (cp >= 0xd800 && cp <= 0xdfff)) {
    return `\\u${cp.toString(16).padStart(4, '0')}`;
  }
  return ch;
}
