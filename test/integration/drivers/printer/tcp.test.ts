// A network receipt printer (raw port printing) on loopback. No physical printer exists on this
// machine: the listener is the scripted fake printer; the driver side is the real TCP transport.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { cut, doc, qr, text } from '../../../../drivers/printer/document';
import { PrinterUnavailable } from '../../../../drivers/printer/errors';
import { Printer } from '../../../../drivers/printer/printer';
import { makeProfile, PROFILE_58MM, PROFILE_80MM } from '../../../../drivers/printer/profile';
import { PrintQueue } from '../../../../drivers/printer/queue';
import { parseTarget } from '../../../../drivers/printer/target';
import { startFakeNetworkPrinter } from '../../../support/fake-printer';

const QR_DATA = 'PAGOPA|002|301000000000000001|01234567890|9900';

test('a receipt over TCP on loopback reads back: text with € and accents, the QR payload, the cut', async (t) => {
  const { printer: fake, host, port } = await startFakeNetworkPrinter();
  t.after(() => fake.close());
  const printer = new Printer({ target: parseTarget(`tcp:${host}:${port}`), profile: PROFILE_58MM, statusTimeoutMs: 2_000 });
  const result = await printer.print(doc(text('Totale: 99,00 € – è già pagato, Übersicht für Ölzweig'), qr(QR_DATA), cut()));
  assert.deepEqual(result.warnings, []);
  assert.notEqual(result.status, 'unknown');

  const { ops, lines } = fake.interpretation();
  assert.deepEqual(lines.slice(0, 2), ['Totale: 99,00 € - è già pagato,', 'Übersicht für Ölzweig']);
  assert.ok(ops.some((o) => o.op === 'qr-store' && o.data === QR_DATA));
  assert.ok(ops.some((o) => o.op === 'qr-print' && o.data === QR_DATA));
  assert.ok(ops.some((o) => o.op === 'cut'));
});

test('paper running out during a network job keeps it queued with reason paper-end', async (t) => {
  const { printer: fake, host, port } = await startFakeNetworkPrinter();
  t.after(() => fake.close());
  fake.on(
    (op) => op.op === 'qr-print',
    (s) => (s.paperEnd = true),
  );
  const queue = new PrintQueue({
    printer: new Printer({ target: parseTarget(`tcp:${host}:${port}`), profile: PROFILE_80MM, statusTimeoutMs: 2_000 }),
  });
  const outcome = await queue.submit(doc(text('Ricevuta'), qr(QR_DATA), cut()), 'Ricevuta');
  assert.ok(outcome.status === 'queued' && outcome.error.reason === 'paper-end');
  assert.equal(queue.pending().length, 1);
});

test('raster text over TCP: each text line arrives as an image as wide as the 80 mm line', async (t) => {
  const { printer: fake, host, port } = await startFakeNetworkPrinter();
  t.after(() => fake.close());
  const profile = makeProfile('80mm', { textMode: 'raster' });
  await new Printer({ target: parseTarget(`tcp:${host}:${port}`), profile, statusTimeoutMs: 2_000 }).print(
    doc(text('Città di Forlì: 12,50 €'), cut()),
  );
  const images = fake.printedOps().filter((o) => o.op === 'raster');
  assert.equal(images.length, 1);
  assert.equal(images[0]!.op === 'raster' && images[0]!.width, 576);
  assert.deepEqual(
    fake.printedOps().filter((o) => o.op === 'text' || o.op === 'codepage'),
    [],
  );
});

test('a refused connection is reason unreachable', async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  const printer = new Printer({ target: parseTarget(`tcp:127.0.0.1:${port}`), profile: PROFILE_80MM });
  await assert.rejects(printer.print(doc(text('x'))), (err: unknown) => {
    assert.ok(err instanceof PrinterUnavailable);
    assert.equal(err.reason, 'unreachable');
    assert.equal(err.details.code, 'ECONNREFUSED');
    assert.equal(err.details.target, `tcp:127.0.0.1:${port}`);
    return true;
  });
});
