/**
 * Money inside sportello is an integer number of euro cents. The node speaks decimal strings
 * (`stAmount`: `\d+\.\d{2}`, at most 999999999.99); these two functions are the only crossing.
 * No floating point is involved in either direction.
 */
import { SportelloError } from './errors';

export type Cents = number;

/** Largest amount the XSD allows: 999 999 999.99 euro. */
export const MAX_CENTS: Cents = 99_999_999_999;

export class AmountInvalid extends SportelloError {
  constructor(message: string, details: Record<string, unknown>) {
    super('AMOUNT_INVALID', message, { details });
  }
}

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_CENTS;
}

/** 12345 -> "123.45" */
export function centsToAmount(cents: Cents): string {
  if (!isCents(cents)) throw new AmountInvalid(`not a valid amount in cents: ${String(cents)}`, { cents });
  const s = String(cents).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

const AMOUNT_RE = /^(\d{1,9})\.(\d{2})$/;

/** "123.45" -> 12345. Accepts exactly the XSD's `\d+\.\d{2}` form (leading zeros allowed). */
export function amountToCents(amount: string): Cents {
  const trimmed = amount.trim();
  const m = AMOUNT_RE.exec(trimmed.replace(/^0+(?=\d)/, ''));
  if (!m) throw new AmountInvalid(`not a stAmount decimal string: ${JSON.stringify(amount)}`, { amount });
  return Number(m[1]) * 100 + Number(m[2]);
}
