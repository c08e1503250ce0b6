/**
 * A small key/value store for configuration-like state that must survive restarts with the data it
 * describes (e.g. the last technician reset, counters). Values are JSON.
 */
import { canonicalJson } from '../json';
import type { Json } from '../json';
import { isoAt, statements } from './context';
import type { RepoContext } from './context';

export function settingRepository(ctx: RepoContext) {
  const q = statements(ctx.db, {
    get: 'SELECT value FROM setting WHERE key = ?',
    set: `INSERT INTO setting (key, value, updated_at) VALUES (@key, @value, @now)
          ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    remove: 'DELETE FROM setting WHERE key = ?',
    all: 'SELECT key, value FROM setting ORDER BY key',
  });

  return {
    /** The stored value, or undefined when the key was never set. */
    get(key: string): Json | undefined {
      const text = q.get.pluck().get(key) as string | undefined;
      return text === undefined ? undefined : (JSON.parse(text) as Json);
    },
    set(key: string, value: Json): void {
      q.set.run({ key, value: canonicalJson(value), now: isoAt(ctx.now()) });
    },
    remove(key: string): boolean {
      return q.remove.run(key).changes > 0;
    },
    all(): Record<string, Json> {
      const out: Record<string, Json> = {};
      for (const r of q.all.all() as Array<{ key: string; value: string }>) out[r.key] = JSON.parse(r.value) as Json;
      return out;
    },
  };
}

export type SettingRepository = ReturnType<typeof settingRepository>;
