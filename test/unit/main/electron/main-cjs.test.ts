// Electron's entry, main.cjs, called with a fake electron: the app:// scheme is registered
// synchronously (Electron refuses it after 'ready') with the values app-protocol.ts uses, and
// the TypeScript main is handed the same electron object; a failure exits non-zero.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from '../../../../main/electron/app-protocol';
import { tempDir } from '../../../support/tmp';

interface Boot {
  boot(
    electron: unknown,
    opts?: { load?: (url: string) => Promise<unknown>; env?: NodeJS.ProcessEnv; resourcesPath?: string },
  ): Promise<void>;
  APP_SCHEME: string;
  APP_SCHEME_PRIVILEGES: unknown;
}

const mainCjs = createRequire(import.meta.url)('../../../../main/electron/main.cjs') as Boot;

function fakeElectron(isPackaged = false) {
  const registered: unknown[] = [];
  const exits: number[] = [];
  return {
    registered,
    exits,
    electron: {
      protocol: { registerSchemesAsPrivileged: (schemes: unknown) => registered.push(schemes) },
      app: { isPackaged, exit: (code: number) => exits.push(code) },
    },
  };
}

describe('main.cjs', () => {
  test('its scheme and privileges are app-protocol.ts ones: standard and secure, never bypassing the CSP', () => {
    assert.equal(mainCjs.APP_SCHEME, APP_SCHEME);
    assert.deepEqual(mainCjs.APP_SCHEME_PRIVILEGES, APP_SCHEME_PRIVILEGES);
    assert.equal((APP_SCHEME_PRIVILEGES as Record<string, unknown>).bypassCSP, undefined);
    assert.equal((APP_SCHEME_PRIVILEGES as Record<string, unknown>).allowServiceWorkers, undefined);
  });

  test('registers the scheme before anything asynchronous, then starts main.ts with the same electron', async () => {
    const f = fakeElectron();
    const loaded: string[] = [];
    let started: unknown = null;
    const done = mainCjs.boot(f.electron, {
      load: async (url) => {
        loaded.push(url);
        return { start: async (e: unknown) => (started = e) };
      },
    });
    assert.deepEqual(f.registered, [[{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]], 'registered synchronously');
    await done;
    assert.equal(loaded.length, 1);
    assert.match(loaded[0]!, /^file:\/\/.*\/main\/electron\/main\.ts$/);
    assert.equal(started, f.electron);
    assert.deepEqual(f.exits, []);
  });

  test('a shell that fails to start exits with 1', async (t) => {
    const f = fakeElectron();
    t.mock.method(console, 'error', () => undefined);
    await mainCjs.boot(f.electron, { load: async () => ({ start: async () => Promise.reject(new Error('boom')) }) });
    assert.deepEqual(f.exits, [1]);
  });

  test('packaged: points the simulator at the schemas and esbuild at its unpacked binary in resources/', async (t) => {
    const resources = tempDir(t);
    mkdirSync(join(resources, 'sim', 'schema', 'pagopa-api'), { recursive: true });
    const bin = join(resources, 'app.asar.unpacked', 'node_modules', '@esbuild', 'linux-x64', 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'esbuild'), '');
    const env: NodeJS.ProcessEnv = {};
    const f = fakeElectron(true);
    await mainCjs.boot(f.electron, { env, resourcesPath: resources, load: async () => ({ start: async () => undefined }) });
    assert.equal(env.SPORTELLO_SCHEMA_DIR, join(resources, 'sim', 'schema', 'pagopa-api'));
    if (process.platform !== 'win32') assert.equal(env.ESBUILD_BINARY_PATH, join(bin, 'esbuild'));

    const devEnv: NodeJS.ProcessEnv = {};
    await mainCjs.boot(fakeElectron(false).electron, {
      env: devEnv,
      resourcesPath: resources,
      load: async () => ({ start: async () => undefined }),
    });
    assert.deepEqual(devEnv, {}, 'development runs from the sources: nothing to point anywhere');
  });
});
