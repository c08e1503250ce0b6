import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { cut, doc, text, type PrintDocument } from '../../../../drivers/printer/document';
import { PrintDocumentInvalid, PrinterUnavailable, PrintJobUnknown, type UnavailableReason } from '../../../../drivers/printer/errors';
import { JobStoreCorrupt, JsonFileJobStore, MemoryJobStore } from '../../../../drivers/printer/job-store';
import type { PrintResult } from '../../../../drivers/printer/printer';
import { PrintQueue, type DocumentPrinter } from '../../../../drivers/printer/queue';
import { tempDir } from '../../../support/tmp';

// The queue's logic against a scripted printer: each call takes the next planned answer. The real
// Printer behind the same interface is exercised over ptys and TCP in the integration tests.
function plannedPrinter(plan: Array<UnavailableReason | 'ok' | 'invalid'>): DocumentPrinter & { printed: PrintDocument[] } {
  const printed: PrintDocument[] = [];
  return {
    printed,
    async print(document: PrintDocument): Promise<PrintResult> {
      const next = plan.shift() ?? 'ok';
      if (next === 'ok') {
        printed.push(document);
        return { status: 'unknown', warnings: [] };
      }
      if (next === 'invalid') throw new PrintDocumentInvalid('cannot encode');
      throw new PrinterUnavailable(next, `printer: ${next}`);
    },
  };
}

const fixedClock = () => new Date('2025-03-01T10:00:00.000Z');
let n = 0;
const ids = () => `job-${++n}`;
const receipt = (label: string) => doc(text(label), cut());

test('a printed job leaves nothing queued', async () => {
  const printer = plannedPrinter(['ok']);
  const queue = new PrintQueue({ printer, clock: fixedClock, newId: ids });
  const outcome = await queue.submit(receipt('A'), 'Attestazione A');
  assert.equal(outcome.status, 'printed');
  assert.deepEqual(queue.pending(), []);
  assert.equal(printer.printed.length, 1);
});

test('a refused job stays queued with its reason and message key, and reprints on demand', async () => {
  const printer = plannedPrinter(['paper-end', 'cover-open', 'ok']);
  const queue = new PrintQueue({ printer, clock: fixedClock, newId: ids });
  const first = await queue.submit(receipt('B'), 'Attestazione B');
  assert.equal(first.status, 'queued');
  assert.ok(first.status === 'queued' && first.error.reason === 'paper-end');
  const [job] = queue.pending();
  assert.equal(job?.title, 'Attestazione B');
  assert.deepEqual(job?.lastFailure, { reason: 'paper-end', messageKey: 'printer:unavailable.paper-end', at: '2025-03-01T10:00:00.000Z' });
  assert.equal(job?.attempts, 1);

  const second = await queue.reprint(first.jobId);
  assert.ok(second.status === 'queued' && second.error.messageKey === 'printer:unavailable.cover-open');
  assert.equal(queue.pending()[0]?.attempts, 2);

  assert.equal((await queue.reprint(first.jobId)).status, 'printed');
  assert.deepEqual(queue.pending(), []);
  assert.deepEqual(printer.printed, [receipt('B')]);
});

test('reprintAll goes oldest first and stops at the first refusal', async () => {
  const printer = plannedPrinter(['offline', 'offline', 'offline', 'ok', 'unplugged']);
  const queue = new PrintQueue({ printer, clock: fixedClock, newId: ids });
  for (const label of ['1', '2', '3']) await queue.submit(receipt(label), label);
  assert.deepEqual(
    queue.pending().map((j) => j.title),
    ['1', '2', '3'],
  );
  const outcomes = await queue.reprintAll();
  assert.deepEqual(
    outcomes.map((o) => o.status),
    ['printed', 'queued'],
  );
  assert.deepEqual(
    queue.pending().map((j) => j.title),
    ['2', '3'],
  );
  assert.deepEqual(printer.printed, [receipt('1')]);
});

test('a document that cannot be encoded is not kept: reprinting it would fail the same way', async () => {
  const queue = new PrintQueue({ printer: plannedPrinter(['invalid']), newId: ids });
  await assert.rejects(queue.submit(receipt('X'), 'X'), PrintDocumentInvalid);
  assert.deepEqual(queue.pending(), []);
});

test('discard and reprint of an unknown job are typed errors; discard removes the job', async () => {
  const queue = new PrintQueue({ printer: plannedPrinter(['timeout']), newId: ids });
  const { jobId } = await queue.submit(receipt('D'), 'D');
  await queue.discard(jobId);
  assert.deepEqual(queue.pending(), []);
  await assert.rejects(queue.reprint(jobId), PrintJobUnknown);
  await assert.rejects(queue.discard(jobId), PrintJobUnknown);
});

test('jobs go to the printer one at a time even when submitted together', async () => {
  let inFlight = 0;
  let most = 0;
  const printer: DocumentPrinter = {
    async print() {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return { status: 'unknown', warnings: [] };
    },
  };
  const queue = new PrintQueue({ printer, newId: ids });
  await Promise.all([1, 2, 3, 4].map((i) => queue.submit(receipt(String(i)), String(i))));
  assert.equal(most, 1);
});

test('the JSON file store keeps queued jobs across a restart', async (t) => {
  const dir = tempDir(t);
  const before = new PrintQueue({
    printer: plannedPrinter(['unplugged']),
    store: new JsonFileJobStore(dir),
    clock: fixedClock,
    newId: ids,
  });
  const { jobId } = await before.submit(receipt('€ Città'), 'Attestazione città');

  const after = new PrintQueue({ printer: plannedPrinter(['ok']), store: new JsonFileJobStore(dir), clock: fixedClock, newId: ids });
  const [job] = after.pending();
  assert.equal(job?.id, jobId);
  assert.deepEqual(job?.document, receipt('€ Città'));
  assert.equal(job?.lastFailure?.reason, 'unplugged');
  assert.equal((await after.reprint(jobId)).status, 'printed');
  assert.deepEqual(new JsonFileJobStore(dir).load(), []);
});

test('a damaged queue file is a typed error, not an empty queue', (t) => {
  const dir = tempDir(t);
  const store = new JsonFileJobStore(dir);
  writeFileSync(store.file, '{"version":1,"jobs":[{"id":"x"}]}');
  assert.throws(() => store.load(), JobStoreCorrupt);
  writeFileSync(store.file, 'not json');
  assert.throws(() => store.load(), JobStoreCorrupt);
});

test('the memory store hands out copies', () => {
  const store = new MemoryJobStore();
  store.save([{ id: 'a', title: 'a', document: receipt('a'), createdAt: 'now', attempts: 0 }]);
  store.load().pop();
  assert.equal(store.load().length, 1);
});
