// kiosk.cardCheck: what the screens follow while a card's outcome is being checked (issue 14). It
// reads the card ledger the journal holds and changes nothing: before a card, nothing; after an
// approval, the card for the receipt (masked) and nothing open; an authorization whose answer never
// came is open, and stays so until the terminal is asked. Real core and simulator; the demo's
// simulated card terminal, and a terminal that never answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeCardTerminalSettings } from '../../../main/services/kiosk/settings';
import { QR_TARI, start, value } from './harness';
import type { Started } from './harness';

async function activated(s: Started): Promise<string> {
  const session = value(await s.api.call('session.start', { kind: 'kiosk' }));
  value(await s.api.call('session.addNotice', { sessionId: session.id, text: QR_TARI }));
  assert.equal(value(await s.api.call('session.activate', { sessionId: session.id })).status, 'activated');
  return session.id;
}

test('before a card nothing; after an approval the masked card, nothing open; the journal unchanged by asking', async (t) => {
  const s = await start(t);
  writeCardTerminalSettings(s.core.db, { kind: 'simulated', script: 'approve', stepMs: 0, cardWaitMs: 0 });
  const id = await activated(s);
  assert.deepEqual(value(await s.api.call('kiosk.cardCheck', { sessionId: id })), { phase: 'none', open: false, card: null });

  const paid = value(await s.api.call('kiosk.payByCard', { sessionId: id }));
  assert.equal(paid.result, 'approved');
  const entries = s.core.db.journal.list(0, 10_000).length;
  const check = value(await s.api.call('kiosk.cardCheck', { sessionId: id }));
  assert.equal(check.phase, 'approved');
  assert.equal(check.open, false);
  assert.equal(check.card?.authCode, paid.authCode);
  assert.equal(check.card?.maskedPan, paid.maskedPan);
  assert.match(check.card?.maskedPan ?? '', /^[*\s]*\d{4}$/, 'only the last four digits');
  assert.equal(s.core.db.journal.list(0, 10_000).length, entries, 'asking writes nothing');
});

test('an authorization whose answer never came is open: the session is held, a cancel refused', async (t) => {
  const s = await start(t);
  writeCardTerminalSettings(s.core.db, { kind: 'simulated', script: 'approve', stepMs: 0, cardWaitMs: 0 });
  const id = await activated(s);
  // The intent as payByCard journals it before asking the terminal, with no answer after it: a kill
  // between the two (test/integration/card/exactly-once.test.ts makes that kill for real).
  s.core.db.journal.append('card-authorization-started', { amountCents: 12150, device: 'sim-card-1' }, id);
  const check = value(await s.api.call('kiosk.cardCheck', { sessionId: id }));
  assert.deepEqual(check, { phase: 'authorizing', open: true, card: null });
  const cancel = await s.api.call('session.cancel', { sessionId: id });
  assert.equal(cancel.ok, false);
  assert.equal(cancel.ok ? null : cancel.error.code, 'CARD_AUTHORIZATION_OPEN');
});
