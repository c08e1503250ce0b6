// The terminal's shipper over TLS with a per-terminal client certificate (issue 16: "TLS with a
// per-terminal client certificate or credentials"): a real mosquitto whose TLS listener requires a
// client certificate signed by the PSP's CA (certificates made here with openssl). A terminal with its
// certificate, key (kept as a secret) and the CA ships its journal; one trusting another CA never
// connects and says why; the key never shows in fleet.status or the log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMosquitto, type Broker } from '../../support/mosquitto';
import { pay, QR } from '../contract/counter-fixture';
import { Listener, enableFleet, fleetSettings, fleetStatus, startTerminal, uniquePrefix, until } from './terminal-support';

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate whose CN is the terminal id. */
function makeCertificates(dir: string, cn: string): void {
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=PSP fleet CA',
  ]);
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  openssl(
    dir,
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.crt',
      '-days',
      '2',
      '-extfile',
      '/dev/stdin',
    ].slice(0, -2),
  );
  // the server certificate names 127.0.0.1 as an IP SAN: the terminal checks the broker's name
  execFileSync(
    'sh',
    [
      '-c',
      `printf 'subjectAltName=IP:127.0.0.1\\n' > san.ext && openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile san.ext`,
    ],
    { cwd: dir, stdio: 'ignore' },
  );
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'client.key', '-out', 'client.csr', '-subj', `/CN=${cn}`]);
  // the server certificate names 127.0.0.1 as an IP SAN: the terminal checks the broker's name
  execFileSync(
    'sh',
    [
      '-c',
      `printf 'subjectAltName=IP:127.0.0.1\\n' > san.ext && openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile san.ext`,
    ],
    { cwd: dir, stdio: 'ignore' },
  );
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'client.key', '-out', 'client.csr', '-subj', `/CN=${cn}`]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'client.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'client.crt',
    '-days',
    '2',
  ]);
  // another CA the broker's certificate is not signed by
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'other.key',
    '-out',
    'other.crt',
    '-days',
    '2',
    '-subj',
    '/CN=Someone else',
  ]);
  for (const f of ['ca.crt', 'server.crt', 'server.key']) chmodSync(join(dir, f), 0o644); // the broker drops root
}

describe('fleet shipping over TLS with a client certificate', { timeout: 120_000 }, () => {
  let dir: string;
  let broker: Broker;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sportello-fleet-tls-'));
    chmodSync(dir, 0o755);
    makeCertificates(dir, 'DEMO01');
    broker = await startMosquitto({
      tls: { caFile: join(dir, 'ca.crt'), certFile: join(dir, 'server.crt'), keyFile: join(dir, 'server.key') },
    });
  });
  after(async () => {
    await broker.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const pem = (f: string) => readFileSync(join(dir, f), 'utf8');

  test('with its certificate, key and the CA the terminal ships every entry; the key is never shown or logged', async (t) => {
    const prefix = uniquePrefix();
    // the test's back office listens on the plain listener of the same broker
    const listener = await Listener.open(t, broker.url, prefix, 'DEMO01');
    const term = await startTerminal(t);
    const key = pem('client.key');
    await enableFleet(term, fleetSettings(broker.tlsUrl!, prefix, { clientCert: pem('client.crt'), ca: pem('ca.crt'), clientKey: key }));
    await pay(term.api, [QR.tari], 'cash', 20_000);
    const head = () => term.core.db.journal.head()!.seq;
    await until(
      'every entry shipped over TLS',
      async () => (await fleetStatus(term)).backlog === 0 && listener.distinct().length >= head(),
    );
    const status = await fleetStatus(term);
    assert.deepEqual([status.connected, status.hasClientKey], [true, true]);
    const keyBody = key.split('\n')[1]!;
    assert.ok(!JSON.stringify(status).includes(keyBody), 'the key is not in fleet.status');
    await term.close();
    assert.ok(!readFileSync(join(term.dir, 'logs', 'sportello.log'), 'utf8').includes(keyBody), 'nor in the log');
  });

  test('a terminal trusting another CA never connects, ships nothing, and says why', async (t) => {
    const prefix = uniquePrefix();
    const listener = await Listener.open(t, broker.url, prefix, 'DEMO01');
    const term = await startTerminal(t);
    await enableFleet(
      term,
      fleetSettings(broker.tlsUrl!, prefix, { clientCert: pem('client.crt'), ca: pem('other.crt'), clientKey: pem('client.key') }),
    );
    await pay(term.api, [QR.tari], 'cash', 20_000);
    const status = await until('a connection error reported', async () => {
      const s = await fleetStatus(term);
      return s.lastError ? s : null;
    });
    assert.equal(status.connected, false);
    assert.ok(status.backlog > 0, 'the entries wait in the journal');
    assert.equal(listener.distinct().length, 0, 'nothing reached the broker');
  });
});
