// The certificate of a real simulator payment (fixture.ts), delivered to every kind of output. No physical
// printer exists on this machine: the serial printer is the scripted fake printer on the far end of
// a socat pty pair, the network printer the same fake listening on loopback; the driver side is real.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateDocument, certificateFor, deliver, parseOutput } from '../../../../drivers/certificate/index';
import { interpret, type Interpretation } from '../../../support/escpos-interpreter';
import { attachFakePrinter, startFakeNetworkPrinter } from '../../../support/fake-printer';
import { openPtyPair } from '../../../support/pty';
import { tempDir } from '../../../support/tmp';
import { flatten, pdfTextLines, svgTextLines } from '../../../unit/drivers/certificate/read-back';
import { contextOf, paidSession, requiredValues, type Paid } from './fixture';

const TIMEOUTS = { jobTimeoutMs: 15_000, statusTimeoutMs: 3_000 };

function assertPaper(r: Interpretation, p: Paid): void {
  const text = flatten(r.lines);
  for (const value of requiredValues(p)) assert.ok(text.includes(value), `missing on paper: ${value}\n${r.lines.join('\n')}`);
  assert.equal(r.lines[0], 'ATTESTAZIONE DI PAGAMENTO');
  assert.ok(text.includes('€') && text.includes('Forlì') && text.includes('città') && text.includes('già'), '€ and accents through CP858');
  assert.ok(
    r.ops.some((o) => o.op === 'codepage' && o.n === 19),
    'CP858 selected',
  );
  const tokens = p.state.notices.map((n) => n.activation!.paymentToken);
  assert.deepEqual(
    r.ops.flatMap((o) => (o.op === 'qr-print' ? [o.data] : [])),
    tokens,
    'a QR per notice holding its paymentToken',
  );
  assert.deepEqual(
    r.lines.filter((l) => /^Avviso \d di \d$/.test(l)),
    ['Avviso 1 di 2', 'Avviso 2 di 2'],
  );
  assert.ok(
    r.ops.some((o) => o.op === 'cut'),
    'cut',
  );
}

describe('certificate of a finished simulator payment', () => {
  test('the payment is finished and the model holds both notices', async (t) => {
    const p = await paidSession(t);
    assert.equal(p.state.status, 'completed');
    const m = certificateFor(p.state, contextOf(p));
    assert.equal(m.kind, 'final');
    assert.equal(m.notices.length, 2);
    assert.equal(m.totalCents, 12_000 + 123_456 + 150);
  });

  test('serial printer on a pty pair', async (t) => {
    const p = await paidSession(t);
    const pty = await openPtyPair(t);
    const fake = await attachFakePrinter(pty.b);
    t.after(() => fake.close());
    const d = certificateDocument(certificateFor(p.state, contextOf(p)));
    const delivery = await deliver(d, parseOutput(`serial:${pty.a}?baud=9600`), TIMEOUTS);
    assert.deepEqual(delivery.warnings, []);
    await fake.waitFor((o) => o.op === 'cut');
    assertPaper(fake.interpretation(), p);
  });

  test('network printer over TCP on loopback', async (t) => {
    const p = await paidSession(t);
    const { printer: fake, host, port } = await startFakeNetworkPrinter();
    t.after(() => fake.close());
    fake.set({ paperNearEnd: true });
    const d = certificateDocument(certificateFor(p.state, contextOf(p)));
    const delivery = await deliver(d, parseOutput(`tcp:${host}:${port}`), TIMEOUTS);
    assert.deepEqual(delivery.warnings, ['paper-near-end'], 'printed, and the operator is told to prepare paper');
    assertPaper(fake.interpretation(), p);
  });

  test('spool file: the ESC/POS bytes on disk', async (t) => {
    const p = await paidSession(t);
    const file = join(tempDir(t), 'spool.bin');
    const d = certificateDocument(certificateFor(p.state, contextOf(p)));
    const delivery = await deliver(d, parseOutput(`file:${file}`));
    const bytes = readFileSync(file);
    assert.equal(delivery.bytes, bytes.length);
    assertPaper(interpret(bytes), p);
  });

  test('PDF on a roll page and on A4', async (t) => {
    const p = await paidSession(t);
    const dir = tempDir(t);
    const d = certificateDocument(certificateFor(p.state, contextOf(p)));
    for (const paper of ['80mm', 'a4'] as const) {
      const file = join(dir, `certificate-${paper}.pdf`);
      await deliver(d, parseOutput(file.replace(/^/, 'pdf:')), { paper });
      const text = flatten(pdfTextLines(readFileSync(file)));
      for (const value of requiredValues(p)) assert.ok(text.includes(value), `${paper}: missing in the PDF: ${value}`);
    }
  });

  test('SVG preview', async (t) => {
    const p = await paidSession(t);
    const file = join(tempDir(t), 'certificate.svg');
    const d = certificateDocument(certificateFor(p.state, contextOf(p)));
    await deliver(d, parseOutput(`svg:${file}`));
    const lines = svgTextLines(readFileSync(file, 'utf8'));
    const text = flatten(lines);
    for (const value of requiredValues(p)) assert.ok(text.includes(value), `missing in the SVG: ${value}`);
    assert.equal(lines[0], 'ATTESTAZIONE DI PAGAMENTO');
  });
});
