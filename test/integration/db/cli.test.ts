// The storage refusals as a technician meets them on the command line: one typed line (one JSON
// object with --json), never a stack trace; doctor reports the refusal; `sportello db` gets out of
// one deliberately. Real processes, real files. The configuration points at a closed port: these
// commands fail before they would talk to a node.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, readWitness } from '../../../db/index';
import { tempDir } from '../../support/tmp';

const bin = join(import.meta.dirname, '../../../bin/sportello.mjs');
const run = (args: string[], dir: string) =>
  spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, SPORTELLO_DATA_DIR: dir, SPORTELLO_CONFIG: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });

/** A configured terminal (no demo simulator) whose database held a journal entry. */
function terminal(t: Parameters<typeof tempDir>[0]): { dir: string; db: string } {
  const dir = tempDir(t, 'sportello-cli-db-');
  assert.equal(run(['config', 'sim', '--url', 'http://127.0.0.1:9/nodo'], dir).status, 0);
  const db = join(dir, 'sportello.db');
  const h = openDatabase(db);
  h.journal.append('tender-committed', { tokens: ['TOKEN-CLI'] });
  h.close();
  return { dir, db };
}

const NOTICE = 'PAGOPA|002|302000100000009400|77777777777|1000';
const noStack = (text: string) => assert.doesNotMatch(text, /^\s+at .+\(.+:\d+:\d+\)$/m, 'no stack trace');

describe('storage refusals on the command line', () => {
  for (const [name, damage] of [
    ['DB_CORRUPT', (db: string) => writeFileSync(db, 'this is not a database, just text long enough to be looked at.')],
    ['DB_EMPTIED', (db: string) => truncateSync(db, 0)],
  ] as const) {
    test(`pay on a ${name} database: one typed line, and one JSON object with --json`, (t) => {
      const { dir, db } = terminal(t);
      damage(db);
      const text = run(['pay', '--notice', NOTICE, '--tender', 'cash'], dir);
      assert.equal(text.status, 1);
      noStack(text.stderr);
      // Warnings of other checks (e.g. file permissions made private) may come first; the refusal is one line.
      const lines = text.stderr
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('sportello: warning:'));
      assert.equal(lines.length, 1, text.stderr);
      assert.match(lines[0]!, new RegExp(`^sportello: ${name}: `));

      const json = run(['pay', '--notice', NOTICE, '--tender', 'cash', '--json'], dir);
      assert.equal(json.status, 1);
      noStack(json.stderr + json.stdout);
      assert.equal((JSON.parse(json.stdout) as { error: { code: string } }).error.code, name);
    });
  }

  test('doctor reports an emptied database as a failed check, with the way to restore it', (t) => {
    const { dir, db } = terminal(t);
    truncateSync(db, 0);
    const r = run(['doctor', '--json'], dir);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout) as { ok: boolean; checks: Array<{ name: string; ok: boolean; detail: string }> };
    assert.equal(out.ok, false);
    const check = out.checks.find((c) => c.name === 'database');
    assert.equal(check?.ok, false);
    assert.match(check!.detail, /DB_EMPTIED.*sportello db start-afresh --confirm/);
    assert.equal(statSync(db).size, 0, 'doctor changed nothing');
  });

  test('db start-afresh needs --confirm, then moves the old file aside and journals the act', (t) => {
    const { dir, db } = terminal(t);
    const old = readWitness(db)!;
    truncateSync(db, 0);
    const unconfirmed = run(['db', 'start-afresh'], dir);
    assert.equal(unconfirmed.status, 2);
    assert.match(unconfirmed.stderr, /--confirm/);
    assert.equal(statSync(db).size, 0, 'nothing done without --confirm');

    const done = run(['db', 'start-afresh', '--confirm', '--json'], dir);
    assert.equal(done.status, 0, done.stderr);
    const report = JSON.parse(done.stdout) as { setAsideTo: string; previous: { hash: string } };
    assert.equal(report.previous.hash, old.journal.hash);
    assert.ok(existsSync(join(report.setAsideTo, 'sportello.db')));
    assert.ok(readdirSync(dir).some((f) => f.startsWith('set-aside-')));
    assert.equal(run(['journal', 'verify'], dir).status, 0);
    assert.match(run(['journal'], dir).stdout, /database-started-afresh/);
    assert.equal(run(['db', 'status'], dir).status, 0);
  });
});
