// Issue 13 (technician and CLI): with the app running, every `sportello` command waited 6 s and said
// DB_IN_USE, a demo-mode command could run for minutes, and `outbox retry` said "due now" while
// nothing was sent. The running core now leaves its address in <dataDir>/core.json (0600) and the
// commands talk to it over its loopback API; commands that act on the files say CORE_RUNNING.
// Real child processes (`sportello serve` in demo mode, the real command), real HTTP, real SQLite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { runCli, runCliAsync, startServe } from '../../support/cli';
import { tempDir } from '../../support/tmp';
import { httpJson } from '../../support/http';

const README_NOTICE = 'PAGOPA|002|301020250000000129|77777777777|12000';
const OTHER_NOTICE = '77777777777/301020250000000230';

const coreJson = (dir: string) => join(dir, 'core.json');

/** A process id that surely names no process: a child that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', ''], { encoding: 'utf8' });
  return r.pid;
}

function writeAddress(dir: string, address: { pid: number; url: string }): void {
  const body = { ...address, token: 'a'.repeat(64), owner: 'b'.repeat(64), startedAt: new Date().toISOString() };
  writeFileSync(coreJson(dir), JSON.stringify(body), { mode: 0o600 });
}

/** Asks until `done` holds, at most `tries` times: no assertion on how long it took. */
async function until<T>(ask: () => T | Promise<T>, done: (v: T) => boolean, tries = 120): Promise<T> {
  let v = await ask();
  for (let i = 0; i < tries && !done(v); i++) {
    await new Promise((r) => setTimeout(r, 500));
    v = await ask();
  }
  return v;
}

test('core.json is 0600, names the running core, and is removed when it stops cleanly', async (t) => {
  const dir = tempDir(t, 'sportello-core-json-');
  const serve = await startServe(t, dir);
  assert.ok(existsSync(coreJson(dir)), 'written once listening');
  assert.equal(statSync(coreJson(dir)).mode & 0o777, 0o600);
  const address = JSON.parse(readFileSync(coreJson(dir), 'utf8')) as Record<string, unknown>;
  assert.equal(address.pid, serve.pid);
  assert.equal(address.url, serve.info.url);
  assert.equal(address.token, serve.info.token);
  assert.match(String(address.owner), /^[0-9a-f]{64}$/);
  assert.notEqual(address.owner, address.token, 'the screens hold the token; only the file holds the owner credential');
  assert.ok(!Number.isNaN(Date.parse(String(address.startedAt))));
  const stopped = await serve.stop();
  assert.equal(stopped.code, 0);
  assert.ok(!existsSync(coreJson(dir)), 'removed on a clean stop');
});

test('a stale core.json (process gone, or nothing listening) is ignored, and the next core replaces it', async (t) => {
  const dir = tempDir(t, 'sportello-core-stale-');
  // A crash leaves the file behind.
  const crashed = await startServe(t, dir);
  await crashed.kill();
  assert.ok(existsSync(coreJson(dir)), 'a SIGKILL leaves it');
  const afterCrash = runCli(['outbox', '--json'], dir);
  assert.equal(afterCrash.status, 0, afterCrash.stderr);
  assert.equal(JSON.parse(afterCrash.stdout).depth.depth, 0);

  writeAddress(dir, { pid: deadPid(), url: 'http://127.0.0.1:9' });
  const gone = runCli(['sessions', '--json'], dir);
  assert.equal(gone.status, 0, `process gone: ${gone.stderr}`);
  // A live process (this test) whose address accepts no connection.
  writeAddress(dir, { pid: process.pid, url: 'http://127.0.0.1:9' });
  const closed = runCli(['journal', 'verify', '--json'], dir);
  assert.equal(closed.status, 0, `nothing listening: ${closed.stderr}`);

  const next = await startServe(t, dir);
  assert.equal((JSON.parse(readFileSync(coreJson(dir), 'utf8')) as { token: string }).token, next.info.token);
  assert.equal(statSync(coreJson(dir)).mode & 0o777, 0o600);
  await next.stop();
});

test('with a terminal running, commands go through its API and print the same as without it', async (t) => {
  const dir = tempDir(t, 'sportello-core-remote-');
  const serve = await startServe(t, dir);
  const paid = runCli(['pay', '--notice', README_NOTICE, '--tender', 'cash', '--amount-given', '20000', '--json'], dir);
  assert.equal(paid.status, 0, `pay through the running terminal: ${paid.stderr}`);
  assert.equal(JSON.parse(paid.stdout).session.status, 'completed');

  const commands = [
    ['sessions'],
    ['sessions', '--json'],
    ['sessions', '--notice', '301020250000000129', '--json'],
    ['outbox'],
    ['outbox', '--json'],
  ];
  const remote = commands.map((args) => runCli(args, dir));
  remote.forEach((r, i) => assert.equal(r.status, 0, `${commands[i]!.join(' ')} through the running terminal: ${r.stderr}`));
  assert.match(remote[0]!.stdout, /completed\s+1 notice\(s\)\s+121\.50 EUR cash/);

  // Commands that act on the files are refused at once, not after waiting for the database.
  for (const args of [['doctor'], ['db', 'status'], ['demo', 'reset', '--confirm'], ['serve']]) {
    const r = runCli([...args, '--json'], dir);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.equal(JSON.parse(r.stdout).error.code, 'CORE_RUNNING', args.join(' '));
  }
  const human = runCli(['doctor'], dir);
  assert.match(human.stderr, /^sportello: CORE_RUNNING: the terminal is running \(process \d+, http:\/\/127\.0\.0\.1:\d+\)/m);

  assert.equal((await serve.stop()).code, 0);
  const local = commands.map((args) => runCli(args, dir));
  local.forEach((r, i) => {
    const said = commands[i]!.join(' ');
    assert.equal(r.status, 0, `${said} in process: ${r.stderr}`);
    assert.equal(r.stdout, remote[i]!.stdout, `${said}: the same output either way`);
  });
});

test('no command hangs: each exits by itself, with and without a running terminal', async (t) => {
  const alone = tempDir(t, 'sportello-core-exit-');
  // A generous kill timeout: a run that needed it has `signal` set and fails here.
  const expectations: Array<[string[], number]> = [
    [['outbox'], 0],
    [['doctor'], 0],
    [['pay', '--notice', README_NOTICE, '--tender', 'cash', '--amount-given', '20000'], 0],
    [['sessions'], 0],
    [['journal', 'verify'], 0],
  ];
  for (const [args, code] of expectations) {
    const r = await runCliAsync(args, alone, { timeoutMs: 120_000 });
    assert.equal(r.signal, null, `${args.join(' ')} (demo mode, no terminal) was killed: ${r.stderr}`);
    assert.equal(r.status, code, `${args.join(' ')}: ${r.stderr}`);
  }

  const withCore = tempDir(t, 'sportello-core-exit-remote-');
  const serve = await startServe(t, withCore);
  const remote: Array<[string[], number]> = [
    [['outbox'], 0],
    [['doctor'], 1],
    [['pay', '--notice', OTHER_NOTICE, '--tender', 'card'], 0],
    [['sessions'], 0],
    [['outbox', 'retry', '999'], 1],
  ];
  for (const [args, code] of remote) {
    const r = await runCliAsync(args, withCore, { timeoutMs: 120_000 });
    assert.equal(r.signal, null, `${args.join(' ')} (terminal running) was killed: ${r.stderr}`);
    assert.equal(r.status, code, `${args.join(' ')}: ${r.stderr}`);
  }
  await serve.stop();
});

test('a core that accepts but never answers is CORE_NOT_RESPONDING after a bounded wait', async (t) => {
  const dir = tempDir(t, 'sportello-core-silent-');
  const sockets = new Set<Socket>();
  const silent = createServer((s) => {
    sockets.add(s); // accepted, never answered
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  t.after(() => {
    for (const s of sockets) s.destroy();
    silent.close();
  });
  const port = (silent.address() as { port: number }).port;
  writeAddress(dir, { pid: process.pid, url: `http://127.0.0.1:${port}` });

  const r = await runCliAsync(['outbox', '--json'], dir, { timeoutMs: 120_000 });
  assert.equal(r.signal, null, `killed instead of giving up: ${r.stderr}`);
  assert.equal(r.status, 1);
  const error = JSON.parse(r.stdout).error as { code: string; message: string };
  assert.equal(error.code, 'CORE_NOT_RESPONDING');
  assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
  assert.ok(sockets.size > 0, 'the command did reach the silent server');
  const human = await runCliAsync(['sessions'], dir, { timeoutMs: 120_000 });
  assert.equal(human.status, 1);
  assert.match(human.stderr, /^sportello: CORE_NOT_RESPONDING: the running terminal at http:\/\/127\.0\.0\.1:\d+ accepted/m);
});

test('outbox retry through the running terminal makes it send the outcome, with no further command', async (t) => {
  const dir = tempDir(t, 'sportello-core-retry-');
  const serve = await startServe(t, dir);
  const admin = `${new URL(serve.info.simulatorUrl!).origin}/admin/faults`;
  // The node refuses outcomes for a configuration reason: the terminal parks the outcome (probed only rarely).
  const injected = await httpJson(admin, {
    body: { kind: 'node-fault', primitive: 'sendPaymentOutcomeV2', faultCode: 'PPT_AUTORIZZAZIONE' },
  });
  assert.ok(injected.status < 300, JSON.stringify(injected.json));

  const paid = runCli(['pay', '--notice', OTHER_NOTICE, '--tender', 'card', '--wait-ms', '0', '--json'], dir);
  assert.equal(paid.status, 0, paid.stderr);
  const sessionId = (JSON.parse(paid.stdout) as { session: { id: string } }).session.id;
  type Listed = { messages: Array<{ id: number; state: string; lastErrorCode: string | null }> };
  const outbox = () => JSON.parse(runCli(['outbox', '--json'], dir).stdout) as Listed;
  const parked = await until(outbox, (o) => o.messages.some((m) => m.state === 'parked'));
  const message = parked.messages.find((m) => m.state === 'parked');
  assert.ok(message, `the outcome is parked: ${JSON.stringify(parked)}`);
  assert.equal(message.lastErrorCode, 'PPT_AUTORIZZAZIONE');

  // The node is fixed; the technician retries. Only the running terminal can send it.
  assert.ok((await httpJson(admin, { method: 'DELETE' })).status < 300);
  const retried = runCli(['outbox', 'retry', String(message.id), '--json'], dir);
  assert.equal(retried.status, 0, retried.stderr);
  assert.equal(JSON.parse(retried.stdout).message.id, message.id);

  // Only reads from here on: the terminal itself delivers it.
  const session = () => JSON.parse(runCli(['sessions', '--json'], dir).stdout) as { sessions: Array<{ id: string; status: string }> };
  const settled = await until(session, (s) => s.sessions.find((x) => x.id === sessionId)?.status !== 'outcome-pending');
  assert.equal(settled.sessions.find((x) => x.id === sessionId)?.status, 'completed');
  assert.equal(outbox().messages.length, 0, 'nothing left to send');
  await serve.stop();
});
