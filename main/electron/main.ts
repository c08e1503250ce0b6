/**
 * Where main.cjs hands over, with the real `electron` module: the shell runs on it. Kept apart from
 * shell.ts so nothing imported for tests starts anything.
 */
import { startShell } from './shell';
import type { ElectronApi } from './shell';

export function start(electron: ElectronApi): Promise<void> {
  const resources = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  return startShell(electron, { argv: process.argv, env: process.env, ...(resources ? { resourcesPath: resources } : {}) });
}
