import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deliver, formatOutput, parseOutput } from '../../../../drivers/certificate/output';
import { CertificateOutputInvalid } from '../../../../drivers/certificate/errors';
import { doc, PrinterTargetInvalid, text } from '../../../../drivers/printer/index';

test('pdf: and svg: take a path (relative to the given folder); anything else is a printer target', () => {
  assert.deepEqual(parseOutput('pdf:out/cert.pdf', '/srv/x'), { kind: 'pdf', path: '/srv/x/out/cert.pdf' });
  assert.deepEqual(parseOutput('SVG:/tmp/a.svg', '/srv/x'), { kind: 'svg', path: '/tmp/a.svg' });
  assert.deepEqual(parseOutput('tcp:127.0.0.1:9100'), { kind: 'printer', target: { kind: 'tcp', host: '127.0.0.1', port: 9100 } });
  assert.deepEqual(parseOutput('serial:/dev/ttyS0?baud=19200'), {
    kind: 'printer',
    target: { kind: 'serial', path: '/dev/ttyS0', baud: 19200 },
  });
  assert.equal(formatOutput(parseOutput('file:/tmp/spool.bin')), 'file:/tmp/spool.bin');
  assert.equal(formatOutput(parseOutput('pdf:/tmp/c.pdf')), 'pdf:/tmp/c.pdf');
  for (const bad of ['printer', 'lpt:1', 'pdf:', 'file:relative.bin']) assert.throws(() => parseOutput(bad), PrinterTargetInvalid, bad);
});

test('A4 is refused for a receipt printer before anything is opened', async () => {
  await assert.rejects(deliver(doc(text('x')), parseOutput('tcp:127.0.0.1:9'), { paper: 'a4' }), CertificateOutputInvalid);
});
