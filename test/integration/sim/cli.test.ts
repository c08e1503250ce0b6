// `sportello sim` as a real process: it prints where it listens, serves, and stops cleanly on SIGTERM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../support/tmp';
import { runSimCli } from '../../../sim/cli';
import { assertOk, body, call } from './soap-client';
import { CF, N } from './fixtures';

const BIN = fileURLToPath(new URL('../../../bin/sportello.mjs', import.meta.url));

test('the sim command prints endpoint, credentials and sample QR texts, serves requests, and exits 0 on SIGTERM', async (t) => {
  const db = join(tempDir(t, 'sportello-sim-cli-'), 'sim.sqlite');
  const child = spawn(process.execPath, [BIN, 'sim', '--port', '0', '--db', db, '--id-psp', 'FLAGPSP'], {
    env: { ...process.env, SPORTELLO_SIM_ID_PSP: 'ENVPSP', SPORTELLO_SIM_PASSWORD: 'envpassword1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL'));
  let out = '';
  child.stdout.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: string) => {
      out += d;
      if (out.includes('Ctrl+C stops the simulator.')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
  });
  const url = /SOAP endpoint\s+(\S+)/.exec(out)?.[1] as string;
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/nodo-auth\/node-for-psp\/v1$/);
  assert.match(out, /admin API\s+http:\/\/127\.0\.0\.1:\d+\/admin/);
  assert.match(out, /idPSP\s+FLAGPSP/, 'a flag wins over its environment variable');
  assert.match(out, /password\s+envpassword1/, 'the environment wins over the default');
  assert.match(out, new RegExp(`PAGOPA\\|002\\|${N.single}\\|${CF}\\|12000`));
  assert.match(out, /SQLite/);
  const key = /subscription key\s+(\S+)/.exec(out)?.[1] as string;

  const credentials = {
    idPSP: 'FLAGPSP',
    idBrokerPSP: '12345678901',
    idChannel: '12345678901_01',
    password: 'envpassword1',
    subscriptionKey: key,
  };
  assertOk(await call({ url, credentials }, body.verify(credentials, CF, N.single)));

  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code] = await exited;
  assert.equal(code, 0);
  assert.match(out, /simulator stopped \(SIGTERM\)/);
});

test('runSimCli: --help is 0, a bad option 2, a configuration the node cannot use 1; it stops when told', async () => {
  const lines: string[] = [];
  const io = { env: {}, out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) };
  assert.equal(await runSimCli(['--help'], io), 0);
  assert.match(lines.join('\n'), /--token-ms/);
  assert.equal(await runSimCli(['--colour', 'red'], io), 2);
  assert.equal(await runSimCli(['--port', 'abc'], io), 2);
  assert.equal(await runSimCli(['--port', '0', '--password', 'short'], io), 1);
  assert.match(lines.at(-1) ?? '', /password must be 8\.\.15/);

  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  lines.length = 0;
  const running = runSimCli(['--port=0', '--token-ms=7000'], { ...io, stopped });
  while (!lines.some((l) => l.includes('Ctrl+C'))) await new Promise((r) => setImmediate(r));
  assert.match(lines.join('\n'), /token validity\s+7000 ms/);
  stop();
  assert.equal(await running, 0);
});
