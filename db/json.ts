/**
 * JSON values as stored in TEXT columns, and the one canonical text form the journal hashes:
 * object keys sorted (by UTF-16 code units, as Array.prototype.sort does), no whitespace, and only
 * values with a single JSON spelling (no NaN, Infinity, undefined in arrays, Dates, Maps, BigInts).
 */
import { JournalPayloadInvalid } from './errors';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function write(value: unknown, where: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new JournalPayloadInvalid(`${where} is ${String(value)}, which JSON cannot hold`, { where });
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item, i) => write(item, `${where}[${i}]`)).join(',')}]`;
      if (!isPlainObject(value)) throw new JournalPayloadInvalid(`${where} is not a plain object`, { where });
      const entries = Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${write((value as Record<string, unknown>)[k], `${where}.${k}`)}`);
      return `{${entries.join(',')}}`;
    }
    default:
      throw new JournalPayloadInvalid(`${where} is a ${typeof value}, which JSON cannot hold`, { where });
  }
}

/** The canonical JSON text of value; throws JournalPayloadInvalid for anything without one. */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

/** For nullable JSON columns. */
export function parseJsonColumn(text: string | null): Json | null {
  return text === null ? null : (JSON.parse(text) as Json);
}
