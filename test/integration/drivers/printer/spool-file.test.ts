import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cut, doc, text } from '../../../../drivers/printer/document';
import { PrinterUnavailable } from '../../../../drivers/printer/errors';
import { Printer } from '../../../../drivers/printer/printer';
import { PROFILE_58MM } from '../../../../drivers/printer/profile';
import { parseTarget } from '../../../../drivers/printer/target';
import { interpret } from '../../../support/escpos-interpreter';
import { tempDir } from '../../../support/tmp';

test('a spool file collects job after job; nothing comes back, so status is unknown', async (t) => {
  const file = join(tempDir(t), 'spool.bin');
  const printer = new Printer({ target: parseTarget(`file:${file}`), profile: PROFILE_58MM });
  assert.equal(await printer.status(), 'unknown');
  const first = await printer.print(doc(text('Primo: 1,00 €'), cut()));
  await printer.print(doc(text('Secondo: 2,00 €'), cut()));
  assert.equal(first.status, 'unknown');
  const { ops, lines } = interpret(readFileSync(file));
  assert.deepEqual(lines, ['Primo: 1,00 €', 'Secondo: 2,00 €']);
  assert.equal(ops.filter((o) => o.op === 'cut').length, 2);
  assert.equal(ops.filter((o) => o.op === 'status-query').length, 0, 'no status requests go into a file');
});

test('a spool file in a missing folder is a transport error', async (t) => {
  const printer = new Printer({ target: parseTarget(`file:${join(tempDir(t), 'missing', 'spool.bin')}`), profile: PROFILE_58MM });
  await assert.rejects(
    printer.print(doc(text('x'))),
    (err: unknown) => err instanceof PrinterUnavailable && err.reason === 'transport-error' && err.details.code === 'ENOENT',
  );
});
