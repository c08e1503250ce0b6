// `npm run sim:nexo`: the banner says where the simulated terminal listens and its key identifier,
// never a passphrase given to it; the admin API scripts the next outcomes over HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NexoCardTerminal } from '../../../../drivers/tender';
import { runNexoSimCli } from '../../../../sim/nexo/cli';
import type { NexoSimulator } from '../../../../sim/nexo/server';

test('sim:nexo prints endpoint and key identifier, hides a given passphrase, and obeys its admin API', async () => {
  const out: string[] = [];
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  let sim!: NexoSimulator;
  const started = new Promise<void>((resolve) => {
    void runNexoSimCli(['--port', '0', '--key-id', 'KioskKey', '--key-version', '2', '--passphrase', 'S3cret-Passphrase'], {
      env: {},
      out: (t) => out.push(t),
      err: (t) => out.push(t),
      stopped,
      started: (s) => {
        sim = s;
        resolve();
      },
    });
  });
  await started;
  try {
    const banner = out.join('\n');
    assert.match(banner, new RegExp(sim.url.replace(/[.]/g, '\\.')));
    assert.match(banner, /KioskKey/);
    assert.doesNotMatch(banner, /S3cret-Passphrase/);

    const scripted = await fetch(`${sim.adminUrl}/script`, { method: 'POST', body: JSON.stringify({ script: 'decline:card-expired' }) });
    assert.equal(scripted.status, 200);
    const bad = await fetch(`${sim.adminUrl}/script`, { method: 'POST', body: JSON.stringify({ script: 'explode' }) });
    assert.equal(bad.status, 400);

    const terminal = new NexoCardTerminal({
      url: sim.url,
      insecureLoopback: true,
      poiId: sim.poiId,
      saleId: 'cli-test',
      key: { keyIdentifier: 'KioskKey', keyVersion: 2, passphrase: 'S3cret-Passphrase' },
    });
    assert.deepEqual(await terminal.authorize(100, 'cli-1'), { outcome: 'declined', reference: 'cli-1', reason: 'card-expired' });
    const listed = (await (await fetch(`${sim.adminUrl}/transactions`)).json()) as { transactions: Array<{ reference: string }> };
    assert.deepEqual(
      listed.transactions.map((t) => t.reference),
      ['cli-1'],
    );
  } finally {
    stop();
  }
});
