// Printer targets as an attacker used them: the test print and the printer setting wrote anywhere
// (file:/any/path, pdf:/abs, svg:../../x.svg). Only printer devices, tcp, or files directly inside
// the spool directory are allowed: when chosen, when tested, and at print time.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRINTER_SETTING } from '../../../main/services/printer/setting';
import { tempDir } from '../../support/tmp';
import { error, start, value } from './harness';

describe('issue 11 item 3: where the terminal may print', { timeout: 60_000 }, () => {
  test('test print: outside paths are refused with the reason and nothing is written; the spool directory works', async (t) => {
    const s = await start(t);
    const outside = tempDir(t, 'sportello-outside-');
    const cases: Array<[string, string]> = [
      [`file:${join(outside, 'x.bin')}`, 'outside-spool'],
      [`pdf:${join(outside, 'x.pdf')}`, 'outside-spool'],
      ['svg:../../x.svg', 'outside-spool'],
      [`svg:${join(s.dir, 'spool', 'sub', 'x.svg')}`, 'outside-spool'],
      [`file:${join(s.dir, 'sportello.db')}`, 'outside-spool'],
      [`pdf:${join(s.dir, 'spool', '.hidden.pdf')}`, 'bad-file-name'],
      [`pdf:${join(s.dir, 'spool', 'report.txt')}`, 'bad-file-name'],
      ['usb:/etc/passwd', 'not-a-printer-device'],
      ['serial:/home/user/.bashrc', 'not-a-printer-device'],
    ];
    for (const [target, reason] of cases) {
      const e = error(await s.api.call('technician.testPrint', { target }));
      assert.deepEqual([e.code, e.details?.reason], ['PRINTER_TARGET_REFUSED', reason], target);
    }
    assert.ok(!existsSync(join(outside, 'x.bin')) && !existsSync(join(outside, 'x.pdf')));
    assert.ok(!existsSync(join(s.dir, '..', '..', 'x.svg')));
    // a symlink placed in the spool pointing out of it
    mkdirSync(join(s.dir, 'spool'), { recursive: true });
    writeFileSync(join(outside, 'target.bin'), 'untouched');
    symlinkSync(join(outside, 'target.bin'), join(s.dir, 'spool', 'link.bin'));
    assert.equal(
      error(await s.api.call('technician.testPrint', { target: `file:${join(s.dir, 'spool', 'link.bin')}` })).details?.reason,
      'symlink',
    );
    assert.equal(statSync(join(outside, 'target.bin')).size, 'untouched'.length);
    // inside the spool: written (relative pdf/svg names resolve there)
    value(await s.api.call('technician.testPrint', { target: 'pdf:test-page.pdf' }));
    assert.ok(statSync(join(s.dir, 'spool', 'test-page.pdf')).size > 0);
    value(await s.api.call('technician.testPrint', { target: `file:${join(s.dir, 'spool', 'printer.bin')}` }));
    assert.ok(statSync(join(s.dir, 'spool', 'printer.bin')).size > 0);
  });

  test('the printer setting refuses the same targets; the technician sets one spool directory', async (t) => {
    const s = await start(t);
    const outside = tempDir(t, 'sportello-outside-');
    const e = error(await s.api.call('technician.chooseDevices', { printer: `file:${join(outside, 'x.bin')}` }));
    assert.deepEqual([e.code, e.details?.reason], ['PRINTER_TARGET_REFUSED', 'outside-spool']);
    assert.equal(s.core.db.settings.get(PRINTER_SETTING), undefined, 'nothing saved');
    assert.equal(error(await s.api.call('technician.chooseDevices', { spoolDir: 'relative/spool' })).details?.reason, 'spool-not-absolute');
    const spool = join(outside, 'receipts');
    const chosen = value(await s.api.call('technician.chooseDevices', { spoolDir: spool, printer: `file:${join(spool, 'r.bin')}` }));
    assert.equal(chosen.spoolDir, spool);
    assert.equal(statSync(spool).mode & 0o777, 0o700);
    // the old default spool is no longer the spool
    assert.equal(
      error(await s.api.call('technician.testPrint', { target: `file:${join(s.dir, 'spool', 'r.bin')}` })).details?.reason,
      'outside-spool',
    );
    value(await s.api.call('technician.chooseDevices', { printer: 'tcp:192.0.2.10:9100' }));
  });

  test('at print time a stored target outside the spool is refused, and the file is not written', async (t) => {
    const s = await start(t);
    const outside = tempDir(t, 'sportello-outside-');
    // as if written before this version, or by hand into the database
    s.core.db.settings.set(PRINTER_SETTING, { target: `file:${join(outside, 'report.bin')}`, paper: '80mm' });
    value(await s.api.call('shift.open', { operatorId: 'mrossi', floatCents: 0 }));
    const e = error(await s.api.call('shift.printReport', { kind: 'x' }));
    assert.deepEqual([e.code, e.details?.reason], ['PRINTER_TARGET_REFUSED', 'outside-spool']);
    assert.ok(!existsSync(join(outside, 'report.bin')));
    assert.deepEqual(value(await s.api.call('printer.configured', {})), { printer: null });
  });
});
