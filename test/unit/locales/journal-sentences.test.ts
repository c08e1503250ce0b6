// Every event kind the core journals has a sentence in every language (locales/<lang>/journal.json,
// `kind.<kind>`), so the technician's journal screen never shows a raw event name. The kinds are read
// from the source: each `journal.append(` call's literal kinds, and for the calls whose kind is a
// value, where that value comes from (the session events, the delivery verdict's notable kinds, the
// PIN lock-outs' prefixes). A call whose kind this test cannot trace fails it: teach it the source.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();
const LANGS = ['it', 'en', 'de'] as const;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The text of a call's first argument: up to the first comma or closing parenthesis at its own depth. */
function firstArgument(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      if (depth === 0) return text.slice(open, i);
      depth--;
    } else if (c === ',' && depth === 0) return text.slice(open, i);
  }
  return text.slice(open);
}

const literals = (text: string): string[] => [...text.matchAll(/'([a-z][a-z0-9-]*)'/g)].map((m) => m[1]!);

/** Where a kind that is a value comes from. */
const DYNAMIC: Record<string, () => string[]> = {
  // db/open.ts's wrapper passes its caller's kind on.
  '...args': () => [],
  // engine.ts journals each session event under its type.
  'event.type': () => {
    const types = readFileSync(join(ROOT, 'main/engine/types.ts'), 'utf8');
    const union = types.slice(types.indexOf('export type SessionEvent'));
    return [...union.slice(0, union.indexOf(';\n\n') + 1).matchAll(/type: '([a-z-]+)'/g)].map((m) => m[1]!);
  },
  // outbox.ts journals a delivery's notable verdict.
  'verdict.notable': () => {
    const delivery = readFileSync(join(ROOT, 'main/engine/delivery.ts'), 'utf8');
    const line = delivery.split('\n').find((l) => /^\s*notable: '/.test(l))!;
    return literals(line);
  },
  // pin-lock.ts journals `<prefix>-pin-wrong` and `<prefix>-locked-out` for each PIN it guards.
  '`${journal.prefix}-pin-wrong`': () => prefixes().map((p) => `${p}-pin-wrong`),
  '`${journal.prefix}-locked-out`': () => prefixes().map((p) => `${p}-locked-out`),
};

function prefixes(): string[] {
  return sources('main/services/access').flatMap((f) =>
    [...readFileSync(join(ROOT, f), 'utf8').matchAll(/prefix: '([a-z]+)'/g)].map((m) => m[1]!),
  );
}

function journaledKinds(): { kinds: Set<string>; untraced: string[] } {
  const kinds = new Set<string>();
  const untraced: string[] = [];
  for (const file of [...sources('main'), ...sources('db')]) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/journal\.append\(\s*/g)) {
      const arg = firstArgument(text, m.index + m[0].length).trim();
      const found = literals(arg);
      if (found.length > 0 && !arg.includes('${')) found.forEach((k) => kinds.add(k));
      else if (DYNAMIC[arg]) DYNAMIC[arg]().forEach((k) => kinds.add(k));
      else untraced.push(`${file}: journal.append(${arg}`);
    }
  }
  return { kinds, untraced };
}

const sentences = (lang: string): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(ROOT, 'locales', lang, 'journal.json'), 'utf8')) as { kind: Record<string, unknown> }).kind;

describe('journal sentences', () => {
  const { kinds, untraced } = journaledKinds();

  test('every journal.append in the core has a kind this test can trace', () => {
    assert.deepEqual(untraced, []);
    // The tracing works: kinds from each source are there.
    for (const k of ['notice-added', 'stalled', 'operator-pin-wrong', 'technician-locked-out', 'settings-saved', 'clock-plausible'])
      assert.ok(kinds.has(k), k);
  });

  for (const lang of LANGS) {
    test(`${lang}: a sentence for every kind the core journals`, () => {
      const own = sentences(lang);
      const missing = [...kinds].filter((k) => typeof own[k] !== 'string' || (own[k] as string).trim() === '').sort();
      assert.deepEqual(missing, [], `locales/${lang}/journal.json kind.* lacks these`);
    });
  }
});
