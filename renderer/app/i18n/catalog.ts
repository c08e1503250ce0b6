/**
 * Every locale file, bundled: locales/<lang>/<namespace>.json. A new namespace is a new
 * file in each language folder, picked up here without an edit (the key-parity test checks the
 * three languages agree).
 */
import type { Catalogs } from './translate';

const files = import.meta.glob<unknown>('../../../locales/*/*.json', { eager: true, import: 'default' });

function build(): Catalogs {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [path, json] of Object.entries(files)) {
    const m = /locales\/([a-z]{2})\/([\w-]+)\.json$/.exec(path);
    if (!m) continue;
    (out[m[1]!] ??= {})[m[2]!] = json;
  }
  return out;
}

export const CATALOGS: Catalogs = build();
