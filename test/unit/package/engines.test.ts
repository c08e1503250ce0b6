// Which Node a developer needs (issue 13): package.json's `engines` is the floor for running and
// testing; the packages in the lock file that want a newer Node are exactly the development-only
// packaging tools the README names, so the EBADENGINE warnings of a fresh install are the ones it
// explains. A new dependency that needs a newer Node, above all a runtime one, fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import semver from 'semver';

const root = new URL('../../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean }>;
};
const readme = readFileSync(new URL('README.md', root), 'utf8');

/** The README's "Which Node" list: development-only packaging tools that want Node 22.12. */
const PACKAGING_TOOLS = ['electron', '@electron/get', '@electron-internal/extract-zip', '@electron/rebuild', 'node-abi'];

const floor = semver.minVersion(pkg.engines.node);

function unsatisfied(): { name: string; range: string; dev: boolean }[] {
  const out: { name: string; range: string; dev: boolean }[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
    if (!path || !range || !floor) continue;
    if (semver.satisfies(floor, range, { includePrerelease: true })) continue;
    out.push({ name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), range, dev: entry.dev === true });
  }
  return out;
}

test('engines names a Node floor', () => {
  assert.ok(floor, `engines.node ${pkg.engines.node} has a minimum version`);
  assert.ok(semver.gte(floor, '20.19.0'), 'Node 20.19 or newer: require(esm) and the test runner the suite uses');
});

test('only the packaging tools the README names want a newer Node than engines says', () => {
  const found = unsatisfied();
  const names = [...new Set(found.map((p) => p.name))].sort();
  assert.deepEqual(names, [...PACKAGING_TOOLS].sort(), `packages wanting more than ${pkg.engines.node}: ${JSON.stringify(found)}`);
  for (const p of found) assert.equal(p.dev, true, `${p.name} (${p.range}) is a runtime dependency: the terminal would need that Node`);
});

test('the README explains each of them', () => {
  const section = readme.slice(readme.indexOf('## Which Node'));
  assert.ok(readme.includes('## Which Node'), 'README has a "Which Node" section');
  for (const name of PACKAGING_TOOLS) assert.ok(section.includes(`\`${name}\``), `README names ${name}`);
});
