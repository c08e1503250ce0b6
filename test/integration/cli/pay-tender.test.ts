// `sportello pay` checks the tender before it takes any token (issue 9 §7): too little cash is
// refused after verify and before activatePaymentNoticeV2, so the notice stays free at the node and
// the next attempt pays at once; `--tender` has no default. Real processes over real HTTP to
// `sportello sim`, as in pay.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from '../../support/tmp';
import { httpJson } from '../../support/http';

const bin = join(import.meta.dirname, '../../../bin/sportello.mjs');
const TARI = 'PAGOPA|002|301020250000000129|77777777777|12000';
const CANTEEN = 'PAGOPA|002|301020250000000230|77777777777|4550';

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

interface PositionView {
  state: string;
  tokens: string[];
}
async function position(url: string, fiscalCode: string, noticeNumber: string): Promise<PositionView> {
  const admin = url.replace(/\/nodo-auth.*$/, '/admin');
  return (await httpJson(`${admin}/positions/${fiscalCode}/${noticeNumber}`)).json as PositionView;
}

interface PayJson {
  session?: { status: string; tender: { dueCents: number; feeCents: number; changeCents: number } };
  error?: { code: string; details?: { given?: number; dueCents?: number } };
}

async function configured(t: { after(fn: () => void): void }): Promise<{ url: string; env: NodeJS.ProcessEnv }> {
  const url = await startSim(t);
  const env = { SPORTELLO_DATA_DIR: tempDir(t) };
  assert.equal(run(['config', 'sim', '--url', url], env).status, 0);
  return { url, env };
}

test('too little cash is refused before activation: no token at the node, and the next attempt pays at once', async (t) => {
  const { url, env } = await configured(t);
  // 120.00 + 45.50 verified, plus the configured flat fee of 1.50: 167.00 due. The notices' sum alone
  // is not enough: the fee is part of what the cash must cover.
  const short = run(['pay', '--notice', TARI, '--notice', CANTEEN, '--tender', 'cash', '--amount-given', '16550', '--json'], env);
  assert.equal(short.status, 1, short.stderr);
  const refused = JSON.parse(short.stdout) as PayJson;
  assert.equal(refused.error?.code, 'TENDER_INVALID');
  assert.equal(refused.error?.details?.dueCents, 16700);
  assert.equal(refused.error?.details?.given, 16550);
  for (const n of ['301020250000000129', '301020250000000230']) {
    const p = await position(url, '77777777777', n);
    assert.deepEqual(p.tokens, [], `no activation was sent for ${n}`);
    assert.equal(p.state, 'payable');
  }

  const paid = run(['pay', '--notice', TARI, '--notice', CANTEEN, '--tender', 'cash', '--amount-given', '16700', '--json'], env);
  assert.equal(paid.status, 0, paid.stdout + paid.stderr);
  const { session } = JSON.parse(paid.stdout) as PayJson;
  assert.equal(session?.status, 'completed');
  assert.equal(session?.tender.dueCents, 16700);
  assert.equal(session?.tender.changeCents, 0);
  assert.equal((await position(url, '77777777777', '301020250000000129')).state, 'paid');

  // The refused attempt is on record as a cancelled cart that never held a token: no KO was owed.
  const listed = run(['sessions', '--json'], env);
  assert.equal(listed.status, 0, listed.stderr);
  const sessions = (
    JSON.parse(listed.stdout) as { sessions: Array<{ status: string; tender: unknown; notices: Array<{ activation: unknown }> }> }
  ).sessions;
  assert.deepEqual(sessions.map((x) => `${x.status}:${x.tender ? 'tendered' : 'none'}`).sort(), ['cancelled:none', 'completed:tendered']);
  assert.ok(sessions.find((x) => x.status === 'cancelled')!.notices.every((n) => n.activation === null));
});

test('cash given in text form is refused the same way, without starting a payment', async (t) => {
  const { url, env } = await configured(t);
  const r = run(['pay', '--notice', TARI, '--tender', 'cash', '--amount-given', '12000'], env);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^sportello: TENDER_INVALID: .*12000.*12150/m);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.deepEqual((await position(url, '77777777777', '301020250000000129')).tokens, []);
});

test('--tender is required and checked: one line naming it, exit 2, nothing started', (t) => {
  const env = { SPORTELLO_DATA_DIR: tempDir(t) };
  const cases: Array<[string[], RegExp]> = [
    [['pay', '--notice', TARI], /--tender is required/],
    [['pay', '--notice', TARI, '--tender', 'bitcoin'], /--tender must be cash, card or other/],
    [['pay', '--notice', TARI, '--tender', 'card', '--amount-given', '20000'], /--amount-given is for --tender cash/],
    [['pay', '--notice', TARI, '--tender', 'cash', '--amount-given', '12,50'], /--amount-given must be a whole number/],
    [['pay', '--notice', TARI, '--tender', 'cash', '--wait-ms', 'soon'], /--wait-ms must be a whole number/],
    [['pay', '--tender', 'cash'], /--notice is required/],
  ];
  for (const [args, message] of cases) {
    const r = run(args, env);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
    assert.match(r.stderr, /^sportello pay: /);
    assert.equal(r.stdout, '');
  }
  // Nothing was started: the data directory holds no database.
  const listed = run(['sessions', '--json'], env);
  assert.equal(listed.status, 0, listed.stderr);
  assert.deepEqual((JSON.parse(listed.stdout) as { sessions: unknown[] }).sessions, []);
});
