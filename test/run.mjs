#!/usr/bin/env node
// Runs every test with Node's own test runner (TypeScript through tsx).
// Usage: node test/run.mjs [folder-or-file-filter ...]   e.g. `node test/run.mjs unit integration/sim`
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  const b = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', viteConfig, '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
  if (b.status !== 0) {
    console.error('renderer build failed');
    process.exit(1);
  }
}
// A second reporter lists the failures, so that a file whose process died after all its tests passed
// can be told from a failing test (see test/support/exit-reporter.mjs).
const failuresFile = join(mkdtempSync(join(tmpdir(), 'sportello-run-')), 'failures.jsonl');
const run = (list) =>
  spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${join(root, 'test', 'support', 'exit-reporter.mjs')}`,
      `--test-reporter-destination=${failuresFile}`,
      ...list,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, SPORTELLO_TEST: '1' } },
  ).status ?? 1;
const failures = () =>
  existsSync(failuresFile)
    ? readFileSync(failuresFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];

const status = run(files);
const found = failures();
const crashed = [...new Set(found.filter((f) => f.kind === 'crash').map((f) => relative(root, f.file)))];
// Only when every failure is such a crash is the run repeated, for those files alone and once; the
// files are named either way, so a crash is never silent.
if (status !== 0 && crashed.length > 0 && found.every((f) => f.kind === 'crash')) {
  console.error(`\n${crashed.length} test file(s) passed every test but their process ended abnormally:`);
  for (const f of found) console.error(`  ${relative(root, f.file)} (exit ${f.exitCode ?? '-'}, signal ${f.signal ?? '-'})`);
  console.error('running them once more; the cause is printed above their summary line.\n');
  process.exit(run(crashed));
}
process.exit(status);
