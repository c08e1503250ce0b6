// The core's structured log (main/log) on a real core and real files: written in
// <dataDir>/logs/sportello.log, rotated by size, secrets never in any file, the technician's level in
// force at once and kept across a restart, its newest lines in the diagnostics bundle, and a log
// directory that cannot be written never stopping the core.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { error, QR_TARI, start, value } from '../contract/harness';
import type { Started } from '../contract/harness';
import { tempDir } from '../../support/tmp';
import { pay, QR } from '../contract/counter-fixture';

const DEMO_PIN = '246810';

async function unlock(s: Started): Promise<string> {
  return value(await s.api.call('technician.unlock', { pin: DEMO_PIN })).auth;
}

function logFiles(dir: string): string[] {
  const logs = join(dir, 'logs');
  return readdirSync(logs)
    .filter((n) => n.startsWith('sportello.log'))
    .sort()
    .map((n) => join(logs, n));
}

function allLogText(dir: string): string {
  return logFiles(dir)
    .map((f) => readFileSync(f, 'utf8'))
    .join('');
}

function events(dir: string): Array<Record<string, unknown>> {
  return readFileSync(join(dir, 'logs', 'sportello.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('core log', { timeout: 60_000 }, () => {
  test('the core writes its start, sign-ins (no PIN), node state and stop to logs/sportello.log', async (t) => {
    const s = await start(t);
    await unlock(s);
    error(await s.api.call('technician.unlock', { pin: '975310' }));
    const session = value(await s.api.call('session.start', {}));
    value(await s.api.call('session.addNotice', { sessionId: session.id, text: QR_TARI }));
    await s.core.close();
    const list = events(s.dir);
    const names = list.map((e) => e.event);
    for (const name of ['core-started', 'signed-in', 'sign-in-refused', 'node-state', 'core-stopping'])
      assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    const started = list.find((e) => e.event === 'core-started')!;
    assert.deepEqual([started.level, started.mode, started.terminalId], ['info', 'demo', 'DEMO01']);
    assert.equal(list.find((e) => e.event === 'sign-in-refused')!.code, 'PIN_WRONG');
    const text = allLogText(s.dir);
    assert.ok(!text.includes(DEMO_PIN) && !text.includes('975310'), 'no PIN in the log');
    assert.equal(statSync(join(s.dir, 'logs', 'sportello.log')).mode & 0o077, 0, 'the log is private');
  });

  test('an outcome delivered to the node is logged by code, not payload', async (t) => {
    const s = await start(t);
    const done = await pay(s.api, [QR.canteen], 'cash', 5_000);
    const list = events(s.dir).filter((e) => e.event === 'outcome-delivery');
    assert.equal(list.length, 1);
    assert.deepEqual([list[0]!.level, list[0]!.result, list[0]!.outcome, list[0]!.sessionId], ['info', 'accepted', 'OK', done.id]);
    assert.ok(!JSON.stringify(list[0]).includes('301020250000000230'), 'no notice data in a delivery line');
  });

  test('a file past the size is rotated: sportello.log, .1, .2 and nothing older', async (t) => {
    const s = await start(t, { core: { log: { maxBytes: 4_096, files: 3 } } });
    for (let i = 0; i < 400; i++) s.core.log.info('filler', { i, text: 'x'.repeat(60) });
    const names = logFiles(s.dir).map((f) => f.split('/').pop());
    assert.deepEqual(names, ['sportello.log', 'sportello.log.1', 'sportello.log.2']);
    for (const f of logFiles(s.dir)) assert.ok(statSync(f).size <= 4_096, `${f} is ${statSync(f).size} bytes`);
    // The newest line is in the current file, whole lines only in every file.
    const current = events(s.dir);
    assert.equal(current.at(-1)!.i, 399);
    for (const f of logFiles(s.dir)) for (const l of readFileSync(f, 'utf8').split('\n').filter(Boolean)) JSON.parse(l);
  });

  test('secrets never reach a file: configured password and key, credential fields, PINs, auth headers', async (t) => {
    const s = await start(t);
    const { password, subscriptionKey } = s.core.config.node;
    assert.ok(password.length >= 8 && subscriptionKey.length >= 8, 'the demo configuration has secrets to hide');
    s.core.log.error('probe', {
      password,
      message: `the node refused ${password} with key ${subscriptionKey}`,
      headers: { Authorization: 'Bearer abcdef123456', 'Ocp-Apim-Subscription-Key': 'another-key-42' },
      pin: '13579',
      newPin: '24680',
      auth: 'tok-secret-777',
      paymentToken: 'visible-token',
    });
    const text = allLogText(s.dir);
    for (const secret of [password, subscriptionKey, 'abcdef123456', 'another-key-42', '13579', '24680', 'tok-secret-777'])
      assert.ok(!text.includes(secret), `${secret} is not in the log`);
    assert.ok(text.includes('visible-token'), 'payment tokens are not secrets');
    const probe = events(s.dir).find((e) => e.event === 'probe')!;
    assert.equal(probe.message, 'the node refused *** with key ***');
    const auth = await unlock(s);
    const bundle = value(await s.api.call('technician.diagnostics', {}, { auth })).content;
    for (const secret of [password, subscriptionKey, 'abcdef123456', '13579']) assert.ok(!bundle.includes(secret));
  });

  test("the technician's level is in force at once and kept across a restart", async (t) => {
    const dir = tempDir(t, 'sportello-log-');
    const s = await start(t, { dir });
    const auth = await unlock(s);
    assert.equal(value(await s.api.call('technician.logSettings', {}, { auth })).level, 'info');
    s.core.log.debug('hidden-at-info');
    value(await s.api.call('technician.setLogLevel', { level: 'debug' }, { auth }));
    s.core.log.debug('shown-at-debug');
    const set = value(await s.api.call('technician.setLogLevel', { level: 'error' }, { auth }));
    assert.deepEqual([set.level, set.file, set.unavailable], ['error', join(dir, 'logs', 'sportello.log'), null]);
    s.core.log.info('hidden-at-error');
    s.core.log.error('shown-at-error');
    assert.equal(error(await s.api.call('technician.setLogLevel', { level: 'verbose' as never }, { auth })).code, 'REQUEST_INVALID');
    const names = events(dir).map((e) => e.event);
    assert.ok(names.includes('shown-at-debug') && names.includes('shown-at-error'));
    assert.ok(!names.includes('hidden-at-info') && !names.includes('hidden-at-error'));
    await s.core.close();
    const again = await start(t, { dir });
    assert.equal(again.core.log.level(), 'error');
  });

  test('the diagnostics bundle holds the newest lines, bounded, redacted', async (t) => {
    const s = await start(t);
    for (let i = 0; i < 2_500; i++) s.core.log.info('numbered', { i });
    const auth = await unlock(s);
    const bundle = JSON.parse(value(await s.api.call('technician.diagnostics', {}, { auth })).content) as {
      logs: { level: string; file: string; unavailable: string | null; truncated: boolean; lines: string[] };
    };
    assert.equal(bundle.logs.unavailable, null);
    assert.equal(bundle.logs.truncated, true);
    assert.equal(bundle.logs.lines.length, 2_000);
    const numbered = bundle.logs.lines.map((l) => JSON.parse(l) as { event: string; i?: number }).filter((e) => e.event === 'numbered');
    assert.equal(numbered.at(-1)!.i, 2_499, 'the newest line is there');
    assert.ok(bundle.logs.lines.join('\n').length <= 512 * 1024);
    // The byte bound: long lines stop the tail before 2,000 of them.
    for (let i = 0; i < 1_000; i++) s.core.log.info('long', { i, text: 'y'.repeat(1_000) });
    const big = JSON.parse(value(await s.api.call('technician.diagnostics', {}, { auth })).content) as { logs: { lines: string[] } };
    assert.ok(big.logs.lines.length < 600, `${big.logs.lines.length} lines`);
    assert.ok(big.logs.lines.reduce((n, l) => n + l.length + 1, 0) <= 512 * 1024);
  });

  test('a log directory that cannot be written: the core runs, says so once, and the bundle says why', async (t) => {
    const dir = tempDir(t, 'sportello-log-');
    writeFileSync(join(dir, 'logs'), 'not a directory'); // mkdir fails even for root
    const said: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      said.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
    let s: Started;
    try {
      s = await start(t, { dir });
      const session = value(await s.api.call('session.start', {}));
      const added = value(await s.api.call('session.addNotice', { sessionId: session.id, text: QR_TARI }));
      assert.equal(added.session.notices.length, 1, 'payments go on');
      for (let i = 0; i < 20; i++) s.core.log.info('nowhere', { i });
    } finally {
      process.stderr.write = write;
    }
    assert.equal(said.filter((l) => l.includes('log-file-unavailable')).length, 1, 'said once on stderr');
    assert.ok(!said.some((l) => l.includes('"nowhere"')), 'info lines do not flood stderr');
    const auth = await unlock(s);
    const bundle = JSON.parse(value(await s.api.call('technician.diagnostics', {}, { auth })).content) as {
      logs: { unavailable: string | null; lines: string[] };
    };
    assert.match(bundle.logs.unavailable ?? '', /^E[A-Z]+: /);
    assert.deepEqual(bundle.logs.lines, []);
    assert.match(value(await s.api.call('technician.logSettings', {}, { auth })).unavailable ?? '', /^E[A-Z]+/);
    assert.ok(!existsSync(join(dir, 'logs', 'sportello.log')));
  });
});
