#!/usr/bin/env node
// Runs every test with Node's own test runner (TypeScript through tsx).
// Usage: node test/run.mjs [folder-or-file-filter ...]   e.g. `node test/run.mjs unit integration/sim`
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureSystemDeps } from './support/system-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
ensureSystemDeps();

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = walk(join(root, 'test'))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((flt) => f.startsWith(join('test', flt)) || f.includes(flt)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}
// End-to-end tests drive the built renderer: build it once for the whole run.
const viteConfig = join(root, 'renderer', 'vite.config.ts');
if (files.some((f) => f.startsWith(join('test', 'e2e'))) && existsSync(viteConfig)) {
  const b = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', viteConfig, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) {
    console.error('renderer build failed');
    process.exit(1);
  }
}
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, SPORTELLO_TEST: '1' } },
);
process.exit(r.status ?? 1);
