// The wedge detector runs in the renderer (bundled for the browser): it and everything it imports
// must stay free of node modules and of main/ (the renderer imports only types from there).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../drivers/scanner/', import.meta.url));
const ENTRIES = ['wedge-detector.ts', 'wedge-dom.ts', 'layouts.ts', 'types.ts'];

function runtimeImports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1] ?? '');
}

describe('renderer-safe scanner modules', () => {
  test('the wedge modules import (at run time) only renderer-safe relative modules', () => {
    const seen = new Set<string>();
    const queue = ENTRIES.map((e) => join(root, e));
    while (queue.length) {
      const file = queue.shift() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const spec of runtimeImports(file)) {
        assert.ok(spec.startsWith('./'), `${file} imports ${spec}: only sibling modules may be used by the renderer`);
        queue.push(resolve(dirname(file), `${spec}.ts`));
      }
    }
    // the walk really followed the imports
    assert.ok([...seen].some((f) => f.endsWith('alt-code.ts')));
    assert.ok([...seen].some((f) => f.endsWith('hid-usages.ts')));
  });
});
