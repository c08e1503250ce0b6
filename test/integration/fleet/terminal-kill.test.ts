// A terminal SIGKILLed while it ships: the broker publishes its last will (offline, retained); the
// next life resumes from the cursor the last PUBACK wrote, so the listener ends with every entry,
// chained, and duplicates only of entries not acknowledged before the kill.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startMosquitto } from '../../support/mosquitto';
import type { Broker } from '../../support/mosquitto';
import { tempDir } from '../../support/tmp';
import { MAX_BATCH } from '../../../main/fleet/wire';
import { assertChain, Listener, uniquePrefix, until } from './terminal-support';

const CHILD = join(import.meta.dirname, 'terminal-child.ts');

function life(dir: string, url: string, prefix: string, pay: boolean, t: { after(fn: () => unknown): void }): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      SPORTELLO_DATA_DIR: dir,
      SPORTELLO_CONFIG: join(dir, 'config.json'),
      FLEET_URL: url,
      FLEET_PREFIX: prefix,
      FLEET_PAY: pay ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`child exited ${code}: ${err.slice(-2000)}`)));
  });
}

/** A stopped child's database: the journal head and the shipped cursor. */
function peek(dir: string): { head: number; cursor: number } {
  const db = new Database(join(dir, 'sportello.db'), { readonly: true, fileMustExist: true });
  try {
    const head = (db.prepare('SELECT max(seq) FROM journal').pluck().get() as number | null) ?? 0;
    const text = db.prepare(`SELECT value FROM setting WHERE key = 'fleet.shipped'`).pluck().get() as string | undefined;
    return { head, cursor: text ? (JSON.parse(text) as { seq: number }).seq : 0 };
  } finally {
    db.close();
  }
}

describe('fleet: a terminal killed mid-run (terminal side)', { timeout: 180_000 }, () => {
  let broker: Broker;
  before(async () => {
    broker = await startMosquitto();
  });
  after(() => broker.close());

  test('the last will marks it offline; the next life resumes from the cursor, duplicates only of unacknowledged entries', async (t) => {
    const prefix = uniquePrefix();
    const dir = tempDir(t, 'sportello-fleet-kill-');
    const listener = await Listener.open(t, broker.url, prefix, 'DEMO01');

    const first = await life(dir, broker.url, prefix, true, t);
    await until(
      'online, and some entries shipped while paying',
      () => listener.lastStatus()?.online === true && listener.distinct().length >= 40,
      60_000,
    );
    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await exited;
    await until('the last will: offline', () => listener.lastStatus()?.online === false);
    assert.equal(listener.lastStatus()!.detail, undefined, 'the will carries no detail');

    const atKill = peek(dir);
    assert.ok(atKill.cursor > 0 && atKill.cursor <= atKill.head, `cursor ${atKill.cursor} head ${atKill.head}`);
    const receivedBefore = listener.received.length;

    await life(dir, broker.url, prefix, false, t);
    // The database is the running core's alone (an exclusive lock): the status it publishes says where it is.
    const done = await until(
      'every entry of both lives shipped',
      () => {
        const j = listener.lastStatus()?.detail?.journal;
        return j && j.shippedSeq === j.headSeq && j.headSeq > atKill.head && listener.distinct().length === j.headSeq ? j : null;
      },
      60_000,
    );
    assert.equal(listener.distinct().length, done.headSeq);
    await until('online again', () => listener.lastStatus()?.online === true);
    const got = listener.distinct();
    assertChain(got);

    // What the second life sent again: only what the broker had not acknowledged (to the cursor's knowledge) at the kill.
    const resent = listener.received
      .slice(receivedBefore)
      .filter((e) => e.seq <= atKill.head && listener.received.slice(0, receivedBefore).some((x) => x.seq === e.seq));
    for (const e of resent) assert.ok(e.seq > atKill.cursor, `seq ${e.seq} acknowledged before the kill, yet sent again`);
    assert.ok(resent.length <= MAX_BATCH, 'at most the batch in flight');
  });
});
