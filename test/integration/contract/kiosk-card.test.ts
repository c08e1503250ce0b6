// A kiosk card payment through the contract against a real core and simulator: the simulated card
// terminal authorizes what the core quotes, only an approval becomes a tender, and a decline or a
// cancel leave the session activated for a retry or a cancel (KO).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { payByCard } from '../../../main/services/kiosk/card-payment';
import { resolveOpenCards } from '../../../main/services/card/recovery';
import { writeCardTerminalSettings } from '../../../main/services/kiosk/settings';
import type { Approval, AuthorizationResult, TenderDevice } from '../../../drivers/tender';
import { error, QR_TARI, start, value } from './harness';
import type { Started } from './harness';

async function activated(s: Started): Promise<string> {
  const session = value(await s.api.call('session.start', { kind: 'kiosk' }));
  value(await s.api.call('session.addNotice', { sessionId: session.id, text: QR_TARI }));
  const a = value(await s.api.call('session.activate', { sessionId: session.id }));
  assert.equal(a.status, 'activated');
  return session.id;
}

function simulated(s: Started, script: string, cardWaitMs = 0): void {
  writeCardTerminalSettings(s.core.db, { kind: 'simulated', script, stepMs: 0, cardWaitMs });
}

const outboxOf = (s: Started, sessionId: string) => s.core.db.outbox.list({ sessionId }).map((m) => m.outcome);
const journalKinds = (s: Started, sessionId: string) =>
  s.core.db.journal
    .list(0, 1000)
    .filter((e) => e.sessionId === sessionId)
    .map((e) => e.kind);

describe('kiosk card payment', { timeout: 60_000 }, () => {
  test('settings: the demo has the simulated terminal ready and a warning of at least 20 s', async (t) => {
    const s = await start(t);
    const k = value(await s.api.call('kiosk.settings', {}));
    assert.equal(k.demo, true);
    assert.equal(k.cardTerminal, 'ready');
    assert.ok(k.warningSeconds >= 20);
    assert.equal(value(await s.api.call('kiosk.cardStatus', {})).state, 'ready');
  });

  test('approved: the card is charged what the core quoted (fee included) and the session is tendered as card', async (t) => {
    const s = await start(t);
    simulated(s, 'approve');
    const id = await activated(s);
    const quote = value(await s.api.call('session.quote', { sessionId: id, method: 'card' }));
    assert.equal(quote.dueCents, 12000 + 150, 'demo fee: flat 1.50');
    const r = value(await s.api.call('kiosk.payByCard', { sessionId: id }));
    assert.equal(r.result, 'approved');
    assert.match(r.authCode ?? '', /^\d{6}$/);
    assert.equal(r.session.tender?.method, 'card');
    assert.equal(r.session.tender?.dueCents, quote.dueCents);
    assert.deepEqual(outboxOf(s, id), ['OK']);
    const auth = s.core.db.journal.list(0, 1000).find((e) => e.kind === 'card-authorization' && e.sessionId === id);
    assert.deepEqual(
      { ...(auth?.payload as object) },
      {
        outcome: 'approved',
        amountCents: quote.dueCents,
        device: 'sim-card-1',
        authCode: r.authCode,
        transactionId: 'sim-card-1-000001',
        cardBrand: 'VISA',
        maskedPan: r.maskedPan,
      },
    );
  });

  test('declined: nothing is tendered, the session stays activated, and a retry can be approved', async (t) => {
    const s = await start(t);
    simulated(s, 'decline:insufficient-funds,approve');
    const id = await activated(s);
    const first = value(await s.api.call('kiosk.payByCard', { sessionId: id }));
    assert.deepEqual(
      [first.result, first.reason, first.session.status, first.session.tender],
      ['declined', 'insufficient-funds', 'activated', null],
    );
    assert.deepEqual(outboxOf(s, id), [], 'no outcome before money');
    const second = value(await s.api.call('kiosk.payByCard', { sessionId: id }));
    assert.equal(second.result, 'approved');
    assert.deepEqual(outboxOf(s, id), ['OK']);
  });

  test('cancel while the terminal waits for the card, then cancel the session: a KO goes out', async (t) => {
    const s = await start(t);
    simulated(s, 'timeout', 60_000);
    const id = await activated(s);
    const paying = s.api.call('kiosk.payByCard', { sessionId: id });
    for (let i = 0; i < 200 && value(await s.api.call('kiosk.cardStatus', {})).state !== 'present-card'; i++)
      await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(value(await s.api.call('kiosk.cancelCard', { sessionId: 'someone-else' })), { cancelled: false });
    assert.deepEqual(value(await s.api.call('kiosk.cancelCard', { sessionId: id })), { cancelled: true });
    const r = value(await paying);
    assert.deepEqual([r.result, r.session.status], ['cancelled', 'activated']);
    const cancelled = value(await s.api.call('session.cancel', { sessionId: id }));
    assert.notEqual(cancelled.status, 'activated');
    assert.deepEqual(outboxOf(s, id), ['KO']);
  });

  test('refused before the terminal: a session not activated, or no terminal configured', async (t) => {
    const s = await start(t);
    const cart = value(await s.api.call('session.start', { kind: 'kiosk' }));
    assert.equal(error(await s.api.call('kiosk.payByCard', { sessionId: cart.id })).code, 'CARD_PAYMENT_NOT_ALLOWED');
    writeCardTerminalSettings(s.core.db, { kind: 'none' });
    const id = await activated(s);
    const r = value(await s.api.call('kiosk.payByCard', { sessionId: id }));
    assert.deepEqual([r.result, r.reason, r.session.status], ['unavailable', 'not-configured', 'activated']);
    assert.equal(value(await s.api.call('kiosk.settings', {})).cardTerminal, 'not-configured');
  });

  // A hand-made device: the race (session closed while the card is being read) cannot be timed
  // reliably with the simulated terminal, so this device closes the session itself before approving.
  // A cancel is refused while the card is asked (CARD_AUTHORIZATION_OPEN); a token's lapse is not.
  function racingDevice(s: Started, voidWorks: boolean | 'refused'): TenderDevice & { voided: Approval[] } {
    const voided: Approval[] = [];
    return {
      id: 'race',
      name: 'race',
      kind: 'card-terminal',
      voided,
      status: () => ({ state: 'ready', reference: null }),
      async authorize(amountCents, reference): Promise<AuthorizationResult> {
        assert.equal(error(await s.api.call('session.cancel', { sessionId: reference })).code, 'CARD_AUTHORIZATION_OPEN');
        await s.core.engine.apply(reference, { type: 'token-expired', noticeId: s.core.engine.get(reference).notices[0]!.id });
        return {
          outcome: 'approved',
          reference,
          amountCents,
          authCode: '123456',
          transactionId: 'race-1',
          cardBrand: 'VISA',
          maskedPan: '**** 0019',
        };
      },
      cancel: async () => false,
      async void(a) {
        if (voidWorks !== true) return { voided: false, reason: voidWorks === 'refused' ? 'refused' : 'offline' };
        voided.push(a);
        return { voided: true };
      },
      onStatus: () => () => undefined,
      close: async () => undefined,
    };
  }

  test('an approval the engine cannot tender is voided: the citizen is not charged', async (t) => {
    const s = await start(t);
    const id = await activated(s);
    const device = racingDevice(s, true);
    const r = await payByCard(s.core, device, id);
    assert.equal(r.result, 'reversed');
    assert.equal(r.reason, 'CARD_PAYMENT_NOT_ALLOWED');
    assert.deepEqual(
      device.voided.map((a) => a.transactionId),
      ['race-1'],
    );
    assert.equal(r.session.tender, null);
    assert.deepEqual(outboxOf(s, id), ['KO'], "only the lapse's KO");
    assert.ok(journalKinds(s, id).includes('card-void'));
  });

  test('an approval that can be neither tendered nor voided is CARD_NOT_REVERSED, journaled for a refund', async (t) => {
    const s = await start(t);
    const id = await activated(s);
    await assert.rejects(payByCard(s.core, racingDevice(s, 'refused'), id), { code: 'CARD_NOT_REVERSED' });
    const entries = s.core.db.journal.bySession(id);
    assert.deepEqual(
      { ...(entries.find((e) => e.kind === 'card-void')?.payload as object) },
      { transactionId: 'race-1', voided: false, refusal: 'CARD_PAYMENT_NOT_ALLOWED', failure: 'refused' },
    );
    assert.deepEqual(
      { ...(entries.find((e) => e.kind === 'card-refund-case')?.payload as object) },
      {
        transactionId: 'race-1',
        reason: 'reversal refused',
      },
    );
  });

  test('a reversal the terminal cannot take now (offline) is pending, not a refund case: the kiosk hears unknown', async (t) => {
    const s = await start(t);
    const id = await activated(s);
    const r = await payByCard(s.core, racingDevice(s, false), id);
    assert.deepEqual([r.result, r.reason], ['unknown', 'reversal-pending']);
    assert.ok(!journalKinds(s, id).includes('card-refund-case'));
    assert.equal(s.core.engine.cardHeld(id), true, 'the approval is still owed a reversal');
    const later = racingDevice(s, true);
    assert.equal(await resolveOpenCards(s.core, later), 0, 'the next pass reverses it');
    assert.deepEqual(
      later.voided.map((a) => a.transactionId),
      ['race-1'],
    );
    assert.equal(s.core.engine.cardHeld(id), false);
  });
});
