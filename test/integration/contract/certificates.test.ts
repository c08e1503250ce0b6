// The certificate calls on a real core: the SVG preview of the paper (pending slip or certificate,
// or the reason there is none), and printing on the configured printer, which certifies the
// session once and marks every further copy as a duplicate.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PRINTER_SETTING } from '../../../main/services/printer/setting';
import { DEMO_OPERATOR_PIN } from '../../../main/services/access/operators';
import { DEFAULT_PIN } from '../../../main/services/access/pin';
import { demoApi, pay, QR, refusal, value } from './counter-fixture';

describe('certificate calls', { timeout: 120_000 }, () => {
  test('no paper for a session that took no money: the reason and its message key', async (t) => {
    const { api } = await demoApi(t);
    const s = value(await api.call('session.start', { kind: 'counter' }));
    const e = refusal(await api.call('certificate.preview', { sessionId: s.id }));
    assert.equal(e.code, 'CERTIFICATE_UNAVAILABLE');
    assert.equal(e.details?.messageKey, 'certificate:unavailable.not-paid');
    assert.equal(refusal(await api.call('certificate.preview', { sessionId: 'nope' })).code, 'SESSION_NOT_FOUND');
  });

  test('preview of a paid session: the certificate with every token, in the asked language', async (t) => {
    const { api } = await demoApi(t);
    const s = await pay(api, [QR.tari, QR.canteen], 'cash', 20000);
    const p = value(await api.call('certificate.preview', { sessionId: s.id, locale: 'de' }));
    assert.equal(p.kind, 'final');
    assert.equal(p.duplicate, false);
    assert.equal(p.printerConfigured, false);
    assert.match(p.svg, /^<svg /);
    for (const n of s.notices) assert.ok(p.svg.includes(n.activation!.paymentToken));
    assert.ok(p.svg.includes('€ 167,00'), 'notices 165.50 + fee 1.50, German format');
    assert.equal(refusal(await api.call('certificate.print', { sessionId: s.id })).code, 'PRINTER_NOT_CONFIGURED');
  });

  test('print: the original certifies the session, then only duplicates', async (t) => {
    const { api, core, dir } = await demoApi(t);
    const spool = join(dir, 'spool', 'receipts.bin'); // files print only inside the spool directory
    assert.deepEqual(value(await api.call('printer.configured', {})), { printer: null });
    core.db.settings.set(PRINTER_SETTING, { target: `file:${spool}`, paper: '58mm' });
    assert.deepEqual(value(await api.call('printer.configured', {})), { printer: { target: `file:${spool}`, paper: '58mm' } });
    const s = await pay(api, [QR.permit], 'card');
    assert.equal(value(await api.call('certificate.preview', { sessionId: s.id })).printerConfigured, true);
    const first = value(await api.call('certificate.print', { sessionId: s.id }));
    assert.deepEqual(
      { kind: first.kind, duplicate: first.duplicate, certified: first.certified },
      { kind: 'final', duplicate: false, certified: true },
    );
    assert.equal(core.engine.get(s.id).status, 'certified');
    const size = statSync(spool).size;
    assert.ok(readFileSync(spool).includes(Buffer.from(s.notices[0]!.activation!.paymentToken)));
    // Asked again without `reprint` (a screen after the core's own print): the original's job, no second paper.
    const again = value(await api.call('certificate.print', { sessionId: s.id }));
    assert.deepEqual([again.deduplicated, again.duplicate, again.job?.id, statSync(spool).size], [true, false, first.job?.id, size]);
    const copy = value(await api.call('certificate.print', { sessionId: s.id, reprint: true }));
    assert.deepEqual({ duplicate: copy.duplicate, certified: copy.certified }, { duplicate: true, certified: false });
    assert.ok(statSync(spool).size > size, 'the copy went to paper too');
    assert.ok(readFileSync(spool).subarray(size).includes(Buffer.from('COPIA/DUPLICATO')));
  });

  // Issue 12 item 4: `sportello certificate --to` is this call with a named target.
  test("a named target is a technician's, inside the printer policy but for the local owner; an SVG issues nothing", async (t) => {
    const { api, core, dir } = await demoApi(t);
    const s = await pay(api, [QR.permit], 'card');
    const svg = join(dir, 'preview.svg');
    const operator = value(await api.call('operator.login', { operatorId: 'mrossi', pin: DEMO_OPERATOR_PIN })).auth;
    assert.equal(refusal(await api.as(operator).call('certificate.print', { sessionId: s.id, to: `svg:${svg}` })).code, 'ROLE_REQUIRED');
    const technician = value(await api.call('technician.unlock', { pin: DEFAULT_PIN })).auth;
    const outside = refusal(await api.as(technician).call('certificate.print', { sessionId: s.id, to: `svg:${svg}` }));
    assert.deepEqual([outside.code, outside.details?.reason], ['PRINTER_TARGET_REFUSED', 'outside-spool']);

    // The local owner (the CLI) writes where it says; a preview certifies nothing and counts no copy.
    const preview = value(await api.call('certificate.print', { sessionId: s.id, to: `svg:${svg}`, paper: 'a4' }));
    assert.deepEqual([preview.kind, preview.duplicate, preview.certified, preview.notices], ['final', false, false, 1]);
    assert.match(readFileSync(svg, 'utf8'), /^<svg /);
    assert.equal(core.engine.get(s.id).status, 'completed');

    const spool = join(dir, 'spool', 'technician.bin');
    const printed = value(await api.as(technician).call('certificate.print', { sessionId: s.id, to: `file:${spool}` }));
    assert.deepEqual([printed.certified, printed.output, printed.bytes], [true, `file:${spool}`, statSync(spool).size]);
    assert.equal(core.engine.get(s.id).status, 'certified');
  });
});
