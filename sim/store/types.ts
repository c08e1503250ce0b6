/**
 * Where the simulator keeps its state: a key-value store of JSON texts by kind. Two
 * implementations: memory (default) and SQLite (`--db FILE`, survives a restart). Both hold text,
 * so what comes back is always a fresh copy and the two behave the same.
 */
export type RecordKind = 'creditor' | 'position' | 'session' | 'idempotency' | 'service' | 'meta';

export interface KvStore {
  get(kind: RecordKind, key: string): string | undefined;
  put(kind: RecordKind, key: string, value: string): void;
  /** every value of a kind, in insertion order */
  list(kind: RecordKind): string[];
  clear(): void;
  /** runs fn atomically (SQLite: one transaction; memory: single-threaded anyway) */
  transaction<T>(fn: () => T): T;
  close(): void;
}
