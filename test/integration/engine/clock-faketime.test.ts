// A terminal that boots before network time: `sportello serve` runs as a real child process under
// libfaketime with its wall clock on 2000-01-01 (the monotonic clock untouched, as after a boot),
// against the simulator running here on real time. The OK queued by a previous run must go out,
// new payments must be refused with CLOCK_IMPLAUSIBLE, and once the clock is corrected (the faked
// offset file rewritten, as NTP would step the clock) payments must start again: no restart.
// (The Europe/Rome dates of the outcome details are unit-tested in test/unit/main/engine/outcome-details.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startSimulator } from '../../../sim/simulator';
import { tempDir } from '../../support/tmp';

const bin = join(import.meta.dirname, '../../../bin/sportello.mjs');
const CREDITOR = '77777777777';
const QUEUED = { noticeNumber: '301020250000000129', qr: 'PAGOPA|002|301020250000000129|77777777777|12000' };
const LATER = { noticeNumber: '301020250000000230', qr: 'PAGOPA|002|301020250000000230|77777777777|4550' };
const Y2000 = Date.UTC(2000, 0, 1);

/** libfaketime, as the `faketime` wrapper preloads it ($LIB is expanded by the dynamic loader). */
const LIBFAKETIME = '/usr/$LIB/faketime/libfaketime.so.1';

/** Polls until `probe` gives a value; fails with `what` after `tries` rounds (a bound, not a timing assertion). */
async function until<T>(what: string, probe: () => Promise<T | null | undefined> | T | null | undefined, tries = 600): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await probe();
    if (v !== null && v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting: ${what}`);
}

function firstLine(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

function readDb<T>(dir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(join(dir, 'sportello.db'), { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

type Result = { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };

test('clock on 2000-01-01 at start: queued OK delivered, new payments refused until the clock is corrected, no restart', async (t) => {
  const sim = await startSimulator({ port: 0 });
  t.after(() => sim.close());
  const dir = tempDir(t);
  const env = { ...process.env, SPORTELLO_DATA_DIR: dir };
  // Never spawnSync: the simulator answers from this process's event loop.
  const run = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  assert.equal((await run(['config', 'sim', '--url', sim.url])).status, 0);

  // A previous run, on the right time: cash collected, the OK refused at the node's door, left queued.
  sim.injectFaults({ kind: 'refuse', primitive: 'sendPaymentOutcomeV2' });
  const pay = await run(['pay', '--notice', QUEUED.qr, '--tender', 'cash', '--amount-given', '20000', '--wait-ms', '1500', '--json']);
  assert.equal(pay.status, 0, pay.stdout + pay.stderr);
  assert.equal((JSON.parse(pay.stdout) as { session: { status: string } }).session.status, 'outcome-pending');
  const queued = readDb(dir, (db) =>
    db.prepare(`SELECT state, next_attempt_at_ms AS next FROM outbox_message WHERE outcome = 'OK'`).get(),
  ) as { state: string; next: number };
  assert.equal(queued.state, 'pending');
  assert.ok(queued.next > Date.now() - 60_000, "its next attempt is on today's time, years after 2000");
  sim.clearFaults();

  // The terminal boots with its wall clock on 2000-01-01.
  const fakeFile = join(dir, 'faketime-offset');
  writeFileSync(fakeFile, `${Math.round((Y2000 - Date.now()) / 1000)}`);
  const serve = spawn(process.execPath, [bin, 'serve', '--json'], {
    env: { ...env, LD_PRELOAD: LIBFAKETIME, FAKETIME_TIMESTAMP_FILE: fakeFile, FAKETIME_NO_CACHE: '1', FAKETIME_DONT_FAKE_MONOTONIC: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => serve.on('exit', r));
  t.after(async () => {
    serve.kill('SIGTERM');
    await exited;
  });
  const { url, token } = JSON.parse(await firstLine(serve)) as { url: string; token: string };
  const call = async (name: string, body: object = {}): Promise<Result> =>
    (await (
      await fetch(`${url}/api/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as Result;

  const info = await call('system.info');
  assert.ok(info.ok);
  const clock = info.value.clock as { plausible: boolean; wallMs: number; engineMs: number; reason: string };
  assert.equal(new Date(clock.wallMs).getUTCFullYear(), 2000, 'the child really runs in 2000');
  assert.equal(clock.plausible, false);
  assert.equal(clock.reason, 'behind-records');
  assert.ok(clock.engineMs >= queued.next - 60_000, 'engine time starts from what the database holds');

  // The queued OK goes out during this run.
  const paid = await until('the queued OK accepted by the node', () => {
    const p = sim.position(CREDITOR, QUEUED.noticeNumber);
    return p?.state === 'paid' ? p : null;
  });
  assert.equal(paid.sessions[0]?.acquired?.outcome, 'OK');

  // A new payment is refused, saying why.
  const refused = await call('session.start', { kind: 'counter' });
  assert.equal(refused.ok, false);
  if (!refused.ok) {
    assert.equal(refused.error.code, 'CLOCK_IMPLAUSIBLE');
    assert.match(refused.error.message, /2000-01-01/);
    assert.match(refused.error.message, /set the correct date and time/);
  }

  // NTP steps the clock: payments are accepted again, without a restart.
  writeFileSync(fakeFile, '+0');
  const session = await until('a payment accepted after the clock was corrected', async () => {
    const r = await call('session.start', { kind: 'counter' });
    if (!r.ok && r.error.code !== 'CLOCK_IMPLAUSIBLE') throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.ok ? r.value : null;
  });
  // ... and goes ahead: the notice is verified and its token taken at the node.
  const sessionId = session.id as string;
  assert.ok((await call('session.addNotice', { sessionId, text: LATER.qr })).ok);
  const activated = await call('session.activate', { sessionId });
  assert.ok(activated.ok, JSON.stringify(activated));
  assert.equal(activated.value.status, 'activated');
  assert.equal(sim.position(CREDITOR, LATER.noticeNumber)?.state, 'in-progress');
  const fixed = await call('system.info');
  assert.ok(fixed.ok && (fixed.value.clock as { plausible: boolean }).plausible);

  serve.kill('SIGTERM');
  await exited;
  // The journal never went back in time, and says when the clock was refused and accepted again.
  const rows = readDb(dir, (db) => db.prepare('SELECT at, kind FROM journal ORDER BY seq').all()) as Array<{ at: string; kind: string }>;
  for (let i = 1; i < rows.length; i++)
    assert.ok(rows[i]!.at >= rows[i - 1]!.at, `journal entry ${i + 1} (${rows[i]!.kind} at ${rows[i]!.at}) is before ${rows[i - 1]!.at}`);
  assert.ok(
    rows.every((r) => !r.at.startsWith('2000')),
    'nothing stamped in 2000',
  );
  const kinds = rows.map((r) => r.kind);
  assert.ok(kinds.indexOf('clock-implausible') >= 0 && kinds.indexOf('clock-plausible') > kinds.indexOf('clock-implausible'));
  assert.equal((await run(['journal', 'verify'])).status, 0);
});
