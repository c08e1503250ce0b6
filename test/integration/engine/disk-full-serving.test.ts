// The disk fills while an OK is queued and the outbox is serving (issue 9 §3): the worker once died
// of an unhandled rejection (Outbox.deliver -> drain -> kick), taking `serve` with it. Now it records
// the storage fault, tells its listeners, keeps trying, and delivers once space is back. A real full
// disk: a tiny tmpfs (needs root and mount; skipped otherwise, saying so).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { settle, startHarness } from '../../support/engine-harness';

const FC = '77777777777';

function mountTinyTmpfs(size = '4m'): string | null {
  if (process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'sportello-serving-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (;;) writeSync(fd, Buffer.alloc(4096));
  } catch (err) {
    assert.equal((err as NodeJS.ErrnoException).code, 'ENOSPC');
  } finally {
    closeSync(fd);
  }
}

test('disk full while an OK is queued: the outbox survives, reports disk-full, and delivers once space is freed', async (t) => {
  const dir = mountTinyTmpfs();
  if (!dir) {
    t.skip('needs root and mount (tmpfs)');
    return;
  }
  t.after(() => {
    execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  t.after(() => process.off('unhandledRejection', onUnhandled));

  const h = await startHarness(t, { dir });
  const notice = h.sim.addPosition({
    fiscalCode: FC,
    companyName: 'Comune di prova',
    paymentDescription: 'TARI',
    transfers: [{ amountCents: 4_200, iban: 'IT60X0542811101000000123456', remittanceInformation: 'TARI' }],
  }).noticeNumber;
  const s = h.engine.startSession('counter');
  await h.engine.addNotice(s.id, { fiscalCode: FC, noticeNumber: notice, scannedAmountCents: null, source: 'qr' });
  await h.engine.activate(s.id);
  await h.engine.tender(s.id, 'cash', 10_000);
  const health: Array<string | null> = [];
  h.engine.on('storage-health', (f) => health.push(f?.code ?? null));

  const ballast = join(dir, 'ballast');
  fillUp(ballast);
  h.outbox.start();
  const started = Date.now();
  while (!h.outbox.health.storageFault && Date.now() - started < 10_000) await sleep(20);
  assert.ok(h.outbox.health.storageFault, 'the fault is recorded');
  assert.match(h.outbox.health.storageFault.message, /full|space/i);
  assert.equal(h.sim.position(FC, notice)?.state, 'in-progress', 'nothing delivered while nothing can be recorded');
  await sleep(600); // several backoff rounds on a full disk
  assert.deepEqual(unhandled, [], 'no promise left unhandled');

  unlinkSync(ballast);
  await settle(h);
  assert.equal(h.engine.get(s.id).status, 'completed');
  assert.equal(h.sim.position(FC, notice)?.state, 'paid');
  assert.equal(h.outbox.health.storageFault, null);
  assert.equal(health.at(-1), null, 'listeners are told storage works again');
  assert.ok(
    health.some((c) => c !== null),
    'listeners were told of the fault',
  );
  assert.deepEqual(unhandled, []);
});
