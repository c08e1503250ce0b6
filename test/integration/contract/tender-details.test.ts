// Issue 13 (counter, tender details): the operator copies the card terminal's authorization code
// (and, if they want, the card's brand and last 4 digits) or the other means' reference; the core
// journals them with the tender and the certificate prints them. A full card number is refused
// before anything happens; the kiosk's card details print from its own journal entry.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeCardTerminalSettings } from '../../../main/services/kiosk/settings';
import { error, QR_CANTEEN, QR_TARI, start, value } from './harness';
import type { Started } from './harness';

async function activated(s: Started, kind: 'counter' | 'kiosk' = 'counter', text = QR_TARI): Promise<string> {
  const session = value(await s.api.call('session.start', { kind }));
  value(await s.api.call('session.addNotice', { sessionId: session.id, text }));
  assert.equal(value(await s.api.call('session.activate', { sessionId: session.id })).status, 'activated');
  return session.id;
}
const svgOf = async (s: Started, sessionId: string) => value(await s.api.call('certificate.preview', { sessionId })).svg;

describe('tender details', { timeout: 60_000 }, () => {
  test('card: journaled as tender-details and printed on the certificate, the card masked', async (t) => {
    const s = await start(t);
    const id = await activated(s);
    const details = { authCode: 'A1B2C3', brand: 'VISA', last4: '1234' };
    const paid = value(await s.api.call('session.tender', { sessionId: id, method: 'card', details }));
    assert.equal(paid.tender?.method, 'card');
    const entry = s.core.db.journal.bySession(id).find((e) => e.kind === 'tender-details');
    assert.deepEqual(entry?.payload, { method: 'card', amountCents: 12150, by: 'local', ...details });
    const svg = await svgOf(s, id);
    for (const text of ['A1B2C3', 'VISA', '**** 1234', 'Codice autorizzazione'])
      assert.ok(svg.includes(text), `${text} on the certificate`);
  });

  test('a full card number is refused, in any field, before the tender', async (t) => {
    const s = await start(t);
    const id = await activated(s);
    for (const details of [
      { reference: '4111111111111111' },
      { reference: 'ref 4111 1111 1111 1111' },
      { authCode: '411111111111' + '1111' },
      { last4: '41111111' },
    ]) {
      const refused = error(await s.api.call('session.tender', { sessionId: id, method: 'card', details } as never));
      assert.equal(refused.code, 'REQUEST_INVALID', JSON.stringify(details));
    }
    assert.equal(
      error(await s.api.call('session.tender', { sessionId: id, method: 'cash', givenCents: 20000, details: { authCode: 'X1' } })).code,
      'REQUEST_INVALID',
    );
    assert.equal(
      error(await s.api.call('session.tender', { sessionId: id, method: 'other', details: { last4: '1234' } })).code,
      'REQUEST_INVALID',
    );
    assert.equal(s.core.engine.get(id).status, 'activated', 'nothing was recorded');
    assert.equal(s.core.db.journal.bySession(id).filter((e) => e.kind === 'tender-details').length, 0);
  });

  test('other: the reference on the certificate; cash: the cash given and the change', async (t) => {
    const s = await start(t);
    const other = await activated(s);
    value(await s.api.call('session.tender', { sessionId: other, method: 'other', details: { reference: 'BON-2025/77' } }));
    assert.ok((await svgOf(s, other)).includes('BON-2025/77'));

    const cash = await activated(s, 'counter', QR_CANTEEN);
    value(await s.api.call('session.tender', { sessionId: cash, method: 'cash', givenCents: 5000 }));
    const svg = await svgOf(s, cash);
    assert.ok(svg.includes('Contanti ricevuti') && svg.includes('50,00'), 'cash given');
    assert.ok(svg.includes('Resto') && svg.includes('€ 3,00'), 'change');
  });

  test("kiosk: the card terminal's brand, masked PAN and authorization code on the receipt", async (t) => {
    const s = await start(t);
    writeCardTerminalSettings(s.core.db, { kind: 'simulated', script: 'approve', stepMs: 0, cardWaitMs: 0 });
    const id = await activated(s, 'kiosk');
    const r = value(await s.api.call('kiosk.payByCard', { sessionId: id }));
    assert.equal(r.result, 'approved');
    const svg = await svgOf(s, id);
    assert.ok(svg.includes(r.authCode!), 'authorization code');
    assert.ok(svg.includes(`**** ${r.maskedPan!.replace(/\D/g, '').slice(-4)}`), 'masked card');
  });
});
