/**
 * `sportello demo reset [--confirm] [--json]`: demo mode starts again from the simulator's seed.
 * The demo node keeps its notices in the data directory (demo-node.db), so a sample notice paid once
 * stays paid, and the README's examples would then meet PPT_PAGAMENTO_DUPLICATO. Resetting only the
 * node would strand the terminal's own records (outcomes for tokens the node no longer knows), so
 * both the demo node and the terminal's database, with its witness, are moved aside together:
 * nothing is deleted. Refused when a configuration exists (real money is never demo) and while a
 * sportello process holds the database.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DatabaseInUse, openDatabase, witnessPath } from '../../db';
import { SportelloError } from '../../kernel/errors';
import { dataDir, loadConfig } from '../config';
import { has, parseArgs, printError, printResult } from './args';
import { refuseWhileRunning } from './remote';

const USAGE = 'usage: sportello demo reset [--confirm] [--json]';

export class DemoResetRefused extends SportelloError {
  declare readonly code: 'DEMO_RESET_REFUSED';
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('DEMO_RESET_REFUSED', message, { details });
  }
}

export async function demoCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { booleans: ['confirm'], positionals: 1 });
  if (has(args, 'help')) return (console.log(USAGE), 0);
  const json = has(args, 'json');
  const [sub] = args.positionals;
  if (sub !== 'reset') {
    console.error(`sportello demo: say what to do: reset\n${USAGE}`);
    return 2;
  }
  if (!has(args, 'confirm')) {
    console.error(
      "demo reset moves the demo node (demo-node.db) and this terminal's demo records (sportello.db and its witness) into " +
        'set-aside-demo-<time>/ in the data folder; the next start begins from the seed. Run it again with --confirm.',
    );
    return 2;
  }
  try {
    await refuseWhileRunning('demo reset moves its files aside; stop the terminal first');
    const report = resetDemo(dataDir());
    printResult(json, report, () => `demo reset: moved ${report.moved.join(', ') || 'nothing'} to ${report.setAsideTo}`);
    return 0;
  } catch (e) {
    printError(json, e);
    return 1;
  }
}

export function resetDemo(dir: string, now: number = Date.now()): { setAsideTo: string; moved: string[] } {
  const loaded = loadConfig();
  if (loaded.mode !== 'demo') {
    throw new DemoResetRefused(`a configuration exists (${loaded.file}): this terminal is not in demo mode`, { file: loaded.file });
  }
  const db = join(dir, 'sportello.db');
  if (existsSync(db)) {
    try {
      openDatabase(db, { readonly: true, exclusive: false }).close();
    } catch (e) {
      // A damaged demo database is what a reset is for; one that a running sportello holds is not.
      if (e instanceof DatabaseInUse) throw new DemoResetRefused('sportello is running on this data folder: stop it first', { db });
    }
  }
  const node = join(dir, 'demo-node.db');
  const files = [db, `${db}-wal`, `${db}-shm`, `${db}-journal`, `${db}.clean`, witnessPath(db), node, `${node}-wal`, `${node}-shm`];
  const present = files.filter((f) => existsSync(f));
  const setAsideTo = join(dir, `set-aside-demo-${new Date(now).toISOString().replace(/[:.]/g, '-')}`);
  if (present.length === 0) return { setAsideTo, moved: [] };
  mkdirSync(setAsideTo, { mode: 0o700 });
  for (const f of present) renameSync(f, join(setAsideTo, basename(f)));
  return { setAsideTo, moved: present.map((f) => basename(f)) };
}
