// Item 10: the operator was a free-text code; now an account with a PIN (hashed, locked out like the
// technician's), managed by a technician or a supervisor. A supervisor closes another operator's
// shift, signs off cash differences and reprints beyond the first duplicate. Payments, shifts and
// decisions are journaled with the authenticated operator.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PRINTER_SETTING } from '../../../main/services/printer/setting';
import type { ContractClient } from '../../../main/contract';
import { reaches } from '../contract/counter-fixture';
import { configured, error, start, value } from './harness';
import type { Started } from './harness';

const QR_TARI = 'PAGOPA|002|301020250000000129|77777777777|12000';

async function account(s: Started, id: string, role: 'operator' | 'supervisor', pin: string): Promise<ContractClient> {
  value(await s.api.call('operator.save', { id, name: id, role, pin }));
  return s.api.as(value(await s.api.call('operator.login', { operatorId: id, pin })).auth);
}

describe('issue 11 item 10: operator accounts', { timeout: 90_000 }, () => {
  test('a configured terminal knows only the accounts made for it; PINs are hashed and locked out after five failures', async (t) => {
    const s = await start(t, { config: configured() });
    // any name used to be accepted
    assert.equal(error(await s.api.call('operator.login', { operatorId: 'anyone', pin: '1111' })).code, 'PIN_WRONG');
    value(await s.api.call('operator.save', { id: 'mrossi', name: 'Mario Rossi', role: 'operator', pin: '2468' }));
    const stored = JSON.stringify(s.core.db.settings.get('operators.accounts'));
    assert.ok(!stored.includes('2468') && stored.includes('"scheme":"scrypt"'), 'only the hash is stored');
    for (let left = 4; left >= 1; left--) {
      const e = error(await s.api.call('operator.login', { operatorId: 'mrossi', pin: '0000' }));
      assert.deepEqual([e.code, e.details?.attemptsLeft], ['PIN_WRONG', left]);
    }
    assert.equal(error(await s.api.call('operator.login', { operatorId: 'mrossi', pin: '0000' })).code, 'PIN_LOCKED');
    assert.equal(error(await s.api.call('operator.login', { operatorId: 'mrossi', pin: '2468' })).code, 'PIN_LOCKED');
    assert.equal(value(await s.api.call('operator.list', {})).operators[0]?.locked, true);
    // a new PIN from the technician ends the lock-out; a disabled account cannot sign in and its tokens stop
    value(await s.api.call('operator.save', { id: 'mrossi', name: 'Mario Rossi', role: 'operator', pin: '1357' }));
    const op = s.api.as(value(await s.api.call('operator.login', { operatorId: 'mrossi', pin: '1357' })).auth);
    value(await op.call('shift.current', {}));
    value(await s.api.call('operator.save', { id: 'mrossi', name: 'Mario Rossi', role: 'operator', disabled: true }));
    assert.equal(error(await op.call('shift.open', { floatCents: 0 })).code, 'ROLE_REQUIRED');
    assert.equal(error(await s.api.call('operator.login', { operatorId: 'mrossi', pin: '1357' })).code, 'PIN_WRONG');
  });

  test('a supervisor manages operators but not supervisors; an operator manages nobody', async (t) => {
    const s = await start(t, { config: configured() });
    const sup = await account(s, 'capo', 'supervisor', '9753');
    const op = await account(s, 'mrossi', 'operator', '2468');
    value(await sup.call('operator.save', { id: 'lbianchi', name: 'Laura Bianchi', role: 'operator', pin: '8642' }));
    assert.equal(
      error(await sup.call('operator.save', { id: 'boss2', name: 'Boss', role: 'supervisor', pin: '8642' })).code,
      'OPERATOR_ROLE_FORBIDDEN',
    );
    assert.equal(error(await op.call('operator.save', { id: 'x', name: 'x', role: 'operator', pin: '8642' })).code, 'ROLE_REQUIRED');
    assert.equal(error(await op.call('operator.list', {})).code, 'ROLE_REQUIRED');
  });

  test("shifts: the drawer is the signed-in operator's; another's shift and a cash difference need a supervisor; the journal names who", async (t) => {
    const s = await start(t);
    const a = await account(s, 'mrossi', 'operator', '2468');
    const b = await account(s, 'lbianchi', 'operator', '8642');
    const sup = await account(s, 'capo', 'supervisor', '9753');
    // the request cannot name someone else
    assert.equal(error(await a.call('shift.open', { operatorId: 'lbianchi', floatCents: 10_000 })).code, 'ROLE_REQUIRED');
    const shift = value(await a.call('shift.open', { floatCents: 10_000 }));
    assert.equal(shift.operatorId, 'mrossi');
    // a payment by the operator: the session and the journal name them
    const started = value(await a.call('session.start', { kind: 'counter', operatorId: 'someone-else' }));
    value(await a.call('session.addNotice', { sessionId: started.id, text: QR_TARI }));
    value(await a.call('session.activate', { sessionId: started.id }));
    const done = reaches(s.api, started.id, ['completed']);
    value(await a.call('session.tender', { sessionId: started.id, method: 'cash', givenCents: 12_150 }));
    await done;
    assert.equal(s.core.db.sessions.get(started.id)?.operatorId, 'mrossi');
    const by = s.core.db.journal
      .list(0, 1000)
      .filter((e) => e.kind === 'call-by' && e.sessionId === started.id)
      .map((e) => e.payload);
    assert.deepEqual(by, [
      { call: 'session.start', by: 'operator', operatorId: 'mrossi' },
      { call: 'session.tender', by: 'operator', operatorId: 'mrossi' },
    ]);
    // B may not close A's shift; A may not close with a difference; the supervisor may
    const foreign = error(await b.call('shift.close', { shiftId: shift.id, countedCashCents: 22_150 }));
    assert.deepEqual([foreign.code, foreign.details?.reason], ['SUPERVISOR_REQUIRED', 'foreign-shift']);
    const short = error(await a.call('shift.close', { shiftId: shift.id, countedCashCents: 21_150 }));
    assert.deepEqual(
      [short.code, short.details?.reason, short.details?.differenceCents],
      ['SUPERVISOR_REQUIRED', 'cash-difference', -1_000],
    );
    assert.equal(value(await a.call('shift.current', {})).shift?.id, shift.id, 'still open');
    const z = value(await sup.call('shift.close', { shiftId: shift.id, countedCashCents: 21_150 }));
    assert.equal(z.cash.differenceCents, -1_000);
    const closed = s.core.db.journal.list(0, 1000).find((e) => e.kind === 'shift-closed');
    const payload = closed?.payload as { closedBy?: string; supervisor?: boolean } | undefined;
    assert.deepEqual([payload?.closedBy, payload?.supervisor], ['capo', true]);
    // an even close is the operator's own
    value(await b.call('shift.open', { floatCents: 5_000 }));
    const bShift = value(await b.call('shift.current', {})).shift!;
    value(await b.call('shift.close', { shiftId: bShift.id, countedCashCents: 5_000 }));
  });

  test("certificates: the first duplicate is anyone's, the next ones a supervisor's", async (t) => {
    const s = await start(t);
    s.core.db.settings.set(PRINTER_SETTING, { target: `file:${join(s.dir, 'spool', 'receipts.bin')}`, paper: '80mm' });
    const a = await account(s, 'mrossi', 'operator', '2468');
    const sup = await account(s, 'capo', 'supervisor', '9753');
    const started = value(await a.call('session.start', { kind: 'counter' }));
    value(await a.call('session.addNotice', { sessionId: started.id, text: QR_TARI }));
    value(await a.call('session.activate', { sessionId: started.id }));
    const done = reaches(s.api, started.id, ['completed']);
    value(await a.call('session.tender', { sessionId: started.id, method: 'card' }));
    await done;
    assert.equal(value(await a.call('certificate.print', { sessionId: started.id })).duplicate, false);
    assert.equal(value(await a.call('certificate.print', { sessionId: started.id, reprint: true })).duplicate, true);
    const again = error(await a.call('certificate.print', { sessionId: started.id, reprint: true }));
    assert.deepEqual([again.code, again.details?.reason], ['SUPERVISOR_REQUIRED', 'reprint']);
    assert.equal(value(await sup.call('certificate.print', { sessionId: started.id, reprint: true })).duplicate, true);
    const copies = s.core.db.journal
      .list(0, 1000)
      .filter((e) => e.kind === 'certificate-duplicate-printed')
      .map((e) => e.payload);
    assert.deepEqual(copies, [
      { copy: 1, by: 'mrossi' },
      { copy: 2, by: 'capo' },
    ]);
  });
});
