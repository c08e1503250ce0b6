/**
 * `npm start` on a fresh clone has no dist/renderer yet: build it with Vite first (a few seconds,
 * once). A build older than any file under renderer/ is rebuilt too, so a developer never looks
 * at yesterday's screens.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function rendererOutDir(appDir: string): string {
  return join(appDir, 'dist', 'renderer');
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export type RendererState = 'built' | 'missing' | 'stale';

export function rendererState(appDir: string): RendererState {
  const index = join(rendererOutDir(appDir), 'index.html');
  if (!existsSync(index)) return 'missing';
  const sources = join(appDir, 'renderer');
  return existsSync(sources) && newestMtime(sources) > statSync(index).mtimeMs ? 'stale' : 'built';
}

/** Builds when needed; throws with Vite's exit status when the build fails. */
export function ensureRendererBuilt(appDir: string, log: (line: string) => void): RendererState {
  const state = rendererState(appDir);
  if (state === 'built') return state;
  const config = join(appDir, 'renderer', 'vite.config.ts');
  if (!existsSync(config)) throw new Error(`cannot build the screens: ${config} is missing`);
  log(state === 'missing' ? 'building the screens (first start)...' : 'the screens changed: rebuilding...');
  const vite = join(appDir, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', config, '--logLevel', 'warn'], {
    cwd: appDir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`building the screens failed (vite exited with ${r.status ?? r.signal})`);
  return state;
}
