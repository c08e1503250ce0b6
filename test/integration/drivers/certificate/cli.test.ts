// `sportello certificate` and `sportello print --test` as the lead wires them: the real core opened
// on the data folder of a real simulator payment (SPORTELLO_DATA_DIR, SPORTELLO_CONFIG), real files,
// a real TCP socket and a socat pty pair with the fake printer at the far end (no physical printer
// exists on this machine).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateCommand, type CliOutput } from '../../../../main/cli/certificate';
import { printCommand } from '../../../../main/cli/print';
import { startCore } from '../../../../main/core/core';
import { interpret } from '../../../support/escpos-interpreter';
import { attachFakePrinter, startFakeNetworkPrinter } from '../../../support/fake-printer';
import { openPtyPair } from '../../../support/pty';
import { tempDir } from '../../../support/tmp';
import { flatten, pdfTextLines, svgTextLines } from '../../../unit/drivers/certificate/read-back';
import { CANTEEN, paidSession, ref, requiredValues, storedStatus, TARI, until } from './fixture';

type T = Parameters<typeof paidSession>[0];
const TIMEOUTS = { jobTimeoutMs: 15_000, statusTimeoutMs: 3_000 };

function capture(): CliOutput & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

/** A finished (or pending) payment in a data folder with a config naming the test PSP, and the command on it. */
async function setup(t: T, opts: { settled?: boolean; locale?: 'it' | 'en' | 'de' } = {}) {
  const p = await paidSession(t, opts);
  const run = async (...args: string[]) => {
    const io = capture();
    const code = await certificateCommand(args, { env: p.env, io, cwd: p.dir, ...TIMEOUTS });
    return { code, ...io };
  };
  return { ...p, run };
}

describe('sportello certificate', () => {
  test('to the network printer: the original, then the session is certified and any copy is a duplicate', async (t) => {
    const s = await setup(t);
    const { printer: fake, host, port } = await startFakeNetworkPrinter();
    t.after(() => fake.close());
    const first = await s.run(s.state.id, '--to', `tcp:${host}:${port}`);
    assert.equal(first.code, 0, first.stderr.join('\n'));
    assert.match(first.stdout[0] ?? '', /^certificate for session .* \(2 notices\) -> tcp:127\.0\.0\.1:\d+$/);
    const paper = fake.interpretation();
    const text = flatten(paper.lines);
    for (const v of requiredValues(s)) assert.ok(text.includes(v), `missing on paper: ${v}`);
    assert.ok(!text.includes('DUPLICATO'));
    assert.equal(storedStatus(s), 'certified', 'the original was issued');

    fake.clear();
    const again = await s.run(s.state.id, '--to', `tcp:${host}:${port}`, '--json');
    assert.equal(again.code, 0);
    const report = JSON.parse(again.stdout.join('\n')) as { duplicate: boolean; certified: boolean; kind: string };
    assert.deepEqual([report.kind, report.duplicate, report.certified], ['final', true, false]);
    const copy = fake.interpretation().lines;
    assert.equal(copy[1], '*** COPIA/DUPLICATO ***', 'a certified session prints as a duplicate even without --reprint');
    assert.match(copy[2] ?? '', /^Ristampa del \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/);
  });

  test('to a serial printer on a pty pair, in German from --lang', async (t) => {
    const s = await setup(t);
    const pty = await openPtyPair(t);
    const fake = await attachFakePrinter(pty.b);
    t.after(() => fake.close());
    const r = await s.run(s.state.id, '--to', `serial:${pty.a}?baud=9600`, '--lang', 'de');
    assert.equal(r.code, 0, r.stderr.join('\n'));
    await fake.waitFor((o) => o.op === 'cut');
    const { lines, ops } = fake.interpretation();
    assert.equal(lines[0], 'ZAHLUNGSBESTÄTIGUNG');
    const text = flatten(lines);
    assert.ok(text.includes('Gläubiger Comune di Forlì'));
    assert.ok(text.includes('GESAMT € 1.356,06'));
    assert.deepEqual(
      ops.flatMap((o) => (o.op === 'qr-print' ? [o.data] : [])),
      s.state.notices.map((n) => n.activation!.paymentToken),
    );
  });

  test('--reprint to a PDF (relative path) and the spool file: marked duplicates, every field', async (t) => {
    const s = await setup(t);
    const r = await s.run(s.state.id, '--reprint', '--to', 'pdf:copia.pdf', '--paper', 'a4');
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const pdf = flatten(pdfTextLines(readFileSync(join(s.dir, 'copia.pdf'))));
    assert.ok(pdf.includes('*** COPIA/DUPLICATO ***'));
    for (const v of requiredValues(s)) assert.ok(pdf.includes(v), `missing in the PDF: ${v}`);
    assert.equal(storedStatus(s), 'completed', 'a duplicate does not issue the original');

    const spool = join(s.dir, 'spool.bin');
    assert.equal((await s.run(s.state.id, '--reprint', '--to', `file:${spool}`)).code, 0);
    const paper = interpret(readFileSync(spool));
    assert.equal(paper.lines[1], '*** COPIA/DUPLICATO ***');
    assert.ok(paper.ops.some((o) => o.op === 'cut'));
  });

  test('an SVG preview issues nothing; the original PDF does', async (t) => {
    const s = await setup(t, { locale: 'en' });
    assert.equal((await s.run(s.state.id, '--to', 'svg:preview.svg')).code, 0);
    const svg = svgTextLines(readFileSync(join(s.dir, 'preview.svg'), 'utf8'));
    assert.equal(svg[0], 'PAYMENT CERTIFICATE', "the terminal's language by default");
    assert.ok(flatten(svg).includes('TOTAL €1,356.06'));
    assert.equal(storedStatus(s), 'completed');
    assert.equal((await s.run(s.state.id, '--to', `pdf:${join(s.dir, 'original.pdf')}`)).code, 0);
    assert.ok(!flatten(pdfTextLines(readFileSync(join(s.dir, 'original.pdf')))).includes('DUPLICATE'));
    assert.equal(storedStatus(s), 'certified');
  });

  test('outcome still in the outbox: the pending slip, and the session stays outcome-pending', async (t) => {
    const s = await setup(t, { settled: false });
    assert.equal(s.state.status, 'outcome-pending');
    const r = await s.run(s.state.id, '--to', 'svg:pending.svg');
    assert.equal(r.code, 0, r.stderr.join('\n'));
    assert.match(r.stdout[0] ?? '', /^pending slip for session/);
    const lines = svgTextLines(readFileSync(join(s.dir, 'pending.svg'), 'utf8'));
    const text = flatten(lines);
    assert.equal(lines[0], 'PAGAMENTO IN ATTESA DI CONFERMA');
    assert.ok(text.includes('Ricevuta provvisoria: non vale come attestazione di pagamento.'));
    assert.equal(lines.filter((l) => /^Esito +in attesa di conferma$/.test(l)).length, 2);
    assert.ok(!text.includes('ATTESTAZIONE DI PAGAMENTO'));
    assert.equal(storedStatus(s), 'outcome-pending');
  });

  test('refusals: unknown session, nothing collected, bad usage', async (t) => {
    const s = await setup(t);
    const unknown = await s.run('no-such-session', '--to', 'svg:x.svg');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr.join('\n'), /SESSION_NOT_FOUND/);

    const core = await startCore({ env: s.env, run: false });
    let cancelled: string;
    try {
      const c = core.engine.startSession('counter');
      await core.engine.addNotice(c.id, ref(TARI.fiscalCode, CANTEEN));
      await core.engine.cancel(c.id);
      cancelled = c.id;
    } finally {
      await core.close();
    }
    const none = await s.run(cancelled, '--to', 'svg:x.svg', '--json');
    assert.equal(none.code, 1);
    const err = JSON.parse(none.stdout.join('\n')) as { ok: boolean; error: { code: string; details: { reason: string } } };
    assert.deepEqual([err.ok, err.error.code, err.error.details.reason], [false, 'CERTIFICATE_UNAVAILABLE', 'not-paid']);

    for (const args of [
      [s.state.id],
      [s.state.id, '--to', 'lpt:1'],
      [s.state.id, '--to', 'svg:x.svg', '--lang', 'fr'],
      [s.state.id, '--to', 'tcp:127.0.0.1:9', '--paper', 'a4'],
      ['--to', 'svg:x.svg'],
      [s.state.id, '--to', 'svg:x.svg', '--colour'],
    ]) {
      const r = await s.run(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr.join('\n'), /usage: sportello certificate/);
    }
  });

  test("a printer that is not there: exit 1 with the printer's reason, and the session is not certified", async (t) => {
    const s = await setup(t);
    const r = await s.run(s.state.id, '--to', `serial:${join(s.dir, 'ttyUSB9')}`);
    assert.equal(r.code, 1);
    assert.match(r.stderr.join('\n'), /PRINTER_UNAVAILABLE/);
    assert.equal(storedStatus(s), 'completed');
  });

  test('demo mode: no configuration, the demo PSP from demoConfig on the certificate', async (t) => {
    const dir = tempDir(t);
    const env = { SPORTELLO_DATA_DIR: dir, SPORTELLO_CONFIG: join(dir, 'none.json') };
    const core = await startCore({ env, retrySlotMs: 20 });
    let id: string;
    try {
      const s = core.engine.startSession('counter');
      await core.engine.addNotice(s.id, ref(TARI.fiscalCode, TARI.noticeNumber));
      await core.engine.activate(s.id);
      await core.engine.tender(s.id, 'card');
      await until(() => core.engine.get(s.id).status !== 'outcome-pending');
      assert.equal(core.engine.get(s.id).status, 'completed');
      id = s.id;
    } finally {
      await core.close();
    }
    const io = capture();
    assert.equal(await certificateCommand([id, '--to', 'svg:demo.svg'], { env, io, cwd: dir }), 0, io.stderr.join('\n'));
    assert.match(io.stderr.join('\n'), /demo mode/);
    const text = flatten(svgTextLines(readFileSync(join(dir, 'demo.svg'), 'utf8')));
    assert.ok(text.includes('Prestatore (PSP) Sportello Demo PSP'));
    assert.ok(text.includes('Terminale DEMO01'));
  });
});

describe('sportello print --test', () => {
  test('the test page to a serial printer on a pty pair and to a PDF', async (t) => {
    const dir = tempDir(t);
    const env = { SPORTELLO_DATA_DIR: dir };
    const pty = await openPtyPair(t);
    const fake = await attachFakePrinter(pty.b);
    t.after(() => fake.close());
    const io = capture();
    assert.equal(await printCommand(['--test', '--to', `serial:${pty.a}`], { env, io, ...TIMEOUTS }), 0, io.stderr.join('\n'));
    await fake.waitFor((o) => o.op === 'cut');
    const { lines, ops } = fake.interpretation();
    assert.equal(lines[0], 'PAGINA DI PROVA');
    assert.ok(lines.includes('€ à è é ì ò ù À È É Ì Ò Ù'));
    assert.ok(ops.some((o) => o.op === 'qr-print') && ops.some((o) => o.op === 'barcode') && ops.some((o) => o.op === 'raster'));

    assert.equal(
      await printCommand(['--test', '--to', 'pdf:test.pdf', '--lang', 'en', '--paper', '58mm'], { env, io: capture(), cwd: dir }),
      0,
    );
    const pdf = pdfTextLines(readFileSync(join(dir, 'test.pdf'))).map((l) => l.trim());
    assert.equal(pdf[0], 'TEST PAGE');
    assert.ok(flatten(pdf).includes('ESC/POS 58 mm'), 'the profile the page was made for');
    assert.ok(pdf.includes('€ à è é ì ò ù À È É Ì Ò Ù'));
  });

  test('without --test, or without --to, it is a usage error', async () => {
    for (const args of [['--to', 'svg:/tmp/x.svg'], ['--test'], ['--test', '--to', 'nowhere']]) {
      const io = capture();
      assert.equal(await printCommand(args, { env: {}, io }), 2, args.join(' '));
      assert.match(io.stderr.join('\n'), /usage: sportello print/);
    }
  });
});
