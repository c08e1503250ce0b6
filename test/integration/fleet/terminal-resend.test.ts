// The terminal answers the back office's resend request (real mosquitto): the cursor moves back to
// fromSeq - 1 (persisted) and the entries are shipped again from there; a request beyond the cursor
// or for another terminal changes nothing; and after the broker is SIGKILLed and restarted the
// terminal still hears its resend and configuration topics (subscribed again on every connect).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { startMosquitto } from '../../support/mosquitto';
import type { Broker } from '../../support/mosquitto';
import { pay, QR } from '../contract/counter-fixture';
import { configTopic, resendTopic, WIRE_VERSION } from '../../../main/fleet/wire';
import type { ConfigVersion, ResendRequest } from '../../../main/fleet/wire';
import { readCursor } from '../../../main/services/fleet/store';
import { assertChain, enableFleet, fleetSettings, fleetStatus, Listener, startTerminal, uniquePrefix, until } from './terminal-support';
import type { Terminal } from './terminal-support';

async function publish(url: string, topic: string, message: unknown, retain = false): Promise<void> {
  const c = await mqtt.connectAsync(url, { protocolVersion: 5, reconnectPeriod: 0 });
  await c.publishAsync(topic, JSON.stringify(message), { qos: 1, retain });
  await c.endAsync();
}

const request = (fromSeq: number, terminal = 'DEMO01'): ResendRequest => ({
  v: WIRE_VERSION,
  terminal,
  fromSeq,
  requestedAt: new Date().toISOString(),
});

const logText = (term: Terminal) => {
  try {
    return readFileSync(join(term.dir, 'logs', 'sportello.log'), 'utf8');
  } catch {
    return '';
  }
};
const times = (l: Listener, seq: number) => l.received.filter((e) => e.seq === seq).length;

describe('fleet resend (terminal side)', { timeout: 120_000 }, () => {
  let broker: Broker;
  before(async () => {
    broker = await startMosquitto();
  });
  after(() => broker.close());

  async function shipping(t: Parameters<typeof startTerminal>[0]) {
    const prefix = uniquePrefix();
    const listener = await Listener.open(t, broker.url, prefix, 'DEMO01');
    const term = await startTerminal(t);
    await enableFleet(term, fleetSettings(broker.url, prefix));
    await pay(term.api, [QR.tari], 'cash', 20_000);
    const head = term.core.db.journal.head()!.seq;
    await until('everything shipped', async () => (await fleetStatus(term)).shippedSeq === head && listener.distinct().length >= head);
    return { prefix, listener, term, head };
  }

  test('a request moves the cursor back and the entries go out again from there', async (t) => {
    const { prefix, listener, term, head } = await shipping(t);
    assert.ok(head >= 4, 'a few entries to resend');
    assert.equal(times(listener, 2), 1, 'seq 2 shipped once so far');

    await publish(broker.url, resendTopic(prefix, 'DEMO01'), request(2));
    await until('seq 2 to the head shipped again', () => {
      for (let s = 2; s <= head; s++) if (times(listener, s) < 2) return false;
      return true;
    });
    assert.equal(times(listener, 1), 1, 'nothing before fromSeq resent');
    await until(
      'the cursor back at the head',
      async () => (await fleetStatus(term)).shippedSeq === head && readCursor(term.core.db).seq === head,
    );
    assertChain(listener.distinct());
    await until('the rewind logged', () => /fleet-resend\b(?!-)/.test(logText(term)));
    assert.equal(
      term.core.db.journal.list(0, 10_000).filter((e) => e.kind.includes('resend')).length,
      0,
      'not journaled (a shipping matter, not a fact of the record)',
    );
  });

  test('a request beyond the cursor or for another terminal changes nothing', async (t) => {
    const { prefix, listener, term, head } = await shipping(t);
    await publish(broker.url, resendTopic(prefix, 'DEMO01'), request(head + 5));
    await publish(broker.url, resendTopic(prefix, 'DEMO01'), request(1, 'OTHER1'));
    await publish(broker.url, resendTopic(prefix, 'DEMO01'), { v: WIRE_VERSION, terminal: 'DEMO01', fromSeq: 0, requestedAt: 'x' });
    await until('each refusal logged', () => {
      const log = logText(term);
      return log.includes('beyond the cursor') && (log.match(/fleet-resend-invalid/g) ?? []).length >= 2;
    });
    // A marker request after them proves they were all handled, and only it resent anything.
    await publish(broker.url, resendTopic(prefix, 'DEMO01'), request(head));
    await until('the marker resent', () => times(listener, head) >= 2);
    for (let s = 1; s < head; s++) assert.equal(times(listener, s), 1, `seq ${s} not resent`);
    assert.equal(readCursor(term.core.db).seq >= head - 1, true);
  });

  test('after a broker SIGKILL and restart the terminal still hears resend requests and configuration', async (t) => {
    const { prefix, listener, term, head } = await shipping(t);
    await broker.kill();
    await until('the terminal sees the broker gone', async () => !(await fleetStatus(term)).connected);
    await broker.start();
    await until('reconnected', async () => (await fleetStatus(term)).connected, 60_000);
    // The listener's own session may have gone with the broker: it resubscribes by itself (clean start).
    const before1 = times(listener, 1);
    await publish(broker.url, resendTopic(prefix, 'DEMO01'), request(1));
    await until('seq 1 shipped again after the restart', () => times(listener, 1) > before1, 60_000);
    await until('the cursor back at the head', async () => (await fleetStatus(term)).shippedSeq === head);
    const version: ConfigVersion = {
      v: WIRE_VERSION,
      version: 3,
      issuedAt: new Date().toISOString(),
      target: { kind: 'terminal', terminal: 'DEMO01' },
      settings: { fees: { kind: 'flat', cents: 275 } },
    };
    await publish(broker.url, configTopic(prefix, version.target), version, true);
    await until('the configuration received and applied', async () => (await fleetStatus(term)).configVersion === 3);
  });
});
