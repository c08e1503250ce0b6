/**
 * `sportello doctor [--json]`: what a technician checks first. Configuration (secrets masked),
 * database integrity and version, the journal chain, node reachability (a catalogue request: it
 * changes nothing at the node), the clock's plausibility (doctor-clock.ts), and what is pending in the outbox.
 */
import { readWitness, witnessPath } from '../../db';
import { startCore } from '../core/core';
import { SportelloError } from '../../kernel/errors';
import { redactConfig } from '../config';
import { NodeFault } from '../node';
import { has, parseArgs, printError, printResult } from './args';
import { clockCheck } from './doctor-clock';
import { CoreNotResponding, CoreRunning, refuseWhileRunning } from './remote';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export async function doctorCommand(argv: string[]): Promise<number> {
  const json = has(parseArgs(argv, { positionals: 0 }), 'json');
  let core;
  try {
    // Doctor reads the database file and the node itself: it needs the terminal stopped.
    await refuseWhileRunning('doctor checks the database itself; stop the terminal first, or use the technician screen');
    core = await startCore({ run: false });
  } catch (e) {
    // A refused database (missing, emptied, damaged, read-only...) is the finding, not a crash.
    const err = e as { code?: string; message?: string };
    if (!(e instanceof SportelloError) || e instanceof CoreRunning || e instanceof CoreNotResponding) {
      printError(json, e);
      return 1;
    }
    const checks: Check[] = [{ name: 'database', ok: false, detail: `REFUSED ${err.code}: ${err.message}` }];
    printResult(json, { ok: false, checks, error: (e as SportelloError).toJSON() }, () =>
      checks.map((c) => `FAIL ${c.name.padEnd(9)} ${c.detail}`).join('\n'),
    );
    return 1;
  }
  try {
    const checks: Check[] = [];
    checks.push({
      name: 'config',
      ok: true,
      detail:
        core.mode === 'demo'
          ? `demo mode (no config file): simulator at ${core.sim?.url}`
          : `configured, terminal ${core.config.terminal.id}`,
    });
    const integrity = core.db.sqlite.pragma('quick_check', { simple: true }) as string;
    checks.push({
      name: 'database',
      ok: integrity === 'ok',
      detail: `${core.db.path}, schema v${core.db.schemaVersion}, quick_check ${integrity}`,
    });
    const w = readWitness(core.db.path);
    checks.push({
      name: 'witness',
      ok: true,
      detail: w
        ? `${witnessPath(core.db.path)}: journal entry ${w.journal.seq} matches, written ${w.writtenAt}`
        : 'none yet (no records held)',
    });
    const j = core.db.journal.verify();
    checks.push({ name: 'journal', ok: j.ok, detail: j.ok ? `${j.count} entries, chain intact` : `broken at ${j.brokenAt}: ${j.reason}` });
    const started = Date.now();
    try {
      await core.node.nodoChiediCatalogoServiziV2({});
      checks.push({ name: 'node', ok: true, detail: `answered in ${Date.now() - started} ms` });
    } catch (e) {
      // A fault is still an answer: the node is reachable and our credentials were checked.
      const answered = e instanceof NodeFault;
      checks.push({
        name: 'node',
        ok: answered,
        detail: `${answered ? 'answered with' : 'not reachable:'} ${(e as { code?: string }).code ?? ''} ${(e as Error).message}`,
      });
    }
    checks.push(clockCheck(core));
    const p = core.db.outbox.pending();
    checks.push({ name: 'outbox', ok: p.needsDecision === 0, detail: `${p.depth} pending, ${p.needsDecision} waiting for a decision` });
    const ok = checks.every((c) => c.ok);
    printResult(json, { ok, checks, config: redactConfig(core.config) }, () =>
      checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(9)} ${c.detail}`).join('\n'),
    );
    return ok ? 0 : 1;
  } finally {
    await core.close();
  }
}
