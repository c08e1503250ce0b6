// The README's scripted payment, as a person types it: `sportello sim` in one process, then
// `sportello config sim` and `sportello pay` in others, all real processes over real HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from '../../support/tmp';
import { httpJson } from '../../support/http';

const bin = join(import.meta.dirname, '../../../bin/sportello.mjs');

function startSim(t: { after(fn: () => void): void }): Promise<string> {
  const child = spawn(process.execPath, [bin, 'sim', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /SOAP endpoint\s+(\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`sim exited ${code}: ${out}`)));
  });
}

const run = (args: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });

test('sportello pay against sportello sim: completed, outcome delivered, recorded and listed', async (t) => {
  const url = await startSim(t);
  const env = { SPORTELLO_DATA_DIR: tempDir(t) };
  assert.equal(run(['config', 'sim', '--url', url], env).status, 0);
  const shown = run(['config', 'show', '--json'], env);
  assert.doesNotMatch(shown.stdout, /Sportello-Sim1|sportello-sim-subscription-key/, 'secrets are masked');

  const pay = run(
    ['pay', '--notice', 'PAGOPA|002|301020250000000129|77777777777|12000', '--tender', 'cash', '--amount-given', '20000', '--json'],
    env,
  );
  assert.equal(pay.status, 0, pay.stderr);
  const { session } = JSON.parse(pay.stdout) as {
    session: {
      status: string;
      tender: { changeCents: number; dueCents: number };
      notices: Array<{ phase: string; activation: { paymentToken: string } }>;
    };
  };
  assert.equal(session.status, 'completed');
  assert.equal(session.notices[0]?.phase, 'accepted');
  assert.equal(session.tender.changeCents, 20_000 - session.tender.dueCents);

  const admin = url.replace(/\/nodo-auth.*$/, '/admin');
  const pos = (await httpJson(`${admin}/positions/77777777777/301020250000000129`)).json as { state?: string; status?: string };
  assert.equal(pos.state ?? pos.status, 'paid');

  const again = run(['pay', '--notice', 'PAGOPA|002|301020250000000129|77777777777|12000', '--tender', 'cash', '--json'], env);
  assert.equal(again.status, 1, 'a paid notice cannot be paid twice');
  assert.match(again.stdout, /PPT_PAGAMENTO_DUPLICATO/);

  const sessions = run(['sessions', '--token', session.notices[0]!.activation.paymentToken, '--json'], env);
  assert.equal((JSON.parse(sessions.stdout) as { sessions: unknown[] }).sessions.length, 1);
  assert.equal(run(['journal', 'verify'], env).status, 0);
  const csv = run(['journal', 'export', '--csv'], env).stdout;
  // The contract's journal CSV (journal.exportCsv): canonical payloads, every hash recomputable.
  assert.match(csv, /^seq,at,kind,sessionId,payload,prevHash,hash\r\n/);
  assert.doesNotMatch(csv, /Sportello-Sim1/);
  const doctor = run(['doctor', '--json'], env);
  assert.equal(doctor.status, 0, doctor.stdout);
});

test('bad input to pay is a clear error and nothing is started', (t) => {
  const env = { SPORTELLO_DATA_DIR: tempDir(t) };
  const r = run(['pay', '--notice', '8001234567890', '--tender', 'cash', '--json'], env);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /PAYLOAD_INVALID/);
  assert.equal(run(['pay', '--tender', 'cash'], env).status, 2);
  assert.equal(run(['pay', '--bogus'], env).status, 2);
});
