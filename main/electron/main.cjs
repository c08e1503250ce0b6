'use strict';
/*
 * Electron's entry (package.json "main"). Electron 45 runs Node 22 inside; our sources are
 * TypeScript run by tsx, as the CLI does (bin/sportello.mjs), so there is no build step in
 * development or in the package. This file does only what must happen synchronously, before the
 * app is ready, then hands over to main.ts with the real `electron` module:
 * - registers the app:// scheme as privileged (Electron refuses it after 'ready'; the values are
 *   APP_SCHEME / APP_HOST / APP_SCHEME_PRIVILEGES of app-protocol.ts, a unit test compares them);
 * - in a packaged app, points esbuild (tsx's compiler) at its unpacked binary and the simulator at
 *   its schemas in resources/ (native code cannot read inside app.asar).
 * Exports `boot` for the unit test, which calls it with a fake electron; Electron itself runs it.
 */
const path = require('node:path');
const fs = require('node:fs');
const { pathToFileURL } = require('node:url');

const APP_SCHEME = 'app';
const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true };

function packagedPaths(env, resourcesPath) {
  if (!resourcesPath) return;
  const unpacked = path.join(resourcesPath, 'app.asar.unpacked', 'node_modules', '@esbuild');
  if (!env.ESBUILD_BINARY_PATH && fs.existsSync(unpacked)) {
    for (const dir of fs.readdirSync(unpacked)) {
      const bin = path.join(unpacked, dir, process.platform === 'win32' ? 'esbuild.exe' : path.join('bin', 'esbuild'));
      if (fs.existsSync(bin)) {
        env.ESBUILD_BINARY_PATH = bin;
        break;
      }
    }
  }
  const schemas = path.join(resourcesPath, 'sim', 'schema', 'pagopa-api');
  if (!env.SPORTELLO_SCHEMA_DIR && fs.existsSync(schemas)) env.SPORTELLO_SCHEMA_DIR = schemas;
}

function defaultLoad(url) {
  require('tsx/esm/api').register();
  return import(url);
}

function boot(electron, opts) {
  const o = opts || {};
  electron.protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
  if (electron.app.isPackaged) packagedPaths(o.env || process.env, o.resourcesPath || process.resourcesPath);
  const load = o.load || defaultLoad;
  return Promise.resolve()
    .then(() => load(pathToFileURL(path.join(__dirname, 'main.ts')).href))
    .then((main) => main.start(electron))
    .catch((e) => {
      console.error(`sportello: the shell failed to start: ${e && e.stack ? e.stack : e}`);
      electron.app.exit(1);
    });
}

module.exports = { boot, APP_SCHEME, APP_SCHEME_PRIVILEGES };

if (process.versions.electron && process.type === 'browser') boot(require('electron'));
