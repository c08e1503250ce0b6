/**
 * What every repository is built from: the connection, the clock and the id source (both injected
 * so tests are deterministic), and a cache that prepares each statement once, on first use.
 */
import type Database from 'better-sqlite3';
import { AmountInvalid, isCents } from '../../kernel/money';
import type { Cents } from '../../kernel/money';

export interface RepoContext {
  readonly db: Database.Database;
  /** Wall-clock epoch milliseconds. */
  now(): number;
  /** A fresh unique id (a UUID in production). */
  newId(): string;
}

export type Statement = Database.Statement<unknown[], unknown>;

/** `{ name: sql }` -> `{ name: Statement }`, each prepared the first time it is used. */
export function statements<K extends string>(db: Database.Database, sql: Record<K, string>): Record<K, Statement> {
  const out = {} as Record<K, Statement>;
  for (const key of Object.keys(sql) as K[]) {
    let prepared: Statement | undefined;
    Object.defineProperty(out, key, {
      enumerable: true,
      get: () => (prepared ??= db.prepare(sql[key])),
    });
  }
  return out;
}

export const isoAt = (ms: number): string => new Date(ms).toISOString();

/** Refuses anything but integer cents before it reaches SQL. */
export function cents(value: Cents, field: string): Cents {
  if (!isCents(value)) throw new AmountInvalid(`${field} must be integer cents, got ${String(value)}`, { field });
  return value;
}

export function centsOrNull(value: Cents | null | undefined, field: string): Cents | null {
  return value === null || value === undefined ? null : cents(value, field);
}

export const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);
export const flagOrNull = (value: boolean | null | undefined): 0 | 1 | null => (value === null || value === undefined ? null : flag(value));
