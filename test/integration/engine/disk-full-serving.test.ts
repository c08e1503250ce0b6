// The disk fills while an OK is queued and the outbox is serving (issue 9 §3): the worker once died
// of an unhandled rejection (Outbox.deliver -> drain -> kick), taking `serve` with it. Now it records
// the storage fault, tells its listeners, keeps trying, and delivers once space is back. A real full
// disk: a tiny tmpfs (needs root and mount; skipped otherwise, saying so).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { settle, startHarness } from '../../support/engine-harness';
import { fillUp, mountTinyTmpfs } from '../../support/tmpfs';

const FC = '77777777777';

test('disk full while an OK is queued: the outbox survives, reports disk-full, and delivers once space is freed', async (t) => {
  const dir = mountTinyTmpfs(t, '4m', 'sportello-serving-full-');
  if (!dir) {
    t.skip('needs root and mount (tmpfs)');
    return;
  }
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
