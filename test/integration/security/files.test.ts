// Item 4: sportello.db was created 0644 under a 0755 folder (umask 022) and another local user
// read the PIN hash. At start the data directory becomes 0700 and everything in it 0600, with a
// warning, and what the core creates afterwards starts private.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { secureDataDir } from '../../../main/config';
import { tempDir } from '../../support/tmp';
import { start } from './harness';

const mode = (p: string) => statSync(p).mode & 0o777;

test('issue 11 item 4: a world-readable data directory is made private at start, with a warning', async (t) => {
  const dir = tempDir(t, 'sportello-files-');
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'logs'), { mode: 0o755 });
  mkdirSync(join(dir, 'spool'), { mode: 0o777 });
  for (const f of ['config-export.json', 'logs/sportello.log', 'sportello-journal-T01-1-9.csv', 'spool/receipt.bin']) {
    writeFileSync(join(dir, f), 'x');
    chmodSync(join(dir, f), 0o644);
  }
  const warnings: string[] = [];
  const fixes = secureDataDir(dir, (m) => warnings.push(m));
  assert.equal(fixes.length, 7);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /7 item\(s\) in the data directory were readable by other users/);
  assert.equal(mode(dir), 0o700);
  assert.equal(mode(join(dir, 'logs')), 0o700);
  assert.equal(mode(join(dir, 'spool')), 0o700);
  assert.equal(mode(join(dir, 'logs/sportello.log')), 0o600);
  assert.equal(mode(join(dir, 'spool/receipt.bin')), 0o600);
  // a second start finds nothing to fix and says nothing
  assert.deepEqual(
    secureDataDir(dir, (m) => warnings.push(m)),
    [],
  );
  assert.equal(warnings.length, 1);
});

test('issue 11 item 4: a core started under umask 022 leaves the database, WAL and SHM, the PIN hash, exports and spool files private', async (t) => {
  const old = process.umask(0o022);
  t.after(() => process.umask(old));
  const dir = tempDir(t, 'sportello-files-');
  chmodSync(dir, 0o755);
  const s = await start(t, { dir });
  // the PIN hash is written, a test page is spooled, a diagnostics bundle made
  await s.api.call('technician.unlock', { pin: '000000' });
  await s.api.call('technician.testPrint', { target: 'pdf:page.pdf' });
  assert.equal(mode(dir), 0o700);
  const files = readdirSync(dir, { recursive: true }).map(String);
  for (const f of ['sportello.db', 'spool/page.pdf']) assert.ok(files.includes(f), `${f} exists`);
  for (const f of files) {
    const p = join(dir, f);
    const want = statSync(p).isDirectory() ? 0o700 : 0o600;
    assert.equal(mode(p) & 0o077, 0, `${f} is ${mode(p).toString(8)}, readable by others (want ${want.toString(8)})`);
  }
});
