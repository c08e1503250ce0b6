// electron-builder.yml cannot be built here (no Electron binary, no network), so it is checked the
// way electron-builder itself checks it before a build: its own loader and its own schema
// validation (app-builder-lib), plus what the shell relies on: native modules unpacked and rebuilt,
// the renderer and the schemas in resources/, the targets the issue asks for.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const require = createRequire(import.meta.url);

interface BuilderConfig {
  /** electron-builder's loader normalises the list to one filter set. */
  files: Array<{ filter: string[] }>;
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  buildDependenciesFromSource: boolean;
  extraResources: Array<{ from: string; to: string }>;
  linux: { target: string[] };
  win: { target: string[] };
  electronFuses: Record<string, boolean>;
  [key: string]: unknown;
}

let loaded: Promise<{ config: BuilderConfig; validate: (c: unknown) => Promise<void> }> | null = null;
const load = () => (loaded ??= loadOnce());

async function loadOnce(): Promise<{ config: BuilderConfig; validate: (c: unknown) => Promise<void> }> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    getConfig(dir: string, path: string | null, fromOptions: null): Promise<BuilderConfig>;
    validateConfiguration(c: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const config = await getConfig(root, null, null);
  return { config, validate: (c) => validateConfiguration(c, new DebugLogger(false)) };
}

describe('electron-builder.yml', () => {
  test("passes electron-builder's own schema validation, which refuses unknown keys", async () => {
    const { config, validate } = await load();
    await validate(structuredClone(config));
    await assert.rejects(validate({ ...structuredClone(config), asarUnpackk: ['x'] }), /unknown property/);
  });

  test('Linux AppImage and deb, Windows NSIS', async () => {
    const { config } = await load();
    assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
    assert.deepEqual(config.win.target, ['nsis']);
  });

  test('native modules unpacked from the asar and rebuilt for Electron', async () => {
    const { config } = await load();
    assert.equal(config.asar, true);
    assert.ok(config.asarUnpack.includes('**/*.node'));
    for (const mod of ['better-sqlite3', 'node-hid', '@serialport', 'libxmljs']) {
      assert.ok(
        config.asarUnpack.some((g) => g.startsWith(`node_modules/${mod}/`)),
        mod,
      );
      assert.ok(existsSync(`${root}node_modules/${mod}`), `${mod} is installed, so the glob names a real folder`);
    }
    assert.equal(config.npmRebuild, true);
    assert.equal(config.buildDependenciesFromSource, true);
  });

  test('the renderer and the schemas go to resources/, where the shell looks for them', async () => {
    const { config } = await load();
    const byTo = new Map(config.extraResources.map((r) => [r.to, r.from]));
    assert.equal(byTo.get('renderer'), 'dist/renderer');
    assert.equal(byTo.get('sim/schema'), 'sim/schema');
    assert.ok(existsSync(`${root}sim/schema/pagopa-api`));
    assert.match(readFileSync(`${root}main/electron/shell.ts`, 'utf8'), /join\(resourcesPath, 'renderer'\)/);
    assert.match(readFileSync(`${root}main/electron/main.cjs`, 'utf8'), /'sim', 'schema', 'pagopa-api'/);
  });

  test('the files include the entry package.json names and what it loads', async () => {
    const { config } = await load();
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { main: string; dependencies: Record<string, string> };
    assert.equal(pkg.main, 'main/electron/main.cjs');
    assert.ok(existsSync(`${root}${pkg.main}`));
    const files = config.files.flatMap((f) => f.filter);
    for (const glob of ['package.json', 'kernel/**/*', 'main/**/*', 'drivers/**/*', 'db/**/*', 'sim/**/*', 'locales/**/*'])
      assert.ok(files.includes(glob), glob);
    assert.ok(pkg.dependencies.tsx, 'tsx runs the sources in the package: it must be a production dependency');
  });

  test('fuses: no running as Node, no NODE_OPTIONS, no inspector, app only from the asar', async () => {
    const { config } = await load();
    assert.equal(config.electronFuses.runAsNode, false);
    assert.equal(config.electronFuses.enableNodeOptionsEnvironmentVariable, false);
    assert.equal(config.electronFuses.enableNodeCliInspectArguments, false);
    assert.equal(config.electronFuses.onlyLoadAppFromAsar, true);
  });
});
