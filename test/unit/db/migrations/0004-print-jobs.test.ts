// Migration 0004 and the print job repository: a job is written queued, counts its attempts, keeps
// the failure's reason, prints once; one original per session and kind; an interrupted job goes
// back to the queue with a new source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, MIGRATIONS } from '../../../../db/index';
import { printJobRepository } from '../../../../db/repos/print-jobs';
import { tempDir } from '../../../support/tmp';

function repo(t: { after(fn: () => void): void }) {
  const db = new Database(join(tempDir(t), 'm.db'));
  t.after(() => db.close());
  migrate(db, MIGRATIONS.slice(0, 4));
  db.exec(`PRAGMA foreign_keys = OFF`); // jobs here name sessions that this test does not create
  let n = 0;
  return { db, jobs: printJobRepository({ db, now: () => 1_800_000_000_000, newId: () => `job-${++n}` }) };
}

test('0004: a job from queued through a kept failure to printed, once', (t) => {
  const { jobs } = repo(t);
  const job = jobs.insert({ sessionId: 's1', kind: 'final', title: 'Attestazione', source: { type: 'certificate' } });
  assert.deepEqual([job.state, job.attempts, job.lastFailure], ['queued', 0, null]);
  assert.equal(jobs.markPrinting(job.id), true);
  assert.equal(jobs.markFailed(job.id, 'paper-end', 'printer:unavailable.paper-end'), true);
  assert.deepEqual(jobs.get(job.id)?.lastFailure?.reason, 'paper-end');
  assert.deepEqual(
    jobs.open().map((j) => j.id),
    [job.id],
  );
  assert.equal(jobs.markPrinting(job.id), true);
  assert.equal(jobs.markPrinted(job.id), true);
  assert.equal(jobs.markPrinted(job.id), false, 'printed once');
  assert.deepEqual([jobs.get(job.id)?.state, jobs.get(job.id)?.attempts], ['printed', 2]);
  assert.deepEqual(jobs.open(), []);
  assert.equal(jobs.discard(job.id), false, 'a printed job is not discarded');
});

test('0004: one original per session and kind; duplicates and discarded originals do not count', (t) => {
  const { jobs } = repo(t);
  const first = jobs.insert({ sessionId: 's1', kind: 'final', title: 'A', source: {} });
  assert.throws(() => jobs.insert({ sessionId: 's1', kind: 'final', title: 'A', source: {} }), /UNIQUE/);
  jobs.insert({ sessionId: 's1', kind: 'duplicate', title: 'A', source: {} });
  jobs.insert({ sessionId: 's1', kind: 'duplicate', title: 'A', source: {} });
  assert.equal(jobs.original('s1', 'final')?.id, first.id);
  assert.equal(jobs.discard(first.id), true);
  assert.equal(jobs.original('s1', 'final'), undefined);
  jobs.insert({ sessionId: 's1', kind: 'final', title: 'A', source: {} });
});

test('0004: a job left printing is found at start and requeued with its new source', (t) => {
  const { jobs, db } = repo(t);
  const job = jobs.insert({ sessionId: null, kind: 'test', title: 'Test', source: { duplicate: false } });
  jobs.markPrinting(job.id);
  assert.deepEqual(
    jobs.interrupted().map((j) => j.id),
    [job.id],
  );
  assert.equal(jobs.requeue(job.id, { duplicate: true }), true);
  assert.deepEqual([jobs.get(job.id)?.state, jobs.get(job.id)?.source], ['queued', { duplicate: true }]);
  assert.throws(() => db.prepare(`UPDATE print_job SET state = 'lost' WHERE id = ?`).run(job.id), /CHECK/);
});
