// Issue 13 (a newcomer's first five minutes): demo data outlived the run, so the README's own `pay`
// example failed the second time with PPT_PAGAMENTO_DUPLICATO. `sportello demo reset --confirm`
// starts demo mode again from the seed; it is refused on a configured terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/tmp';

const bin = join(import.meta.dirname, '../../../bin/sportello.mjs');
const README_NOTICE = 'PAGOPA|002|301020250000000129|77777777777|12000';

function run(args: string[], dir: string, config = join(dir, 'no-config.json')) {
  return spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, SPORTELLO_DATA_DIR: dir, SPORTELLO_CONFIG: config },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

test("the README's pay example works again after a demo reset, and only then", (t) => {
  const dir = tempDir(t, 'sportello-demo-reset-');
  const pay = () => run(['pay', '--notice', README_NOTICE, '--tender', 'cash', '--amount-given', '20000', '--json'], dir);

  const first = pay();
  assert.equal(first.status, 0, first.stderr);
  const again = pay();
  assert.notEqual(again.status, 0, 'the demo node remembers the notice is paid');
  assert.match(again.stdout + again.stderr, /PPT_PAGAMENTO_DUPLICATO/);

  const unconfirmed = run(['demo', 'reset'], dir);
  assert.equal(unconfirmed.status, 2);
  assert.match(unconfirmed.stderr, /--confirm/);
  assert.ok(existsSync(join(dir, 'demo-node.db')), 'nothing moved without --confirm');

  const reset = run(['demo', 'reset', '--confirm', '--json'], dir);
  assert.equal(reset.status, 0, reset.stderr);
  const report = JSON.parse(reset.stdout) as { setAsideTo: string; moved: string[] };
  assert.ok(report.moved.includes('demo-node.db') && report.moved.includes('sportello.db'), report.moved.join(', '));
  assert.deepEqual(readdirSync(report.setAsideTo).sort(), [...report.moved].sort(), 'set aside, not deleted');

  const fresh = pay();
  assert.equal(fresh.status, 0, fresh.stderr);
});

test('a configured terminal refuses a demo reset and keeps its files', (t) => {
  const dir = tempDir(t, 'sportello-demo-reset-');
  const config = join(dir, 'config.json');
  const written = run(['config', 'sim'], dir, config);
  assert.equal(written.status, 0, written.stderr);
  assert.ok(existsSync(config));
  const r = run(['demo', 'reset', '--confirm'], dir, config);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /DEMO_RESET_REFUSED/);
  assert.ok(!readdirSync(dir).some((f) => f.startsWith('set-aside-demo-')));
});
