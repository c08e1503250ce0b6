// Issue 14 part 3, the app side: the nexo card terminal reached through the contract, against a real
// core, the node simulator and the nexo simulator (real HTTP, real envelopes). A counter pays by card
// through it (the certificate prints the terminal's brand, auth code and acquirer reference), a
// kiosk too; the technician stores the key (write-only) and runs the test transaction.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startNexoSimulator, type NexoSimulator } from '../../../sim/nexo/server';
import { CARD_SECRET_FILE } from '../../../main/services/kiosk/card-secret';
import type { NexoTerminalSettings } from '../../../main/services/kiosk/settings';
import { QR_CANTEEN, QR_TARI, start, value } from './harness';
import type { Started } from './harness';

type T = { after(fn: () => unknown): void };

async function nexoSim(t: T): Promise<NexoSimulator> {
  const sim = await startNexoSimulator({ port: 0 });
  t.after(() => sim.close());
  return sim;
}

function settingsFor(sim: NexoSimulator): NexoTerminalSettings {
  return {
    kind: 'nexo',
    url: sim.url,
    poiId: sim.poiId,
    saleId: 'sportello-test',
    keyIdentifier: sim.key.keyIdentifier,
    keyVersion: sim.key.keyVersion,
    insecureLoopback: true,
  };
}

/** The technician's steps: the settings (through chooseDevices, as the screen saves them), then the key. */
async function configure(s: Started, sim: NexoSimulator, passphrase = sim.key.passphrase): Promise<void> {
  const choice = value(await s.api.call('technician.devices', {})).choice;
  value(
    await s.api.call('technician.chooseDevices', {
      printer: choice.printer,
      paper: choice.paper,
      scanner: choice.scanner,
      cardTerminal: settingsFor(sim),
    }),
  );
  value(await s.api.call('technician.setCardTerminalKey', { passphrase }));
}

async function activated(s: Started, kind: 'counter' | 'kiosk', text = QR_TARI): Promise<string> {
  const session = value(await s.api.call('session.start', { kind }));
  value(await s.api.call('session.addNotice', { sessionId: session.id, text }));
  assert.equal(value(await s.api.call('session.activate', { sessionId: session.id })).status, 'activated');
  return session.id;
}

describe('nexo card terminal in the app', { timeout: 90_000 }, () => {
  test('a demo counter without a chosen terminal keeps the manual card tender', async (t) => {
    const s = await start(t);
    assert.deepEqual(value(await s.api.call('counter.cardTerminal', {})), { configured: false, state: 'not-configured' });
    const id = await activated(s, 'counter');
    const r = value(await s.api.call('counter.payByCard', { sessionId: id }));
    assert.deepEqual([r.result, r.reason, r.session.status], ['unavailable', 'not-configured', 'activated']);
  });

  test('counter: approved through the terminal, tendered as card, the certificate prints brand, auth code and acquirer reference', async (t) => {
    const s = await start(t);
    const sim = await nexoSim(t);
    await configure(s, sim);
    assert.deepEqual(value(await s.api.call('counter.cardTerminal', {})), { configured: true, state: 'ready' });
    const id = await activated(s, 'counter');
    const due = value(await s.api.call('session.quote', { sessionId: id, method: 'card' })).dueCents;
    const r = value(await s.api.call('counter.payByCard', { sessionId: id }));
    assert.equal(r.result, 'approved');
    assert.equal(r.session.tender?.method, 'card');
    assert.equal(r.session.tender?.dueCents, due);
    const tx = sim.transactions().find((x) => x.reference === id);
    assert.ok(tx, 'the terminal saw the session as its SaleTransactionID');
    const auth = s.core.db.journal
      .bySession(id)
      .find((e) => e.kind === 'card-authorization' && (e.payload as { outcome?: string }).outcome === 'approved');
    const p = auth?.payload as Record<string, string>;
    assert.equal(p.authCode, r.authCode);
    assert.match(p.acquirerReference ?? '', /^\d{16}$/);
    const svg = value(await s.api.call('certificate.preview', { sessionId: id })).svg;
    for (const text of [r.authCode!, r.cardBrand!, p.acquirerReference!, '9999'])
      assert.ok(svg.includes(text), `${text} on the certificate`);
  });

  test('counter: a decline leaves the session activated; a kiosk session is refused on the counter call', async (t) => {
    const s = await start(t);
    const sim = await nexoSim(t);
    await configure(s, sim);
    sim.script('decline:insufficient-funds');
    const id = await activated(s, 'counter');
    const r = value(await s.api.call('counter.payByCard', { sessionId: id }));
    assert.deepEqual([r.result, r.reason, r.session.status, r.session.tender], ['declined', 'insufficient-funds', 'activated', null]);
    const kioskId = await activated(s, 'kiosk', QR_CANTEEN);
    const refused = await s.api.call('counter.payByCard', { sessionId: kioskId });
    assert.equal(refused.ok ? 'ok' : refused.error.code, 'CARD_PAYMENT_NOT_ALLOWED');
  });

  test('counter: the operator cancels while the terminal waits for the card (AbortRequest)', async (t) => {
    const s = await start(t);
    const sim = await nexoSim(t);
    await configure(s, sim);
    sim.script('hold');
    const id = await activated(s, 'counter');
    const paying = s.api.call('counter.payByCard', { sessionId: id });
    await sim.waitFor(id, 'waiting-card');
    assert.ok(value(await s.api.call('counter.cancelCard', { sessionId: id })).cancelled, 'the terminal took the abort');
    const r = value(await paying);
    assert.deepEqual([r.result, r.session.status], ['cancelled', 'activated']);
  });

  test('kiosk: approved through the nexo terminal', async (t) => {
    const s = await start(t);
    const sim = await nexoSim(t);
    await configure(s, sim);
    const id = await activated(s, 'kiosk');
    const r = value(await s.api.call('kiosk.payByCard', { sessionId: id }));
    assert.equal(r.result, 'approved');
    assert.equal(r.session.tender?.method, 'card');
  });

  test('technician: the test transaction is approved and reversed; a wrong passphrase is a wrong key; an offline terminal is offline', async (t) => {
    const s = await start(t);
    const sim = await nexoSim(t);
    await configure(s, sim);
    const ok = value(await s.api.call('technician.testCardTerminal', {}));
    assert.deepEqual([ok.result, ok.amountCents, ok.reversed], ['approved', 1, true]);
    assert.ok(
      sim.transactions().some((x) => x.reference.startsWith('test-') && x.reversed),
      'reversed at the terminal',
    );
    sim.setOffline(true);
    assert.equal(value(await s.api.call('technician.testCardTerminal', {})).result, 'offline');
    sim.setOffline(false);
    value(await s.api.call('technician.setCardTerminalKey', { passphrase: 'not-the-terminal-passphrase' }));
    assert.equal(value(await s.api.call('technician.testCardTerminal', {})).result, 'wrong-key');
    const tests = s.core.db.journal.list(0, 1000).filter((e) => e.kind === 'card-terminal-test');
    assert.deepEqual(
      tests.map((e) => (e.payload as { result: string }).result),
      ['approved', 'offline', 'wrong-key'],
    );
  });

  test('the passphrase is never answered by a call, nor in the settings table, the log or the diagnostics bundle', async (t) => {
    const s = await start(t);
    const sim = await nexoSim(t);
    const passphrase = 'a-Distinctive-Passphrase-42';
    await configure(s, sim, passphrase);
    value(await s.api.call('technician.testCardTerminal', {}));
    const answers = [
      await s.api.call('technician.devices', {}),
      await s.api.call('technician.diagnostics', {}),
      await s.api.call('counter.cardTerminal', {}),
      await s.api.call('kiosk.settings', {}),
      await s.api.call('config.get', {}),
      await s.api.call('journal.list', {}),
    ];
    for (const a of answers) assert.ok(!JSON.stringify(a).includes(passphrase), JSON.stringify(a).slice(0, 120));
    assert.equal(value(await s.api.call('technician.devices', {})).cardTerminal.keyStored, true);
    assert.ok(!JSON.stringify(s.core.db.settings.get('kiosk.cardTerminal')).includes(passphrase));
    // Where it is kept without an OS keyring: its own file, this user's only.
    const file = join(s.dir, CARD_SECRET_FILE);
    assert.equal(readFileSync(file, 'utf8'), passphrase);
    assert.equal(statSync(file).mode & 0o077, 0);
    const logs = join(s.dir, 'logs');
    for (const f of readdirSync(logs)) assert.ok(!readFileSync(join(logs, f), 'utf8').includes(passphrase), `${f} holds no passphrase`);
  });
});
