// Technician mode through the contract against a real core: the PIN is checked in the core with a
// lock-out that survives a restart, every other call needs the unlock's token, settings reach the
// configuration file with secrets write-only, and the connectivity test says what failed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { manualClock } from '../../../main/engine/clock';
import { loadConfig } from '../../../main/config';
import { testNode } from '../../../main/services/technician/node-test';
import { error, QR_TARI, start, value } from './harness';
import type { Started } from './harness';
import { tempDir } from '../../support/tmp';

const DEMO_PIN = '246810';

async function unlock(s: Started, pin = DEMO_PIN): Promise<string> {
  return value(await s.api.call('technician.unlock', { pin })).auth;
}

describe('technician PIN', { timeout: 60_000 }, () => {
  test('demo mode shows the documented default PIN until it is changed', async (t) => {
    const s = await start(t);
    const st = value(await s.api.call('technician.pinStatus', {}));
    assert.deepEqual(st, {
      locked: false,
      lockedUntilMs: null,
      failures: 0,
      maxFailures: 5,
      lockMinutes: 5,
      defaultPinInUse: true,
      demoPin: DEMO_PIN,
    });
    const auth = await unlock(s);
    assert.equal(error(await s.api.call('technician.changePin', { currentPin: DEMO_PIN, newPin: '12' }, { auth })).code, 'PIN_INVALID');
    assert.equal(error(await s.api.call('technician.changePin', { currentPin: '000000', newPin: '97531' }, { auth })).code, 'PIN_WRONG');
    value(await s.api.call('technician.changePin', { currentPin: DEMO_PIN, newPin: '97531' }, { auth }));
    const after = value(await s.api.call('technician.pinStatus', {}));
    assert.deepEqual([after.defaultPinInUse, after.demoPin], [false, null]);
    assert.equal(error(await s.api.call('technician.unlock', { pin: DEMO_PIN })).code, 'PIN_WRONG');
    await unlock(s, '97531');
    // Only the hash is stored.
    const stored = JSON.stringify(s.core.db.settings.get('technician.pin'));
    assert.ok(!stored.includes('97531'));
    assert.match(stored, /"scheme":"scrypt"/);
  });

  test('five wrong PINs lock it out, even for the right PIN, across a restart, until the lock runs out', async (t) => {
    const dir = tempDir(t);
    const clock = manualClock({ wallMs: Date.now(), monoMs: 1_000 });
    const first = await start(t, { dir, core: { clock } });
    for (let left = 4; left >= 1; left--) {
      const e = error(await first.api.call('technician.unlock', { pin: '111111' }));
      assert.deepEqual([e.code, e.details?.attemptsLeft], ['PIN_WRONG', left]);
    }
    const locked = error(await first.api.call('technician.unlock', { pin: '111111' }));
    assert.equal(locked.code, 'PIN_LOCKED');
    const until = locked.details?.lockedUntilMs as number;
    assert.equal(error(await first.api.call('technician.unlock', { pin: DEMO_PIN })).code, 'PIN_LOCKED');
    assert.deepEqual(
      first.core.db.journal
        .list(0, 100)
        .map((e) => e.kind)
        .filter((k) => k.startsWith('technician')),
      ['technician-pin-wrong', 'technician-pin-wrong', 'technician-pin-wrong', 'technician-pin-wrong', 'technician-locked-out'],
    );
    first.api.close();
    await first.core.close();

    // A restart (a reload of the page, a new core on the same files) does not reset the lock-out.
    const second = await start(t, { dir, core: { clock } });
    const st = value(await second.api.call('technician.pinStatus', {}));
    assert.deepEqual([st.locked, st.lockedUntilMs], [true, until]);
    assert.equal(error(await second.api.call('technician.unlock', { pin: DEMO_PIN })).code, 'PIN_LOCKED');
    clock.advance(5 * 60_000);
    assert.equal(value(await second.api.call('technician.pinStatus', {})).locked, false);
    await unlock(second);
  });

  test('guesses fired at once are all counted', async (t) => {
    const s = await start(t);
    const results = await Promise.all(Array.from({ length: 8 }, () => s.api.call('technician.unlock', { pin: '999999' })));
    const codes = results.map((r) => error(r).code);
    assert.deepEqual(codes, ['PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'PIN_LOCKED', 'PIN_LOCKED', 'PIN_LOCKED', 'PIN_LOCKED']);
  });

  test('every other call needs a current token; lock ends it', async (t) => {
    const s = await start(t);
    assert.equal(error(await s.api.call('technician.devices', {}, { auth: 'made-up' })).code, 'TECHNICIAN_LOCKED');
    assert.equal(error(await s.api.call('technician.devices', {}, { auth: null })).code, 'TECHNICIAN_LOCKED');
    const auth = await unlock(s);
    value(await s.api.call('technician.devices', {}, { auth }));
    value(await s.api.call('technician.lock', {}, { auth }));
    assert.equal(error(await s.api.call('technician.diagnostics', {}, { auth })).code, 'TECHNICIAN_LOCKED');
  });
});

describe('technician settings and tests', { timeout: 90_000 }, () => {
  test('save writes the configuration file (0600), keeps a secret left empty, replaces one given', async (t) => {
    const s = await start(t);
    const auth = await unlock(s);
    const node = s.core.config.node;
    const edit = {
      endpoint: node.endpoint,
      idPSP: node.idPSP,
      idBrokerPSP: node.idBrokerPSP,
      idChannel: node.idChannel,
      pspFiscalCode: node.pspFiscalCode,
      pspName: 'Tabaccheria Rossi',
      password: '',
      subscriptionKey: 'new-subscription-key',
    };
    const terminal = { id: 'KIOSK07', kind: 'kiosk' as const, locale: 'de' as const, strictCheckDigit: true, kioskAbandonSeconds: 120 };
    // Configuring the terminal ends the default PIN: a new one first.
    assert.equal(
      error(await s.api.call('technician.saveSettings', { node: edit, terminal, fees: { kind: 'none' } }, { auth })).code,
      'PIN_CHANGE_REQUIRED',
    );
    value(await s.api.call('technician.changePin', { currentPin: DEMO_PIN, newPin: '97531' }, { auth }));
    const saved = value(
      await s.api.call('technician.saveSettings', { node: edit, terminal, fees: { kind: 'per-notice', cents: 100 } }, { auth }),
    );
    assert.equal(saved.file, join(s.dir, 'config.json'));
    assert.equal(statSync(saved.file).mode & 0o777, 0o600);
    const loaded = loadConfig({ SPORTELLO_DATA_DIR: s.dir });
    assert.equal(loaded.mode, 'configured');
    if (loaded.mode !== 'configured') return;
    assert.equal(loaded.config.node.password, node.password, 'empty password: kept');
    assert.equal(loaded.config.node.subscriptionKey, 'new-subscription-key');
    assert.equal(loaded.config.node.pspName, 'Tabaccheria Rossi');
    assert.deepEqual(loaded.config.terminal, terminal);
    assert.deepEqual(loaded.config.fees, { kind: 'per-notice', cents: 100 });
    // Nothing of it came back through the contract, and the journal names fields, not values.
    assert.ok(!JSON.stringify(saved).includes('new-subscription-key'));
    const entry = s.core.db.journal.list(0, 100).find((e) => e.kind === 'settings-saved');
    assert.deepEqual(entry?.payload, { nodeFields: ['subscriptionKey', 'pspName'], terminalId: 'KIOSK07', fees: 'per-notice' });
    // A bad edit is refused naming the field, and the file stays as it was.
    const before = readFileSync(saved.file, 'utf8');
    const bad = error(
      await s.api.call('technician.saveSettings', { node: { ...edit, password: 'short' }, terminal, fees: { kind: 'none' } }, { auth }),
    );
    assert.deepEqual([bad.code, bad.details?.field], ['SETTINGS_INVALID', 'node.password']);
    assert.ok(!JSON.stringify(bad).includes('short'), 'a refused secret is not echoed');
    assert.equal(readFileSync(saved.file, 'utf8'), before);
  });

  test('connectivity: ok with the running settings; each failure named exactly', async (t) => {
    const s = await start(t);
    const auth = await unlock(s);
    const n = s.core.config.node;
    const edit = {
      endpoint: n.endpoint,
      idPSP: n.idPSP,
      idBrokerPSP: n.idBrokerPSP,
      idChannel: n.idChannel,
      pspFiscalCode: n.pspFiscalCode,
      pspName: n.pspName,
    };
    const ok = value(await s.api.call('technician.testNode', {}, { auth }));
    assert.deepEqual([ok.ok, ok.failure], [true, null]);

    const wrongPassword = value(await s.api.call('technician.testNode', { node: { ...edit, password: 'Wrong-Pass1' } }, { auth }));
    assert.deepEqual([wrongPassword.failure?.kind, wrongPassword.failure?.faultCode], ['fault', 'PPT_AUTENTICAZIONE']);
    assert.equal(wrongPassword.failure?.messageKey, 'faults.PPT_AUTENTICAZIONE');

    const wrongKey = value(await s.api.call('technician.testNode', { node: { ...edit, subscriptionKey: 'not-the-key' } }, { auth }));
    assert.deepEqual([wrongKey.failure?.kind, wrongKey.failure?.httpStatus], ['http', 401]);

    // A port nothing listens on: take one, close it.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const refused = value(
      await s.api.call('technician.testNode', { node: { ...edit, endpoint: `http://127.0.0.1:${port}/nodo` } }, { auth }),
    );
    assert.equal(refused.failure?.kind, 'refused');

    const dns = value(
      await s.api.call('technician.testNode', { node: { ...edit, endpoint: 'http://sportello-node.invalid/nodo' } }, { auth }),
    );
    assert.equal(dns.failure?.kind, 'dns');
    assert.equal(dns.endpoint, 'http://sportello-node.invalid/nodo');
  });

  test('connectivity: a node that takes the request and never answers is a timeout', async (t) => {
    const s = await start(t);
    const silent = createServer((socket) => socket.on('data', () => undefined));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    t.after(() => new Promise((r) => silent.close(r)));
    silent.on('connection', (c) => t.after(() => c.destroy()));
    const port = (silent.address() as AddressInfo).port;
    const r = await testNode({ ...s.core.config.node, endpoint: `http://127.0.0.1:${port}/nodo` }, Date.now, 300);
    assert.equal(r.failure?.kind, 'timeout');
  });

  test('devices: the wedge is always listed; test scan parses; test print and status on a chosen spool file', async (t) => {
    const s = await start(t);
    const auth = await unlock(s);
    const list = value(await s.api.call('technician.devices', {}, { auth }));
    assert.deepEqual(list.scanners[0], { id: 'wedge', name: 'Keyboard wedge', kind: 'wedge', path: null });
    assert.deepEqual(list.choice, { printer: null, paper: '80mm', scanner: 'wedge' });
    assert.equal(list.cardTerminal.state, 'ready');

    const scan = value(await s.api.call('technician.testScan', { text: QR_TARI }, { auth }));
    assert.deepEqual([scan.kind, scan.noticeNumber, scan.fiscalCode, scan.amountCents], ['qr', '301020250000000129', '77777777777', 12000]);
    const garbage = error(await s.api.call('technician.testScan', { text: 'hello' }, { auth }));
    assert.equal(garbage.code, 'PAYLOAD_INVALID');

    assert.equal(error(await s.api.call('technician.testPrint', {}, { auth })).code, 'PRINTER_NOT_CHOSEN');
    assert.equal(error(await s.api.call('technician.chooseDevices', { printer: 'lpt1' }, { auth })).code, 'PRINTER_TARGET_INVALID');
    // Files only inside the spool directory (default <dataDir>/spool).
    const spool = join(s.dir, 'spool', 'printer.bin');
    const chosen = value(
      await s.api.call(
        'technician.chooseDevices',
        {
          printer: `file:${spool}`,
          paper: '58mm',
          cardTerminal: { kind: 'simulated', script: 'decline,approve', stepMs: 0, cardWaitMs: 0 },
        },
        { auth },
      ),
    );
    assert.deepEqual(chosen.choice, { printer: `file:${spool}`, paper: '58mm', scanner: 'wedge' });
    // The certificate printing reads the same setting.
    assert.deepEqual(s.core.db.settings.get('devices.printer'), { target: `file:${spool}`, paper: '58mm' });
    const printed = value(await s.api.call('technician.testPrint', {}, { auth }));
    assert.ok(printed.bytes > 0);
    assert.equal(statSync(spool).size, printed.bytes);
    assert.ok(readFileSync(spool).includes(Buffer.from('\x1dV'.slice(0, 2), 'latin1')), 'ends with a cut');
    assert.deepEqual(value(await s.api.call('technician.printerStatus', {}, { auth })), {
      target: `file:${spool}`,
      state: 'unknown',
      reason: null,
      paperNearEnd: false,
    });
    assert.equal(
      error(
        await s.api.call(
          'technician.chooseDevices',
          { cardTerminal: { kind: 'simulated', script: 'approve,maybe', stepMs: 0, cardWaitMs: 0 } },
          { auth },
        ),
      ).code,
      'TENDER_REQUEST_INVALID',
    );
  });

  test('kiosk timing is set here and read by the kiosk; a warning under 20 s is refused', async (t) => {
    const s = await start(t);
    const auth = await unlock(s);
    value(await s.api.call('technician.setKioskTiming', { timing: { idleSeconds: 45, warningSeconds: 25 } }, { auth }));
    const k = value(await s.api.call('kiosk.settings', {}));
    assert.deepEqual([k.idleSeconds, k.warningSeconds], [45, 25]);
    assert.equal(
      error(await s.api.call('technician.setKioskTiming', { timing: { idleSeconds: 45, warningSeconds: 19 } }, { auth })).code,
      'REQUEST_INVALID',
    );
  });

  test('diagnostics: one JSON bundle with versions, devices and database checks, and no secret in it', async (t) => {
    const s = await start(t);
    const auth = await unlock(s);
    const d = value(await s.api.call('technician.diagnostics', {}, { auth }));
    assert.match(d.filename, /^sportello-diagnostics-DEMO01-.*\.json$/);
    for (const secret of [s.core.config.node.password, s.core.config.node.subscriptionKey])
      assert.ok(!d.content.includes(secret), 'secret leaked');
    const b = JSON.parse(d.content) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal(b.mode, 'demo');
    assert.equal(b.versions.node, process.versions.node);
    assert.deepEqual(b.database.integrity, ['ok']);
    assert.equal(b.database.journal.ok, true);
    assert.equal(b.devices.scanners[0].id, 'wedge');
    assert.equal(b.config.node.password, '••••••••');
    assert.equal(b.pin.demoPin, undefined);
    assert.ok(Array.isArray(b.journal) && b.journal.some((e: { kind: string }) => e.kind === 'technician-unlocked'));
    // The core's log (main/log; its own tests in test/integration/log): the newest lines, none unavailable.
    assert.equal(existsSync(join(s.dir, 'logs', 'sportello.log')), true);
    assert.equal(b.logs.unavailable, null);
    assert.ok(b.logs.lines.some((l: string) => (JSON.parse(l) as { event: string }).event === 'core-started'));
  });
});
