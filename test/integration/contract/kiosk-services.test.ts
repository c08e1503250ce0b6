// The services the kiosk offers, through the contract against a real demo core and its simulator:
// nothing before a catalogue was fetched; the demo's default (every car tax provider) until the
// technician chooses; the choice stored, journaled, in force for kiosk sessions at once; only the
// technician may make it (the gate, as a citizen's screen would call).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ANONYMOUS, ROLE_SETS } from '../../../main/services/access/principal';
import { error, start, value } from './harness';

const CAR_TAX = ['00301', '00302'];
const FISHING = '00201';
const CITIZEN = { ...ANONYMOUS, roles: ROLE_SETS.kiosk };

describe('kiosk services', { timeout: 60_000 }, () => {
  test('no catalogue yet: the kiosk offers nothing; once fetched, the demo offers every car tax provider', async (t) => {
    const s = await start(t);
    const before = value(await s.api.call('catalogue.status', {}));
    if (before.state === 'none') assert.deepEqual(value(await s.api.call('kiosk.services', {})).entries, []);
    value(await s.api.call('catalogue.refresh', {}));
    const offered = value(await s.api.call('kiosk.services', {})).entries;
    assert.deepEqual(offered.map((e) => e.idSoggettoServizio).sort(), CAR_TAX);
    assert.ok(offered.every((e) => e.xsdRiferimento.includes('TassaAutomobilistica')));
    const settings = value(await s.api.call('technician.kioskServices', {}));
    assert.deepEqual([settings.chosen, [...settings.offered].sort()], [null, CAR_TAX]);
  });

  test("the technician's choice: stored, journaled, offered at once, refused for what it leaves out", async (t) => {
    const s = await start(t);
    value(await s.api.call('catalogue.refresh', {}));
    const set = value(await s.api.call('technician.setKioskServices', { idSoggettoServizio: [FISHING, FISHING, '99999'] }));
    // Duplicates dropped; a provider the catalogue lacks is kept (a later refresh may bring it) but not offered.
    assert.deepEqual(set, { chosen: [FISHING, '99999'], offered: [FISHING] });
    assert.deepEqual(
      value(await s.api.call('kiosk.services', {})).entries.map((e) => e.idSoggettoServizio),
      [FISHING],
    );
    const entry = s.core.db.journal
      .list(0, 10_000)
      .filter((e) => e.kind === 'kiosk-services-set')
      .at(-1);
    assert.deepEqual(entry?.payload, { idSoggettoServizio: [FISHING, '99999'], before: null });

    // A kiosk session may no longer demand the car tax: refused before anything is sent.
    const session = value(await s.api.call('session.start', { kind: 'kiosk' }));
    const refused = error(
      await s.api.call('session.addService', {
        sessionId: session.id,
        idSoggettoServizio: '00301',
        values: { 'veicoloConTarga/tipoVeicoloTarga': '1', 'veicoloConTarga/veicoloTarga': 'AB123CD' },
      }),
    );
    assert.equal(refused.code, 'SERVICE_NOT_ENABLED');
    assert.equal(value(await s.api.call('session.get', { sessionId: session.id })).notices.length, 0);

    // None at all: the kiosk offers nothing (its screen then shows no service button).
    assert.deepEqual(value(await s.api.call('technician.setKioskServices', { idSoggettoServizio: [] })), { chosen: [], offered: [] });
    assert.deepEqual(value(await s.api.call('kiosk.services', {})).entries, []);
  });

  test('a citizen reads what is offered but cannot choose it', async (t) => {
    const s = await start(t);
    value(await s.api.call('catalogue.refresh', {}));
    const offered = value(await s.api.dispatchAs('kiosk.services', {}, CITIZEN)) as { entries: unknown[] };
    assert.equal(offered.entries.length, 2);
    const read = await s.api.dispatchAs('technician.kioskServices', {}, CITIZEN);
    const set = await s.api.dispatchAs('technician.setKioskServices', { idSoggettoServizio: ['00301'] }, CITIZEN);
    for (const r of [read, set]) assert.ok(!r.ok && ['ROLE_REQUIRED', 'TECHNICIAN_LOCKED'].includes(r.error.code), JSON.stringify(r));
    assert.equal(value(await s.api.call('technician.kioskServices', {})).chosen, null, 'nothing stored');
  });
});
