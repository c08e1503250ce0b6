// The terminal ships its journal to a real mosquitto: every entry reaches a listener in order with
// its chain intact, a broker stopped mid-run loses nothing (the cursor resumes after the last
// PUBACK), the status is retained with today's per-creditor totals, and the broker password never
// reaches the log, the database or fleet.status.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMosquitto } from '../../support/mosquitto';
import type { Broker } from '../../support/mosquitto';
import { pay, QR } from '../contract/counter-fixture';
import { assertChain, enableFleet, fleetSettings, fleetStatus, Listener, startTerminal, uniquePrefix, until } from './terminal-support';
import { readCursor } from '../../../main/services/fleet/store';

const PASSWORD = 'Br0ker-Secret-9f3a';

describe('fleet shipping (terminal side)', { timeout: 120_000 }, () => {
  let broker: Broker;
  let listenerUrl: string;
  before(async () => {
    broker = await startMosquitto({ credentials: { username: 'DEMO01', password: PASSWORD } });
    listenerUrl = broker.url.replace('mqtt://', `mqtt://DEMO01:${PASSWORD}@`);
  });
  after(() => broker.close());

  test('every journal entry reaches the broker in order and chained; status retained; no secret leaks', async (t) => {
    const prefix = uniquePrefix();
    const listener = await Listener.open(t, listenerUrl, prefix, 'DEMO01');
    const term = await startTerminal(t);
    assert.equal((await fleetStatus(term)).enabled, false, 'off by default');
    await enableFleet(term, fleetSettings(broker.url, prefix, { username: 'DEMO01', password: PASSWORD }));
    await pay(term.api, [QR.tari], 'cash', 20_000);
    await pay(term.api, [QR.canteen, QR.permit], 'card');

    const head = () => term.core.db.journal.head()!.seq;
    await until('every entry shipped', async () => (await fleetStatus(term)).backlog === 0 && listener.distinct().length >= head());
    const got = listener.distinct();
    assertChain(got);
    assert.deepEqual(
      got.map((e) => e.hash),
      term.core.db.journal.list(0, 10_000).map((e) => e.hash),
    );
    // Received in journal order: each batch starts where an earlier one ended (or resends).
    const seqs = listener.received.map((e) => e.seq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
      'in order',
    );
    assert.equal(readCursor(term.core.db).seq, head(), 'the cursor at the head after the last PUBACK');

    const status = await fleetStatus(term);
    assert.deepEqual([status.enabled, status.connected, status.hasPassword, status.backlog], [true, true, true, 0]);
    assert.equal(status.broker, broker.url);
    assert.notEqual(status.lastAckAt, null);

    // The status on the broker: today's money per creditor, from the same tenders the X report adds up.
    const s = await until('a status with the three notices paid', () => {
      const last = listener.lastStatus();
      return last?.detail && last.detail.today.reduce((n, c) => n + c.payments, 0) === 3 ? last : null;
    });
    assert.equal(s.online, true);
    assert.deepEqual(s.detail!.today, [{ fiscalCode: '77777777777', payments: 3, cents: 12_000 + 4_550 + 25_000 }]);
    assert.equal(s.detail!.openSessions, 0);
    assert.equal(s.detail!.clock.plausible, true);

    assert.ok(!JSON.stringify(status).includes(PASSWORD), 'not in fleet.status');
    assert.ok(!JSON.stringify(listener.statuses).includes(PASSWORD), 'not in the status published');
    await term.close();
    const log = readFileSync(join(term.dir, 'logs', 'sportello.log'), 'utf8');
    assert.match(log, /fleet-connected/);
    assert.ok(!log.includes(PASSWORD), 'not in the log');
    assert.ok(!readFileSync(join(term.dir, 'sportello.db')).includes(PASSWORD), 'not in the database');
  });

  test('broker stopped mid-run: nothing lost, shipping resumes from the cursor', async (t) => {
    const prefix = uniquePrefix();
    const listener = await Listener.open(t, listenerUrl, prefix, 'DEMO01');
    const term = await startTerminal(t);
    await enableFleet(term, fleetSettings(broker.url, prefix, { username: 'DEMO01', password: PASSWORD }));
    await pay(term.api, [QR.tari], 'cash', 20_000);
    await until('the first payment shipped', async () => (await fleetStatus(term)).backlog === 0);
    const beforeOutage = readCursor(term.core.db).seq;

    await broker.stop();
    await until('the terminal sees the broker gone', async () => !(await fleetStatus(term)).connected);
    // Paid while the broker is down: the terminal keeps working, the entries wait.
    await pay(term.api, [QR.canteen], 'cash', 5_000);
    await pay(term.api, [QR.permit], 'card');
    assert.ok((await fleetStatus(term)).backlog > 0, 'entries waiting');
    await broker.start();

    await until(
      'every entry shipped after the outage',
      async () => {
        const st = await fleetStatus(term);
        return st.connected && st.backlog === 0 && listener.distinct().length >= term.core.db.journal.head()!.seq;
      },
      60_000,
    );
    const got = listener.distinct();
    assertChain(got);
    assert.equal(got.length, term.core.db.journal.head()!.seq);
    // Resent, if at all, only what the broker had not acknowledged before the outage.
    const counts = new Map<number, number>();
    for (const e of listener.received) counts.set(e.seq, (counts.get(e.seq) ?? 0) + 1);
    for (const [seq, n] of counts) if (n > 1) assert.ok(seq > beforeOutage, `seq ${seq} was acknowledged before, yet resent`);
  });
});
