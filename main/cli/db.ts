/**
 * `sportello db [status | start-afresh --confirm | adopt-restored --confirm] [--json]`: the
 * technician's view of the database file and its witness (db/witness.ts), and the two deliberate
 * acts that end a DB_MISSING / DB_EMPTIED refusal. Neither act deletes anything; both are journaled.
 * Run them with sportello stopped: a running core holds the file (DB_IN_USE).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { adoptRestored, openDatabase, readWitness, startAfresh, witnessPath } from '../../db';
import { dataDir } from '../config';
import { has, parseArgs, printError, printResult } from './args';
import { refuseWhileRunning } from './remote';

const USAGE = 'usage: sportello db [status | start-afresh --confirm | adopt-restored --confirm] [--json]';

const EXPLAIN: Record<string, string> = {
  'start-afresh':
    'start-afresh moves the refused database and its companion files into set-aside-<time>/ in the data folder (nothing is deleted), ' +
    'creates an empty database and journals the act with the last journal entry the witness knew. Outcomes still queued in the old file ' +
    'will NOT be sent from the new one: restore the file instead if you can. Run it again with --confirm.',
  'adopt-restored':
    'adopt-restored accepts the restored database in place although it is older than the last state this terminal recorded (its witness), ' +
    'and journals the act with both journal heads. Payments made after that copy was taken are not in it. Run it again with --confirm.',
};

export async function dbCommand(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { booleans: ['confirm'] });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (has(args, 'help')) return (console.log(USAGE), 0);
  const json = has(args, 'json');
  const [sub = 'status', ...extra] = args.positionals;
  const path = join(dataDir(), 'sportello.db');
  if (extra.length > 0 || !['status', 'start-afresh', 'adopt-restored'].includes(sub)) {
    console.error(USAGE);
    return 2;
  }
  try {
    // The file itself, which the running terminal holds: refused at once rather than after waiting for it.
    await refuseWhileRunning(`sportello db ${sub} acts on the database file; stop the terminal first`);
  } catch (e) {
    printError(json, e);
    return 1;
  }
  if (sub === 'status') return status(path, json);
  if (!has(args, 'confirm')) {
    console.error(EXPLAIN[sub]);
    return 2;
  }
  try {
    const report = sub === 'start-afresh' ? startAfresh(path) : adoptRestored(path);
    printResult(json, report, () =>
      [
        `${sub}: done, journaled as entry ${report.journaled.seq} of ${path}`,
        `  refused before: ${report.refused.code}${report.refused.reason ? ` (${report.refused.reason})` : ''}`,
        `  witness had: ${report.previous ? `journal entry ${report.previous.seq} ${report.previous.hash} (${report.previous.writtenAt})` : 'none'}`,
        ...('setAsideTo' in report ? [`  moved aside to ${report.setAsideTo}: ${report.moved.join(', ') || 'nothing'}`] : []),
      ].join('\n'),
    );
    return 0;
  } catch (e) {
    printError(json, e);
    return 1;
  }
}

/** The file, its witness, and whether sportello would open it: a read-only look that changes nothing. */
function status(path: string, json: boolean): number {
  const witness = readWitness(path);
  const file = existsSync(path) ? { size: statSync(path).size } : null;
  let verdict: { ok: true } | { ok: false; code: string; message: string };
  if (!file && !witness) {
    verdict = { ok: true };
  } else {
    try {
      openDatabase(path, { readonly: true }).close();
      verdict = { ok: true };
    } catch (e) {
      const err = e as { code?: string; message?: string };
      verdict = { ok: false, code: err.code ?? 'ERROR', message: err.message ?? String(e) };
    }
  }
  printResult(json, { path, file, witness, witnessPath: witnessPath(path), verdict }, () =>
    [
      `database ${path}: ${file ? `${file.size} bytes` : 'none yet'}`,
      `witness  ${witness ? `journal entry ${witness.journal.seq}, at least ${witness.sizeFloor} bytes, written ${witness.writtenAt}` : 'none (no records held yet)'}`,
      verdict.ok ? 'opens: yes' : `opens: NO, ${verdict.code}: ${verdict.message}`,
    ].join('\n'),
  );
  return verdict.ok ? 0 : 1;
}
