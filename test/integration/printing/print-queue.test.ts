// The core's print queue on a real core (demo simulator, SQLite in a temp folder) and a scripted
// ESC/POS printer on 127.0.0.1 (test/support/fake-printer.ts): the engine's completion prints the
// certificate with no screen involved; paper running out mid-job keeps the job with its reason,
// shown in printer.jobs and the pushed printer.status, and it prints once the paper is back,
// exactly once; a core killed while the job is on the printer prints it again after restart,
// marked as a duplicate; a cash tender at the counter opens the drawer, once.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startCore } from '../../../main/core/core';
import type { Core } from '../../../main/core/core';
import { createCoreApi } from '../../../main/api/core-api';
import type { CoreApi } from '../../../main/api/core-api';
import type { EventPayload } from '../../../main/contract/events';
import { PRINTER_SETTING } from '../../../main/services/printer/setting';
import { startFakeNetworkPrinter, type FakePrinter } from '../../support/fake-printer';
import { tempDir } from '../../support/tmp';
import { DEMO_OPERATOR_PIN } from '../../../main/services/access/operators';
import { DEFAULT_PIN } from '../../../main/services/access/pin';
import { pay, QR, reaches, value } from '../contract/counter-fixture';

type Status = EventPayload<'printer.status'>;

async function printingCore(
  t: { after(fn: () => unknown): void },
  dir = tempDir(t, 'sportello-printing-'),
): Promise<{ core: Core; api: CoreApi; dir: string }> {
  const core = await startCore({ env: { SPORTELLO_DATA_DIR: dir, SPORTELLO_CONFIG: join(dir, 'config.json') } });
  const api = createCoreApi(core, { printing: { pollMs: 100 }, printTimeouts: { jobTimeoutMs: 10_000, statusTimeoutMs: 2_000 } });
  t.after(async () => {
    api.close();
    await api.closed();
    await core.close();
  });
  return { core, api, dir };
}

async function fakePrinter(t: { after(fn: () => unknown): void }): Promise<{ printer: FakePrinter; target: string }> {
  const { printer, host, port } = await startFakeNetworkPrinter();
  t.after(() => printer.close());
  return { printer, target: `tcp:${host}:${port}` };
}

/** Resolves with the first pushed printer.status that satisfies `pred` (or the current one, if it does). */
function statusWhere(api: CoreApi, pred: (s: Status) => boolean): Promise<Status> {
  return new Promise((resolve) => {
    let done = false;
    const check = (s: Status) => {
      if (done || !pred(s)) return;
      done = true;
      off();
      resolve(s);
    };
    const off = api.on('printer.status', check);
    void api.call('printer.status', {}).then((r) => r.ok && check(r.value));
  });
}

const cuts = (p: FakePrinter) => p.printedOps().filter((o) => o.op === 'cut').length;
const printedText = (p: FakePrinter) => p.interpretation().lines.join('\n');

describe('the core print queue', { timeout: 120_000 }, () => {
  test("the engine's completion prints the final certificate with no screen involved, and certifies the session", async (t) => {
    const { printer, target } = await fakePrinter(t);
    const { core, api } = await printingCore(t);
    core.db.settings.set(PRINTER_SETTING, { target, paper: '80mm' });
    const certified = (async () => {
      const s = await pay(api, [QR.permit], 'card');
      return reaches(api, s.id, ['certified']);
    })();
    const s = await certified;
    const jobs = core.db.printJobs.bySession(s.id);
    assert.deepEqual(
      jobs.map((j) => [j.kind, j.state, j.attempts]),
      [['final', 'printed', 1]],
    );
    assert.equal(cuts(printer), 1);
    assert.ok(printer.printedOps().some((o) => o.op === 'qr-print' || o.op === 'raster'));
    // the screen asking afterwards for the original gets that job: nothing more on paper
    const again = value(await api.call('certificate.print', { sessionId: s.id }));
    assert.deepEqual([again.deduplicated, again.job?.id], [true, jobs[0]!.id]);
    assert.equal(cuts(printer), 1);
  });

  test('paper out mid-job: kept with paper-end, shown and pushed, printed once after the paper is back', async (t) => {
    const { printer, target } = await fakePrinter(t);
    const { core, api } = await printingCore(t);
    core.db.settings.set(PRINTER_SETTING, { target, paper: '80mm' });
    printer.on(
      (op) => op.op === 'cut',
      (st) => (st.paperEnd = true),
    );
    const kept = statusWhere(api, (s) => s.jobs.some((j) => j.state === 'failed'));
    const s = await pay(api, [QR.tari], 'card');
    const status = await kept;
    assert.equal(status.state, 'problem');
    assert.equal(status.reason, 'paper-end');
    assert.equal(status.messageKey, 'printer:unavailable.paper-end');
    const [job] = status.jobs;
    assert.deepEqual([job?.sessionId, job?.kind, job?.state, job?.lastFailure?.reason], [s.id, 'final', 'failed', 'paper-end']);
    const listed = value(await api.call('printer.jobs', {})).jobs.find((j) => j.id === job!.id);
    assert.deepEqual([listed?.state, listed?.lastFailure?.messageKey], ['failed', 'printer:unavailable.paper-end']);
    assert.equal(core.engine.get(s.id).status, 'completed', 'not certified while the paper is not out');

    // the polled status sees the paper back: the kept job prints, once
    const cleared = statusWhere(api, (st) => st.state === 'ready' && st.jobs.length === 0);
    printer.clear();
    printer.set({ paperEnd: false });
    await cleared;
    await reaches(api, s.id, ['certified']);
    assert.equal(cuts(printer), 1, 'the whole certificate again, exactly once');
    assert.doesNotMatch(printedText(printer), /DUPLICATO/);
    const after = core.db.printJobs.bySession(s.id);
    assert.deepEqual(
      after.map((j) => [j.kind, j.state, j.attempts]),
      [['final', 'printed', 2]],
    );
    const printedEntries = core.db.journal.bySession(s.id).filter((e) => e.kind === 'print-job-printed');
    assert.equal(printedEntries.length, 1);
  });

  test('a shift report goes through the queue: kept when the paper is out, printed once when it is back', async (t) => {
    const { printer, target } = await fakePrinter(t);
    const { core, api } = await printingCore(t);
    core.db.settings.set(PRINTER_SETTING, { target, paper: '80mm' });
    value(await api.call('shift.open', { operatorId: 'mrossi', floatCents: 5000 }));
    printer.set({ paperEnd: true });
    const refused = await api.call('shift.printReport', { kind: 'x' });
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, 'PRINTER_UNAVAILABLE');
    assert.equal(refused.error.details?.kept, true);
    const jobId = refused.error.details?.jobId as string;
    const kept = core.db.printJobs.recent(10).find((j) => j.id === jobId);
    assert.deepEqual([kept?.kind, kept?.state, kept?.sessionId], ['report', 'failed', null]);
    assert.equal(cuts(printer), 0);

    const cleared = statusWhere(api, (st) => st.state === 'ready' && st.jobs.length === 0);
    printer.set({ paperEnd: false });
    await cleared;
    assert.equal(cuts(printer), 1, 'the report printed once, with no one asking again');
    assert.match(printedText(printer), /REPORT X/);
    assert.equal(core.db.printJobs.recent(10).find((j) => j.id === jobId)?.state, 'printed');
  });

  test('a kept job can be discarded by staff; discarding a printed one is refused', async (t) => {
    const { printer, target } = await fakePrinter(t);
    const { core, api } = await printingCore(t);
    core.db.settings.set(PRINTER_SETTING, { target, paper: '80mm' });
    printer.set({ coverOpen: true });
    const kept = statusWhere(api, (s) => s.jobs.some((j) => j.state === 'failed'));
    await pay(api, [QR.canteen], 'card');
    const job = (await kept).jobs[0]!;
    assert.equal(job.lastFailure?.reason, 'cover-open');
    assert.equal(printer.printedOps().length, 0, 'nothing but status questions with the cover open');
    const discarded = value(await api.call('printer.discardJob', { jobId: job.id }));
    assert.equal(discarded.state, 'discarded');
    const again = await api.call('printer.discardJob', { jobId: job.id });
    assert.equal(!again.ok && again.error.code, 'PRINT_JOB_FINISHED');
  });

  test('a cash tender at the counter opens the drawer once (ESC p with the model pin and pulse), journaled', async (t) => {
    const { printer, target } = await fakePrinter(t);
    const { core, api } = await printingCore(t);
    core.db.settings.set(PRINTER_SETTING, { target, paper: '80mm', model: 'star-escpos' });
    const s = await pay(api, [QR.multi], 'cash', 20_000);
    await reaches(api, s.id, ['certified']);
    const kicks = printer.printedOps().filter((o) => o.op === 'drawer');
    assert.deepEqual(kicks, [{ op: 'drawer', pin: 2, onMs: 200, offMs: 200 }]);
    assert.equal(core.db.journal.bySession(s.id).filter((e) => e.kind === 'drawer-open-queued').length, 1);
    assert.deepEqual(
      core.db.printJobs
        .bySession(s.id)
        .map((j) => j.kind)
        .sort(),
      ['drawer', 'final'],
    );
  });

  test('a core killed while the certificate is on the printer prints it again after restart, marked as a duplicate', async (t) => {
    const { printer, target } = await fakePrinter(t);
    const dir = tempDir(t, 'sportello-printing-crash-');
    // the bytes arrive, then the printer goes silent: the child waits for the after-job status
    printer.on(
      (op) => op.op === 'cut',
      (st) => (st.answersStatus = false),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'print-child.ts')], {
      env: { ...process.env, SPORTELLO_DATA_DIR: dir, PRINT_TARGET: target },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    t.after(() => child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    await printer.waitFor((op) => op.op === 'cut', 90_000);
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');
    assert.doesNotMatch(out, /returned/);
    const sessionId = /paid (\S+)/.exec(out)![1]!;
    assert.doesNotMatch(printedText(printer), /DUPLICATO/, 'the first paper is the original');

    printer.clear();
    printer.set({ answersStatus: true });
    const { core, api } = await printingCore(t, dir);
    await reaches(api, sessionId, ['certified']);
    await statusWhere(api, (s) => s.jobs.length === 0);
    assert.equal(cuts(printer), 1);
    assert.match(printedText(printer), /DUPLICATO/, 'the second paper says it is a copy');
    const jobs = core.db.printJobs.bySession(sessionId);
    assert.deepEqual(
      jobs.map((j) => [j.kind, j.state]),
      [['final', 'printed']],
    );
    assert.equal(core.db.journal.bySession(sessionId).filter((e) => e.kind === 'print-job-interrupted').length, 1);
  });

  test('the technician picks a model (kept when the device choice changes) and prints its test page through the queue; roles hold', async (t) => {
    const { printer, target } = await fakePrinter(t);
    const { core, api } = await printingCore(t);
    core.db.settings.set(PRINTER_SETTING, { target, paper: '80mm' });
    const technician = value(await api.call('technician.unlock', { pin: DEFAULT_PIN })).auth;
    const operator = value(await api.call('operator.login', { operatorId: 'mrossi', pin: DEMO_OPERATOR_PIN })).auth;
    const tech = api.as(technician);
    const models = value(await tech.call('printer.models', {}));
    assert.equal(models.chosen, 'generic', 'a setting without a model is generic');
    assert.ok(models.models.some((m) => m.id === 'epson-tm-t88vi' && m.nativeDataMatrix));
    const refused = await tech.call('printer.chooseModel', { model: 'epson-tm-xx' });
    assert.equal(!refused.ok && refused.error.code, 'PRINTER_MODEL_UNKNOWN');
    assert.equal(value(await tech.call('printer.chooseModel', { model: 'epson-tm-t20iii' })).model, 'epson-tm-t20iii');
    value(await tech.call('technician.chooseDevices', { paper: '58mm' }));
    assert.equal(value(await tech.call('printer.models', {})).chosen, 'epson-tm-t20iii', 'the model stays when the paper changes');

    const job = value(await tech.call('printer.testPage', {}));
    assert.deepEqual([job.kind, job.state], ['test', 'printed']);
    assert.ok(
      printer.interpretation().lines.some((l) => l.includes('Epson TM-T20III')),
      'the test page names the model',
    );

    // staff see the queue and may reprint or discard; only a technician picks a model or prints a test page
    assert.equal(value(await api.as(operator).call('printer.jobs', {})).jobs[0]?.id, job.id);
    const byOperator = await api.as(operator).call('printer.chooseModel', { model: 'generic' });
    assert.equal(!byOperator.ok && byOperator.error.code, 'TECHNICIAN_LOCKED');
    const byKiosk = await api.as(null).call('printer.status', {});
    assert.equal(!byKiosk.ok && byKiosk.error.code, 'ROLE_REQUIRED');
  });

  test('on a kiosk terminal a kept certificate does not print by itself when the printer recovers; the technician reprints it', async (t) => {
    const { printer, target } = await fakePrinter(t);
    const { core, api } = await printingCore(t);
    // the terminal kind is configuration; this core is a demo counter, told here it stands as a kiosk
    (core.config.terminal as { kind: string }).kind = 'kiosk';
    core.db.settings.set(PRINTER_SETTING, { target, paper: '80mm' });
    printer.set({ coverOpen: true });
    const kept = statusWhere(api, (s) => s.jobs.some((j) => j.state === 'failed'));
    const s = await pay(api, [QR.permit], 'card');
    const job = (await kept).jobs[0]!;
    printer.set({ coverOpen: false });
    const ready = await statusWhere(api, (st) => st.state === 'ready');
    // the next poll's status is asked in turn after the previous poll's drain: that drain is over
    await statusWhere(api, (st) => st.state === 'ready' && st.checkedAt !== ready.checkedAt);
    assert.equal(core.db.printJobs.get(job.id)?.state, 'failed', 'still kept: the citizen has gone');
    assert.equal(cuts(printer), 0);
    const reprinted = value(await api.call('printer.retryJob', { jobId: job.id }));
    assert.equal(reprinted.state, 'printed');
    assert.equal(cuts(printer), 1);
    await reaches(api, s.id, ['certified']);
  });
});
