/**
 * Amounts at the nexo edge. nexo JSON carries amounts as JSON numbers (`"RequestedAmount": 121.50`);
 * inside sportello money is integer cents and never a float. So the JSON text is rewritten at the
 * edge: outgoing, an amount written as a decimal string becomes a bare number literal; incoming,
 * every amount literal is quoted before `JSON.parse`, and then read as a decimal string.
 */
import { centsToAmount } from '../../../kernel/money';

const AMOUNT_KEYS = ['RequestedAmount', 'AuthorizedAmount', 'ReversedAmount'] as const;
const KEYS = AMOUNT_KEYS.join('|');
// An amount key (not inside a string: its quote is not escaped) followed by a number literal.
const NUMBER_LITERAL = new RegExp(`(?<!\\\\)"(${KEYS})"\\s*:\\s*(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)`, 'g');
const QUOTED_DECIMAL = new RegExp(`(?<!\\\\)"(${KEYS})":"(\\d+\\.\\d{2})"`, 'g');

/** 12150 → "121.50": what goes into a request (still quoted; `toWire` unquotes it). */
export function centsToDecimal(cents: number): string {
  return centsToAmount(cents);
}

/** "121.5" or "121.50" or "121" → 12150; anything else (negative, three decimals, exponent) → null. */
export function decimalToCents(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** JSON text with amounts as decimal strings → the wire form with number literals. */
export function toWire(json: string): string {
  return json.replace(QUOTED_DECIMAL, (_all, key: string, amount: string) => `"${key}":${amount}`);
}

/** Wire JSON text → the same text with every amount literal quoted, so that parsing makes no float. */
export function fromWire(json: string): string {
  return json.replace(NUMBER_LITERAL, (_all, key: string, amount: string) => `"${key}":"${amount}"`);
}
