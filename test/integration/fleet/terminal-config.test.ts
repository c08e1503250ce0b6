// Configuration versions from the back office, through a real mosquitto, into a real demo core: a
// version is kept while a payment is open and applied (journaled, reported in status) only when it
// ends; a version this terminal cannot take is refused and journaled with the reason.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import mqtt from 'mqtt';
import { startMosquitto } from '../../support/mosquitto';
import type { Broker } from '../../support/mosquitto';
import { activated, QR, reaches, value } from '../contract/counter-fixture';
import { configTopic, WIRE_VERSION } from '../../../main/fleet/wire';
import type { ConfigVersion } from '../../../main/fleet/wire';
import { enableFleet, fleetSettings, fleetStatus, Listener, startTerminal, uniquePrefix, until } from './terminal-support';

async function publishRetained(url: string, topic: string, message: unknown): Promise<void> {
  const c = await mqtt.connectAsync(url, { protocolVersion: 5, reconnectPeriod: 0 });
  await c.publishAsync(topic, JSON.stringify(message), { qos: 1, retain: true });
  await c.endAsync();
}

const version = (n: number, settings: ConfigVersion['settings'], target: ConfigVersion['target'] = { kind: 'all' }): ConfigVersion => ({
  v: WIRE_VERSION,
  version: n,
  issuedAt: new Date().toISOString(),
  target,
  settings,
});

describe('fleet configuration (terminal side)', { timeout: 120_000 }, () => {
  let broker: Broker;
  before(async () => {
    broker = await startMosquitto();
  });
  after(() => broker.close());

  test('a version waits for the open payment to end, then applies, is journaled and reported', async (t) => {
    const prefix = uniquePrefix();
    const listener = await Listener.open(t, broker.url, prefix, 'DEMO01');
    const term = await startTerminal(t);
    await enableFleet(term, fleetSettings(broker.url, prefix, { group: 'north' }));
    await until('connected', async () => (await fleetStatus(term)).connected);

    // A customer at the counter: tokens held, the fee quoted with the old rule.
    const open = await activated(term.api, [QR.tari]);
    const feeBefore = value(await term.api.call('session.quote', { sessionId: open.id, method: 'card' })).feeCents;
    assert.equal(feeBefore, 150);
    await publishRetained(
      broker.url,
      configTopic(prefix, { kind: 'terminal', terminal: 'DEMO01' }),
      version(7, { fees: { kind: 'flat', cents: 275 }, kiosk: { idleSeconds: 90, abandonSeconds: 240 }, services: ['00301'] }),
    );
    await until('the version received', async () => (await fleetStatus(term)).pendingConfigVersion === 7);
    assert.equal((await fleetStatus(term)).configVersion, null, 'not applied while the payment is open');
    assert.equal(
      value(await term.api.call('session.quote', { sessionId: open.id, method: 'card' })).feeCents,
      150,
      'the customer keeps the fee shown',
    );
    assert.equal(term.core.db.journal.list(0, 10_000).filter((e) => e.kind === 'fleet-config-applied').length, 0);

    const done = reaches(term.api, open.id, ['completed']);
    value(await term.api.call('session.tender', { sessionId: open.id, method: 'card' }));
    await done;
    await until('applied once the payment ended', async () => (await fleetStatus(term)).configVersion === 7);
    const applied = term.core.db.journal.list(0, 10_000).filter((e) => e.kind === 'fleet-config-applied');
    assert.equal(applied.length, 1);
    assert.deepEqual(applied[0]!.payload, {
      version: 7,
      versions: [7],
      keys: ['fees', 'kiosk.idleSeconds', 'kiosk.abandonSeconds', 'services'],
    });

    // In force: the next payment's fee, the kiosk timing and services, the sweeper's abandonment time.
    const next = await activated(term.api, [QR.canteen]);
    assert.equal(value(await term.api.call('session.quote', { sessionId: next.id, method: 'card' })).feeCents, 275);
    assert.equal(value(await term.api.call('kiosk.settings', {})).idleSeconds, 90);
    assert.deepEqual(value(await term.api.call('technician.kioskServices', {})).chosen, ['00301']);
    assert.equal(term.core.config.terminal.kioskAbandonSeconds, 240);
    value(await term.api.call('session.cancel', { sessionId: next.id }));

    // The status on the broker names the version running.
    await until('status with version 7', () => listener.lastStatus()?.detail?.configVersion === 7);

    // After a reconnect (the retained version 7 comes again) an older version and then a newer one
    // on one topic: 7 is not applied twice, 5 is ignored, 8 applies.
    value(await term.api.call('fleet.configure', fleetSettings(broker.url, prefix, { group: 'north' })));
    await until('reconnected', async () => (await fleetStatus(term)).connected);
    await publishRetained(broker.url, configTopic(prefix, { kind: 'all' }), version(5, { fees: { kind: 'none' } }));
    await publishRetained(broker.url, configTopic(prefix, { kind: 'all' }), version(8, { services: ['00302'] }));
    await until('version 8 applied', async () => (await fleetStatus(term)).configVersion === 8);
    assert.deepEqual(
      term.core.db.journal
        .list(0, 10_000)
        .filter((e) => e.kind === 'fleet-config-applied')
        .map((e) => (e.payload as { versions: number[] }).versions),
      [[7], [8]],
    );

    // And across a restart the fee rule stays the version's.
    await term.close();
    const again = await startTerminal(t, { dir: term.dir });
    const s = await activated(again.api, [QR.permit]);
    assert.equal(value(await again.api.call('session.quote', { sessionId: s.id, method: 'card' })).feeCents, 275);
    value(await again.api.call('session.cancel', { sessionId: s.id }));
  });

  test('versions this terminal cannot take are refused and journaled with the reason', async (t) => {
    const prefix = uniquePrefix();
    const term = await startTerminal(t);
    await enableFleet(term, fleetSettings(broker.url, prefix, { group: 'north' }));
    await until('connected', async () => (await fleetStatus(term)).connected);
    const refused = () => term.core.db.journal.list(0, 10_000).filter((e) => e.kind === 'fleet-config-refused');

    // Not a valid version (a negative fee), a node endpoint in demo mode, a kiosk warning too short for WCAG.
    await publishRetained(broker.url, configTopic(prefix, { kind: 'all' }), {
      ...version(20, {}),
      settings: { fees: { kind: 'flat', cents: -5 } },
    });
    await until('the invalid one refused', () => refused().length === 1);
    await publishRetained(
      broker.url,
      configTopic(prefix, { kind: 'group', group: 'north' }),
      version(21, { nodeEndpoint: 'https://node.example/x' }),
    );
    await until('the endpoint refused', () => refused().length === 2);
    await publishRetained(
      broker.url,
      configTopic(prefix, { kind: 'terminal', terminal: 'DEMO01' }),
      version(22, { kiosk: { warningSeconds: 5 } }, { kind: 'terminal', terminal: 'DEMO01' }),
    );
    await until('the short warning refused', () => refused().length === 3);
    const reasons = refused().map((e) => e.payload as { version: number; reason: string });
    assert.deepEqual(
      reasons.map((r) => r.version),
      [20, 21, 22],
    );
    assert.match(reasons[0]!.reason, /^invalid: settings\.fees/);
    assert.match(reasons[1]!.reason, /demo mode/);
    assert.match(reasons[2]!.reason, /warningSeconds/);
    const st = await fleetStatus(term);
    assert.deepEqual([st.configVersion, st.pendingConfigVersion], [null, null]);
    assert.equal(value(await term.api.call('kiosk.settings', {})).warningSeconds, 30, 'nothing changed');
  });
});
