// A serial receipt printer on a socat pty pair. No physical printer exists on this machine: the far
// end of the pair is the scripted fake printer (test/support/fake-printer.ts); the driver side is
// the real serial transport, status handling and queue.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { code128, cut, doc, drawer, pair, qr, text } from '../../../../drivers/printer/document';
import { PrinterUnavailable } from '../../../../drivers/printer/errors';
import { Printer } from '../../../../drivers/printer/printer';
import { PROFILE_80MM } from '../../../../drivers/printer/profile';
import { printTestPage, TEST_CHARACTER_ROWS, TEST_DATAMATRIX_DATA } from '../../../../drivers/printer/test-page';
import { PrintQueue, type JobOutcome } from '../../../../drivers/printer/queue';
import { parseTarget } from '../../../../drivers/printer/target';
import bwipjs from 'bwip-js/node';
import { stackRasters, type EscPosOp } from '../../../support/escpos-interpreter';
import { attachFakePrinter, type FakePrinter } from '../../../support/fake-printer';
import { openPtyPair, type PtyPair } from '../../../support/pty';

const QR_DATA = 'PAGOPA|002|301000000000000001|01234567890|125000';
const CERTIFICATE = doc(
  text('Attestazione di pagamento', { align: 'center', style: { bold: true } }),
  pair('Ente creditore', 'Comune di Forlì'),
  pair('Importo', '1.250,00 €'),
  text('Causale: TARI 2025 – città di Canicattì'),
  qr(QR_DATA),
  code128('301000000000000001'),
  cut(),
);

async function setup(
  t: TestContext,
  opts: { jobTimeoutMs?: number; statusTimeoutMs?: number } = {},
): Promise<{ pty: PtyPair; fake: FakePrinter; printer: Printer; queue: PrintQueue }> {
  const pty = await openPtyPair(t);
  const fake = await attachFakePrinter(pty.b);
  t.after(() => fake.close());
  const printer = new Printer({
    target: parseTarget(`serial:${pty.a}?baud=9600`),
    profile: PROFILE_80MM,
    jobTimeoutMs: opts.jobTimeoutMs ?? 10_000,
    statusTimeoutMs: opts.statusTimeoutMs ?? 2_000,
  });
  return { pty, fake, printer, queue: new PrintQueue({ printer }) };
}

function queuedReason(outcome: JobOutcome): string {
  assert.equal(outcome.status, 'queued', 'the job must stay queued');
  return outcome.status === 'queued' ? outcome.error.reason : '';
}

test('a certificate sent over the serial line reads back with € and accents, the QR payload and the cut', async (t) => {
  const { fake, queue } = await setup(t);
  const outcome = await queue.submit(CERTIFICATE, 'Attestazione 301000000000000001');
  assert.deepEqual(outcome.status, 'printed');
  assert.deepEqual(queue.pending(), []);

  const { ops, lines } = fake.interpretation();
  assert.deepEqual(
    ops.slice(0, 4).map((o) => (o.op === 'status-query' ? o.n : o.op)),
    [1, 2, 3, 4],
    'status is asked before anything is sent',
  );
  assert.deepEqual(
    ops.slice(-4).map((o) => (o.op === 'status-query' ? o.n : o.op)),
    [1, 2, 3, 4],
    'and again after the job',
  );
  assert.equal(lines[0], 'Attestazione di pagamento');
  assert.ok(lines.includes(`Ente creditore${' '.repeat(48 - 14 - 15)}Comune di Forlì`), lines.join('\n'));
  assert.ok(lines.some((l) => /^Importo +1\.250,00 €$/.test(l)));
  assert.ok(lines.includes('Causale: TARI 2025 - città di Canicattì'));
  assert.ok(ops.some((o) => o.op === 'qr-print' && o.data === QR_DATA));
  assert.ok(ops.some((o) => o.op === 'barcode' && o.data === '301000000000000001'));
  assert.ok(ops.some((o) => o.op === 'cut' && o.partial));
});

test('paper running out during the job: the job is kept for reprint with reason paper-end, and reprints once paper is back', async (t) => {
  const { fake, queue } = await setup(t);
  fake.on(
    (op) => op.op === 'cut',
    (s) => (s.paperEnd = true),
  );
  const outcome = await queue.submit(CERTIFICATE, 'Attestazione A');
  assert.equal(queuedReason(outcome), 'paper-end');
  assert.ok(outcome.status === 'queued' && outcome.error.messageKey === 'printer:unavailable.paper-end');
  assert.equal(outcome.status === 'queued' && outcome.error.details.when, 'after');
  const [job] = queue.pending();
  assert.equal(job?.lastFailure?.reason, 'paper-end');

  fake.set({ paperEnd: false });
  fake.clear();
  const again = await queue.reprint(job!.id);
  assert.equal(again.status, 'printed');
  assert.deepEqual(queue.pending(), []);
  assert.ok(
    fake.interpretation().ops.some((o) => o.op === 'qr-print' && o.data === QR_DATA),
    'the whole job went out again',
  );
});

test('cover open before the job: nothing but status requests is sent, the job is queued', async (t) => {
  const { fake, queue } = await setup(t);
  fake.set({ coverOpen: true });
  const outcome = await queue.submit(CERTIFICATE, 'Attestazione B');
  assert.equal(queuedReason(outcome), 'cover-open');
  assert.deepEqual(fake.printedOps(), []);
  assert.equal(queue.pending().length, 1);
});

test('a printer that never answers DLE EOT counts as offline; the job is queued and nothing is printed', async (t) => {
  const { fake, queue } = await setup(t, { statusTimeoutMs: 300 });
  fake.set({ answersStatus: false });
  const outcome = await queue.submit(CERTIFICATE, 'Attestazione C');
  assert.equal(queuedReason(outcome), 'offline');
  assert.ok(outcome.status === 'queued' && outcome.error.details.statusTimeoutMs === 300);
  assert.deepEqual(fake.printedOps(), []);
});

test('a job that outlives jobTimeoutMs fails with timeout and releases the line for the next attempt', async (t) => {
  const { fake, queue } = await setup(t, { jobTimeoutMs: 1_500, statusTimeoutMs: 5_000 });
  fake.set({ answersStatus: false });
  const outcome = await queue.submit(CERTIFICATE, 'Attestazione D');
  assert.equal(queuedReason(outcome), 'timeout');
  fake.set({ answersStatus: true });
  // serialport locks the device while open: this only prints if the timed-out job closed it
  const again = await queue.reprint(outcome.jobId);
  assert.equal(again.status, 'printed');
});

test('after a timeout the status is asked again, so the operator hears "paper end" rather than "timeout"', async (t) => {
  const { fake, queue } = await setup(t, { jobTimeoutMs: 1_500, statusTimeoutMs: 5_000 });
  // the paper runs out at the cut and the printer goes silent for the rest of that job; the next
  // question, on the fresh connection after the timeout, is answered again
  fake.on(
    (op) => op.op === 'cut',
    (s) => Object.assign(s, { paperEnd: true, answersStatus: false }),
  );
  let unanswered = 0;
  fake.on(
    (op) => op.op === 'status-query',
    (s) => {
      if (!s.answersStatus && ++unanswered > 1) s.answersStatus = true;
    },
    { once: false },
  );
  const outcome = await queue.submit(CERTIFICATE, 'Attestazione H');
  assert.equal(queuedReason(outcome), 'paper-end');
  assert.equal(outcome.status === 'queued' && outcome.error.details.firstFailure, 'timeout');
});

test('unplugged before the job (pty gone): typed error with reason unplugged, job kept', async (t) => {
  const { pty, queue, printer } = await setup(t);
  await pty.close();
  const outcome = await queue.submit(CERTIFICATE, 'Attestazione E');
  assert.equal(queuedReason(outcome), 'unplugged');
  assert.ok(outcome.status === 'queued' && outcome.error instanceof PrinterUnavailable && outcome.error.code === 'PRINTER_UNAVAILABLE');
  assert.equal(queue.pending().length, 1);
  await assert.rejects(printer.status(), (err: unknown) => err instanceof PrinterUnavailable && err.reason === 'unplugged');
});

test('unplugged in the middle of the job: typed error with reason unplugged, job kept', async (t) => {
  const { pty, fake, queue } = await setup(t, { statusTimeoutMs: 2_000 });
  fake.on(
    (op) => op.op === 'text',
    (s) => {
      s.answersStatus = false;
      void pty.close();
    },
  );
  const outcome = await queue.submit(CERTIFICATE, 'Attestazione F');
  assert.equal(queuedReason(outcome), 'unplugged');
  assert.equal(queue.pending().length, 1);
});

test('paper near end still prints, with a warning for the operator', async (t) => {
  const { fake, queue } = await setup(t);
  fake.set({ paperNearEnd: true });
  const outcome = await queue.submit(CERTIFICATE, 'Attestazione G');
  assert.deepEqual(outcome.status === 'printed' && outcome.warnings, ['paper-near-end']);
});

test('status() reads the scripted state: drawer pin, paper near end, online', async (t) => {
  const { fake, printer } = await setup(t);
  fake.set({ drawerPinHigh: true, paperNearEnd: true });
  const s = await printer.status();
  assert.notEqual(s, 'unknown');
  if (s === 'unknown') return;
  assert.deepEqual(
    { online: s.online, drawerOpen: s.drawerOpen, paperNearEnd: s.paperNearEnd, paperEnd: s.paperEnd, coverOpen: s.coverOpen },
    {
      online: true,
      drawerOpen: true,
      paperNearEnd: true,
      paperEnd: false,
      coverOpen: false,
    },
  );
});

test('the drawer kick arrives as ESC p 0 25 250', async (t) => {
  const { fake, printer } = await setup(t);
  await printer.print(doc(drawer()));
  const ops = fake.printedOps();
  assert.deepEqual(
    ops.filter((o) => o.op === 'drawer'),
    [{ op: 'drawer', pin: 2, onMs: 50, offMs: 500 }],
  );
  const bytes = [...fake.received];
  const at = bytes.findIndex((b, i) => b === 0x1b && bytes[i + 1] === 0x70);
  assert.deepEqual(bytes.slice(at, at + 5), [0x1b, 0x70, 0x00, 25, 250]);
});

test('the technician test page goes through the pty whole: character rows, QR, Code 128, the Data Matrix image, the cut', async (t) => {
  const { fake, printer } = await setup(t);
  await printer.print(printTestPage(PROFILE_80MM));
  const { ops, lines } = fake.interpretation();
  for (const row of TEST_CHARACTER_ROWS) assert.ok(lines.includes(row), row);
  assert.ok(lines.some((l) => l.endsWith(PROFILE_80MM.name)));
  assert.ok(ops.some((o) => o.op === 'qr-print'));
  assert.ok(ops.some((o) => o.op === 'barcode' && o.codeSets[0] === 'C'));
  assert.ok(ops.some((o) => o.op === 'cut'));
  const image = stackRasters(ops.filter((o): o is Extract<EscPosOp, { op: 'raster' }> => o.op === 'raster'));
  const symbol = bwipjs.raw('datamatrix', TEST_DATAMATRIX_DATA, '')[0] as { pixx: number; pixy: number; pixs: number[] };
  const module = Math.min(PROFILE_80MM.maxModuleDots, Math.floor(576 / (symbol.pixx + 2)));
  let inked = 0;
  for (const p of image.pixels) inked += p;
  const dark = symbol.pixs.reduce((n, p) => n + p, 0);
  assert.equal(image.width, 576);
  assert.equal(image.height, (symbol.pixy + 2) * module, 'one module of quiet zone above and below');
  assert.equal(inked, dark * module * module, 'every dark module became a full square of dots, nothing else');
});
