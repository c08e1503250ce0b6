import type { KvStore, RecordKind } from './types';

export function memoryStore(): KvStore {
  const kinds = new Map<RecordKind, Map<string, string>>();
  const table = (kind: RecordKind): Map<string, string> => {
    let t = kinds.get(kind);
    if (!t) kinds.set(kind, (t = new Map()));
    return t;
  };
  return {
    get: (kind, key) => table(kind).get(key),
    put: (kind, key, value) => void table(kind).set(key, value),
    list: (kind) => [...table(kind).values()],
    clear: () => kinds.clear(),
    transaction: (fn) => fn(),
    close: () => kinds.clear(),
  };
}
