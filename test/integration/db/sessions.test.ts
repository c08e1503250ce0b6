// Sessions and their notices on a real file: optimistic versions, the notice lifecycle, and search
// by notice number and payment token through the indexes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AmountInvalid } from '../../../kernel/money';
import { ConstraintViolated, RecordNotFound, StateConflict, VersionConflict } from '../../../db/index';
import { activatedSession, freshDb, T0 } from './fixture';

describe('sessions', () => {
  test('create stamps ids and times from the injected clock and id source', (t) => {
    const { db } = freshDb(t);
    const s = db.sessions.create({ state: 'cart', kind: 'counter', terminalId: 'T-01', operatorId: 'op-1' });
    assert.equal(s.id, 'id-1');
    assert.equal(s.createdAt, new Date(T0).toISOString());
    assert.equal(s.version, 1);
    assert.equal(s.tender, null);
    assert.equal(s.refundRequired, false);
    assert.throws(() => db.sessions.create({ id: 'id-1', state: 'cart', kind: 'kiosk', terminalId: 'K' }), ConstraintViolated);
  });

  test('update applies only the fields given and bumps the version; a stale version is refused', (t) => {
    const { db, clock } = freshDb(t);
    const s = db.sessions.create({ state: 'cart', kind: 'kiosk', terminalId: 'K-1' });
    clock.advance(5000);
    const tender = {
      method: 'cash' as const,
      noticesCents: 12_000,
      feeCents: 150,
      dueCents: 12_150,
      givenCents: 20_000,
      changeCents: 7_850,
    };
    const v2 = db.sessions.update(s.id, 1, { state: 'outcome-pending', tender });
    assert.equal(v2.version, 2);
    assert.equal(v2.state, 'outcome-pending');
    assert.deepEqual(v2.tender, tender);
    assert.equal(v2.updatedAt, new Date(T0 + 5000).toISOString());
    assert.throws(
      () => db.sessions.update(s.id, 1, { state: 'cancelled' }),
      (err: unknown) => err instanceof VersionConflict && err.details.actual === 2,
    );
    assert.equal(db.sessions.get(s.id)!.state, 'outcome-pending');
    assert.throws(() => db.sessions.update('missing', 1, {}), RecordNotFound);
  });

  test('decision fields: setting a decision stamps when, clearing it clears when', (t) => {
    const { db, clock } = freshDb(t);
    const s = db.sessions.create({ state: 'needs-decision', kind: 'counter', terminalId: 'T-01' });
    const flagged = db.sessions.update(s.id, 1, { refundRequired: true, decisionReason: 'outcome-unsettled' });
    assert.equal(flagged.decidedAt, null);
    clock.advance(60_000);
    const decided = db.sessions.update(s.id, 2, { operatorDecision: 'refund', decisionNote: 'cash returned', decidedBy: 'op-2' });
    assert.equal(decided.operatorDecision, 'refund');
    assert.equal(decided.decidedAt, new Date(T0 + 60_000).toISOString());
    assert.equal(decided.refundRequired, true);
    assert.equal(decided.decisionReason, 'outcome-unsettled', 'untouched fields keep their value');
    const cleared = db.sessions.update(s.id, 3, { operatorDecision: null });
    assert.equal(cleared.decidedAt, null);
  });

  test('a tender summary whose parts do not add up is refused by the schema', (t) => {
    const { db } = freshDb(t);
    const s = db.sessions.create({ state: 'cart', kind: 'counter', terminalId: 'T-01' });
    assert.throws(
      () =>
        db.sessions.update(s.id, 1, {
          tender: { method: 'card', noticesCents: 1000, feeCents: 100, dueCents: 1000, givenCents: null, changeCents: 0 },
        }),
      ConstraintViolated,
    );
    assert.throws(
      () =>
        db.sessions.update(s.id, 1, {
          tender: { method: 'card', noticesCents: 10.5, feeCents: 0, dueCents: 10.5, givenCents: null, changeCents: 0 },
        }),
      AmountInvalid,
    );
    assert.equal(db.sessions.get(s.id)!.version, 1);
  });

  test('listByState and listRecent', (t) => {
    const { db, clock } = freshDb(t);
    for (const state of ['cart', 'completed', 'outcome-pending', 'certified', 'needs-decision']) {
      clock.advance(1000);
      db.sessions.create({ state, kind: 'counter', terminalId: 'T-01' });
    }
    assert.deepEqual(
      db.sessions.listByState(['outcome-pending', 'needs-decision']).map((s) => s.state),
      ['outcome-pending', 'needs-decision'],
    );
    const recent = db.sessions.listRecent({ limit: 2 });
    assert.deepEqual(
      recent.map((s) => s.state),
      ['needs-decision', 'certified'],
    );
    assert.deepEqual(
      db.sessions.listRecent({ limit: 2, before: recent[1]!.createdAt }).map((s) => s.state),
      ['outcome-pending', 'completed'],
    );
  });
});

describe('notices', () => {
  test('read, verified, key stored, activated, outcome settled', (t) => {
    const { db, clock } = freshDb(t);
    const s = db.sessions.create({ state: 'cart', kind: 'counter', terminalId: 'T-01' });
    const n = db.notices.add(s.id, {
      position: 1,
      payloadKind: 'poste-datamatrix',
      payloadAmountCents: 4_250,
      postalAccount: '000012345678',
      fiscalCode: '77777777777',
      noticeNumber: '302000100000009407',
      phase: 'verifying',
    });
    assert.equal(n.verification, null);
    assert.equal(n.activation, null);
    assert.equal(n.outcomeState, 'none');
    clock.advance(1000);
    const v = db.notices.recordVerification(n.id, {
      amountCents: 4_300,
      description: 'TARI',
      companyName: 'Comune',
      officeName: null,
      dueDate: '2026-12-31',
      standin: false,
    });
    assert.deepEqual(v.verification, {
      amountCents: 4_300,
      description: 'TARI',
      companyName: 'Comune',
      officeName: null,
      dueDate: '2026-12-31',
      standin: false,
      verifiedAt: new Date(T0 + 1000).toISOString(),
    });
    db.notices.recordActivateKey(n.id, '12345678901_abcdefghij');
    const a = db.notices.recordActivation(n.id, {
      paymentToken: 'c110729d258c4ab1b765fe902aae41d6',
      expiresAtMs: T0 + 1000 + 900_000,
      durationMs: 900_000,
      creditorReferenceId: '02000100000009407',
      totalAmountCents: 4_300,
      fiscalCodePA: '77777777777',
      companyName: 'Comune',
      description: 'TARI',
      transfers: [{ idTransfer: 1, transferAmountCents: 4_300, iban: 'IT60X0542811101000000123456' }],
      suggestedUserFeeCents: 100,
      suggestedPaFeeCents: null,
      suggestedIdBundle: 'bundle-1',
      suggestedIdCiBundle: null,
    });
    assert.equal(a.activateIdempotencyKey, '12345678901_abcdefghij');
    assert.equal(a.activation!.expiresAtMs, T0 + 901_000);
    assert.equal(a.activation!.durationMs, 900_000);
    assert.deepEqual(a.activation!.transfers, [{ idTransfer: 1, iban: 'IT60X0542811101000000123456', transferAmountCents: 4_300 }]);
    assert.equal(a.postalAccount, '000012345678');
    const settled = db.notices.update(n.id, { phase: 'accepted', outcomeState: 'accepted', lastError: null });
    assert.equal(settled.outcomeState, 'accepted');
    const refused = db.notices.update(n.id, {
      outcomeState: 'refund-required',
      lastError: { code: 'NODE_FAULT', faultCode: 'PPT_PAGAMENTO_DUPLICATO' },
      creditorReportCode: 9,
    });
    assert.deepEqual(refused.lastError, { code: 'NODE_FAULT', faultCode: 'PPT_PAGAMENTO_DUPLICATO' });
    assert.equal(refused.creditorReportCode, 9);
    assert.equal(refused.phase, 'accepted');
  });

  test('a notice with a token cannot be activated again, re-keyed or removed', (t) => {
    const { db } = freshDb(t);
    const { notices } = activatedSession(db, [{ token: 'TOK-1', expiresAtMs: T0 + 60_000 }]);
    const id = notices[0]!.id;
    assert.throws(() => db.notices.recordActivateKey(id, 'other_0123456789'), StateConflict);
    assert.throws(() => db.notices.remove(id), StateConflict);
    assert.throws(() => db.notices.recordActivation(id, { ...notices[0]!.activation!, paymentToken: 'TOK-2' }), StateConflict);
    assert.equal(db.notices.get(id)!.activation!.paymentToken, 'TOK-1');
    assert.throws(() => db.notices.remove(424242), RecordNotFound);
  });

  test('two notices cannot share a payment token', (t) => {
    const { db } = freshDb(t);
    activatedSession(db, [{ token: 'SAME', expiresAtMs: T0 }]);
    assert.throws(() => activatedSession(db, [{ token: 'SAME', expiresAtMs: T0 }]), ConstraintViolated);
  });

  test('a cart holds at most five notices; removing one makes room, positions are not reused', (t) => {
    const { db } = freshDb(t);
    const s = db.sessions.create({ state: 'cart', kind: 'counter', terminalId: 'T-01' });
    const add = (position: number) =>
      db.notices.add(s.id, {
        position,
        payloadKind: 'manual',
        payloadAmountCents: null,
        fiscalCode: '77777777777',
        noticeNumber: `30200010000000940${position}`,
        phase: 'verifying',
      });
    const added = [1, 2, 3, 4, 5].map(add);
    assert.throws(
      () => add(6),
      (err: unknown) => err instanceof ConstraintViolated && /at most 5/.test(err.message),
    );
    db.notices.remove(added[1]!.id);
    add(6);
    assert.deepEqual(
      db.notices.listBySession(s.id).map((n) => n.position),
      [1, 3, 4, 5, 6],
    );
    assert.equal(db.notices.findByPosition(s.id, 4)!.id, added[3]!.id);
    assert.equal(db.notices.findByPosition(s.id, 2), null);
    assert.throws(() => add(3), ConstraintViolated);
  });

  test('money must be integer cents', (t) => {
    const { db } = freshDb(t);
    const s = db.sessions.create({ state: 'cart', kind: 'counter', terminalId: 'T-01' });
    assert.throws(
      () =>
        db.notices.add(s.id, { position: 1, payloadKind: 'qr', payloadAmountCents: 12.34, fiscalCode: '1', noticeNumber: '2', phase: 'x' }),
      AmountInvalid,
    );
    assert.throws(
      () =>
        db.notices.add(s.id, { position: 1, payloadKind: 'qr', payloadAmountCents: -1, fiscalCode: '1', noticeNumber: '2', phase: 'x' }),
      AmountInvalid,
    );
  });
});

describe('search over many past payments', () => {
  test('by notice number and by payment token, through indexes', (t) => {
    const { db, clock } = freshDb(t);
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) {
        clock.advance(1000);
        const s = db.sessions.create({ state: 'certified', kind: 'counter', terminalId: 'T-01' });
        const n = db.notices.add(s.id, {
          position: 1,
          payloadKind: 'qr',
          payloadAmountCents: 100,
          fiscalCode: '77777777777',
          noticeNumber: `3${String(i % 1000).padStart(17, '0')}`,
          phase: 'accepted',
        });
        db.notices.recordActivation(n.id, {
          paymentToken: `token-${i}`,
          expiresAtMs: T0,
          durationMs: 1000,
          creditorReferenceId: null,
          totalAmountCents: 100,
          fiscalCodePA: null,
          companyName: null,
          description: null,
          transfers: null,
          suggestedUserFeeCents: null,
          suggestedPaFeeCents: null,
          suggestedIdBundle: null,
          suggestedIdCiBundle: null,
        });
      }
    });
    const number = `3${'7'.padStart(17, '0')}`;
    const found = db.sessions.findByNoticeNumber(number);
    assert.equal(found.length, 2, 'notice 7 was paid in sessions 7 and 1007');
    assert.ok(found[0]!.createdAt > found[1]!.createdAt, 'newest first');
    assert.equal(db.notices.findByNoticeNumber(number).length, 2);
    assert.equal(db.sessions.findByPaymentToken('token-1234')?.id, db.notices.findByPaymentToken('token-1234')?.sessionId);
    assert.equal(db.sessions.findByPaymentToken('nope'), null);

    const plan = (sql: string) => {
      const params = Array.from(sql.matchAll(/\?/g), () => 'x');
      return (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    };
    assert.match(
      plan('SELECT * FROM session_notice WHERE notice_number = ? ORDER BY id DESC LIMIT ?'),
      /SEARCH session_notice USING INDEX session_notice_by_number/,
    );
    const bySessionNumber = plan(
      'SELECT * FROM payment_session WHERE id IN (SELECT session_id FROM session_notice WHERE notice_number = ?) ORDER BY created_at DESC LIMIT ?',
    );
    assert.match(bySessionNumber, /SEARCH payment_session USING INDEX/);
    assert.match(bySessionNumber, /SEARCH session_notice USING INDEX session_notice_by_number/);
    assert.match(
      plan('SELECT * FROM payment_session WHERE id = (SELECT session_id FROM session_notice WHERE payment_token = ?)'),
      /SEARCH session_notice USING INDEX \w+ \(payment_token=\?\)/,
    );
    assert.match(
      plan(`SELECT * FROM outbox_message WHERE state = 'pending' AND next_attempt_at_ms <= ? ORDER BY deadline_ms LIMIT ?`),
      /USING INDEX outbox_message_due/,
    );
  });
});
