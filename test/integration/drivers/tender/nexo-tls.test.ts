// The terminal's real endpoint is https on the LAN: the driver trusts it by a pinned certificate
// fingerprint or by its CA and the certificate's name; a certificate that does not match means
// nothing is sent (unavailable: offline), never a plain-text fallback. The simulator serves https
// with a throwaway self-signed certificate made by openssl for this test.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NexoCardTerminal, type NexoCardTerminalOptions } from '../../../../drivers/tender';
import { startNexoSimulator } from '../../../../sim/nexo/server';

const POI = 'V400m-SIM000001';
let tls: { key: string; cert: string };

before(() => {
  const dir = mkdtempSync(join(tmpdir(), 'nexo-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', `/CN=${POI}`].concat([
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]),
      { stdio: 'ignore' },
    );
    tls = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('nexo card terminal over https', () => {
  async function pay(opts: Pick<NexoCardTerminalOptions, 'tls'>) {
    const sim = await startNexoSimulator({ tls, poiId: POI });
    try {
      const terminal = new NexoCardTerminal({ url: sim.url, poiId: POI, saleId: 'tls-test', key: { ...sim.key }, ...opts });
      const result = await terminal.authorize(1500, 'tls-1');
      return { result, processed: sim.transactions().length, protocol: new URL(sim.url).protocol };
    } finally {
      await sim.close();
    }
  }

  test('a pinned fingerprint or the CA with the terminal name: the payment goes through', async () => {
    const fingerprint256 = new X509Certificate(tls.cert).fingerprint256;
    const pinned = await pay({ tls: { fingerprint256 } });
    assert.equal(pinned.protocol, 'https:');
    assert.equal(pinned.result.outcome, 'approved');
    assert.equal((await pay({ tls: { ca: tls.cert, serverName: POI } })).result.outcome, 'approved');
  });

  test('another fingerprint or another name: nothing is sent, unavailable offline', async () => {
    const wrong = 'AA:'.repeat(31) + 'AA';
    for (const opts of [{ tls: { fingerprint256: wrong } }, { tls: { ca: tls.cert, serverName: 'V400m-OTHER' } }]) {
      const { result, processed } = await pay(opts);
      assert.deepEqual(result, { outcome: 'unavailable', reference: 'tls-1', reason: 'offline' });
      assert.equal(processed, 0);
    }
  });
});
