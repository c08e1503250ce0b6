import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isUnpayable, newSession, transition } from '../../../../main/engine/session';
import { buildTender } from '../../../../main/engine/fees';
import type { Activation, NoticeRef, SessionEvent, SessionState, SessionStatus, Verification } from '../../../../main/engine/types';

const ref = (n: number, scanned: number | null = 1000): NoticeRef => ({
  fiscalCode: '77777777777',
  noticeNumber: `30200010000000${String(n).padStart(4, '0')}`,
  scannedAmountCents: scanned,
  source: 'qr',
});
const verification = (amountCents = 1000, standin = false): Verification => ({
  amountCents,
  description: 'TARI 2026',
  companyName: 'Comune di Prova',
  officeName: null,
  dueDate: '2026-12-31',
  standin,
});
const activation = (id: number, totalAmountCents = 1000): Activation => ({
  paymentToken: `${'a'.repeat(31)}${id}`,
  expiresAtMs: 1_800_000,
  durationMs: 1_800_000,
  creditorReferenceId: `0200010000000${id}`,
  totalAmountCents,
  companyName: 'Comune di Prova',
  description: 'TARI 2026',
  fiscalCodePA: '77777777777',
});
const fault = (faultCode: string) => ({ code: 'NODE_FAULT', message: faultCode, faultCode });

function drive(events: SessionEvent[], start: SessionState = newSession('s1')): SessionState {
  let s = start;
  for (const e of events) {
    const r = transition(s, e);
    if (!r.ok) throw new Error(`${e.type} refused in ${s.status}: ${r.message}`);
    s = r.state;
  }
  return s;
}

const toActivated: SessionEvent[] = [
  { type: 'notice-added', ref: ref(1) },
  { type: 'verify-succeeded', noticeId: 1, verification: verification() },
  { type: 'activate-requested' },
  { type: 'activate-succeeded', noticeId: 1, activation: activation(1) },
];
const cashTender = buildTender('cash', [1000], { kind: 'flat', cents: 150 }, 2000);
const toPending: SessionEvent[] = [...toActivated, { type: 'tender-submitted', tender: cashTender }];

/** One reachable state for every status: the compiler makes sure none is missing. */
const statesByStatus: Record<SessionStatus, SessionState> = {
  cart: drive([{ type: 'notice-added', ref: ref(1) }]),
  activating: drive(toActivated.slice(0, 3)),
  activated: drive(toActivated),
  'activation-refused': drive([
    ...toActivated.slice(0, 3),
    { type: 'activate-failed', noticeId: 1, error: fault('PPT_PAGAMENTO_IN_CORSO') },
  ]),
  'outcome-pending': drive(toPending),
  completed: drive([...toPending, { type: 'outcome-accepted', noticeId: 1, late: false }]),
  certified: drive([...toPending, { type: 'outcome-accepted', noticeId: 1, late: false }, { type: 'certificate-issued' }]),
  cancelling: drive([...toActivated, { type: 'cancel-requested' }]),
  'token-expired': drive([...toActivated, { type: 'token-expired', noticeId: 1 }]),
  cancelled: drive([...toActivated, { type: 'cancel-requested' }, { type: 'outcome-accepted', noticeId: 1, late: false }]),
  'refund-required': drive([...toPending, { type: 'outcome-refund-required', noticeId: 1, error: fault('PPT_PAGAMENTO_DUPLICATO') }]),
  refunded: drive([
    ...toPending,
    { type: 'outcome-refund-required', noticeId: 1, error: fault('PPT_PAGAMENTO_DUPLICATO') },
    { type: 'refund-recorded', note: 'cash back' },
  ]),
  'needs-decision': drive([...toActivated, { type: 'abandoned', unattended: false }]),
};

/** One event of every kind, aimed at notice 1. */
const eventsByType: Record<SessionEvent['type'], SessionEvent> = {
  'notice-added': { type: 'notice-added', ref: ref(2) },
  'notice-removed': { type: 'notice-removed', noticeId: 1 },
  'verify-succeeded': { type: 'verify-succeeded', noticeId: 1, verification: verification() },
  'verify-failed': { type: 'verify-failed', noticeId: 1, error: fault('PPT_PAGAMENTO_DUPLICATO') },
  'activate-requested': { type: 'activate-requested' },
  'activate-succeeded': { type: 'activate-succeeded', noticeId: 1, activation: activation(1) },
  'activate-failed': { type: 'activate-failed', noticeId: 1, error: fault('PPT_SYSTEM_ERROR') },
  'activate-unknown': { type: 'activate-unknown', noticeId: 1, error: { code: 'ACTIVATION_UNKNOWN', message: 'no answer' } },
  'activation-found': { type: 'activation-found', noticeId: 1, activation: activation(1) },
  'activate-refused-token': {
    type: 'activate-refused-token',
    noticeId: 1,
    activation: activation(1, 0),
    error: { code: 'NODE_BAD_RESPONSE', message: 'transfers-mismatch' },
  },
  'activation-settled': { type: 'activation-settled', noticeId: 1, error: fault('PPT_PAGAMENTO_DUPLICATO') },
  'outcome-requeued': { type: 'outcome-requeued', noticeId: 1 },
  'tender-submitted': { type: 'tender-submitted', tender: cashTender },
  'cancel-requested': { type: 'cancel-requested' },
  'token-expired': { type: 'token-expired', noticeId: 1 },
  abandoned: { type: 'abandoned', unattended: false },
  'outcome-accepted': { type: 'outcome-accepted', noticeId: 1, late: false },
  'outcome-refund-required': { type: 'outcome-refund-required', noticeId: 1, error: fault('PPT_PAGAMENTO_DUPLICATO') },
  'outcome-needs-decision': { type: 'outcome-needs-decision', noticeId: 1, error: fault('PPT_ESITO_GIA_ACQUISITO') },
  'decision-made': { type: 'decision-made', decision: 'refund' },
  'refund-recorded': { type: 'refund-recorded', note: 'cash back' },
  'certificate-issued': { type: 'certificate-issued' },
};

/** Which events each status accepts (ok: true) for the representative state above; all others are refused. */
const accepted: Record<SessionStatus, Array<SessionEvent['type']>> = {
  cart: ['notice-added', 'notice-removed', 'verify-succeeded', 'verify-failed', 'cancel-requested', 'abandoned'],
  activating: ['activate-succeeded', 'activate-failed', 'activate-unknown', 'activate-refused-token'],
  activated: ['tender-submitted', 'cancel-requested', 'token-expired', 'abandoned'],
  'activation-refused': [],
  // A late duplicate answer for a settled outcome is accepted and changes nothing.
  'outcome-pending': ['outcome-accepted', 'outcome-refund-required', 'outcome-needs-decision'],
  completed: ['certificate-issued'],
  certified: ['certificate-issued'],
  cancelling: ['outcome-accepted', 'outcome-refund-required', 'outcome-needs-decision'],
  'token-expired': ['outcome-accepted', 'outcome-refund-required', 'outcome-needs-decision'],
  cancelled: [],
  'refund-required': ['refund-recorded'],
  refunded: [],
  'needs-decision': ['tender-submitted', 'cancel-requested', 'token-expired'],
};

describe('transition: every status against every event', () => {
  for (const [status, state] of Object.entries(statesByStatus) as Array<[SessionStatus, SessionState]>) {
    test(`${status}`, () => {
      assert.equal(state.status, status, 'fixture reaches its status');
      for (const [type, event] of Object.entries(eventsByType) as Array<[SessionEvent['type'], SessionEvent]>) {
        const r = transition(state, event);
        const expectOk = accepted[status].includes(type);
        assert.equal(r.ok, expectOk, `${type} in ${status}: ${r.ok ? 'accepted' : r.message}`);
        if (!r.ok) assert.ok(r.code === 'EVENT_NOT_ALLOWED' || r.code === 'EVENT_INVALID');
      }
    });
  }
  test('an unknown event is a programming error caught by the exhaustive switch', () => {
    assert.throws(() => transition(statesByStatus.cart, { type: 'bogus' } as unknown as SessionEvent), { code: 'INTERNAL_MISSING_CASE' });
  });
});

describe('payment paths', () => {
  test('single notice: verify, activate, tender queues the OK in one effect, acceptance completes and asks for the certificate', () => {
    let s = newSession('p');
    let r = transition(s, { type: 'notice-added', ref: ref(1) });
    assert.ok(r.ok);
    assert.deepEqual(r.effects, [{ kind: 'verify', noticeId: 1 }]);
    s = drive(toActivated.slice(1), r.state);
    assert.equal(s.status, 'activated');
    r = transition(s, { type: 'tender-submitted', tender: cashTender });
    assert.ok(r.ok);
    assert.deepEqual(r.effects, [{ kind: 'commit-tender', tender: cashTender, noticeIds: [1] }]);
    assert.equal(r.state.notices[0]?.phase, 'ok-queued');
    r = transition(r.state, { type: 'outcome-accepted', noticeId: 1, late: false });
    assert.ok(r.ok);
    assert.equal(r.state.status, 'completed');
    assert.deepEqual(r.effects, [{ kind: 'print-certificate' }]);
  });

  test('a 3-notice cart activates each notice and queues one OK per token', () => {
    const events: SessionEvent[] = [];
    for (const i of [1, 2, 3])
      events.push({ type: 'notice-added', ref: ref(i) }, { type: 'verify-succeeded', noticeId: i, verification: verification(1000 * i) });
    const cart = drive(events);
    const r = transition(cart, { type: 'activate-requested' });
    assert.ok(r.ok);
    assert.deepEqual(
      r.effects.map((e) => e.kind === 'activate' && e.noticeId),
      [1, 2, 3],
    );
    let s = r.state;
    for (const i of [1, 2, 3]) s = drive([{ type: 'activate-succeeded', noticeId: i, activation: activation(i, 1000 * i) }], s);
    const tender = buildTender('card', [1000, 2000, 3000], { kind: 'per-notice', cents: 100 }, null);
    const t = transition(s, { type: 'tender-submitted', tender });
    assert.ok(t.ok);
    assert.equal(tender.dueCents, 6300);
    assert.deepEqual(t.effects, [{ kind: 'commit-tender', tender, noticeIds: [1, 2, 3] }]);
  });

  test('partial refusal: one outcome refused late while two are accepted -> refund case with creditor report code, certificate for the rest', () => {
    const events: SessionEvent[] = [];
    for (const i of [1, 2])
      events.push(
        { type: 'notice-added', ref: ref(i) },
        { type: 'verify-succeeded', noticeId: i, verification: verification(1000, i === 2) },
      );
    events.push({ type: 'activate-requested' });
    for (const i of [1, 2]) events.push({ type: 'activate-succeeded', noticeId: i, activation: activation(i) });
    events.push({ type: 'tender-submitted', tender: buildTender('cash', [1000, 1000], { kind: 'none' }, 5000) });
    let s = drive(events);
    s = drive([{ type: 'outcome-accepted', noticeId: 1, late: true }], s);
    assert.equal(s.status, 'outcome-pending');
    const r = transition(s, { type: 'outcome-refund-required', noticeId: 2, error: fault('PPT_PAGAMENTO_DUPLICATO') });
    assert.ok(r.ok);
    assert.equal(r.state.status, 'refund-required');
    assert.equal(r.state.notices[0]?.phase, 'accepted-late');
    assert.equal(r.state.notices[1]?.creditorReportCode, 8, 'served in Stand-In: code 8');
    assert.deepEqual(r.effects, [{ kind: 'print-certificate' }]);
  });

  test('the verified amount wins over the printed one and the change is flagged', () => {
    const s = drive([
      { type: 'notice-added', ref: ref(1, 900) },
      { type: 'verify-succeeded', noticeId: 1, verification: verification(1250) },
    ]);
    assert.equal(s.notices[0]?.amountChanged, true);
    assert.equal(s.notices[0]?.verification?.amountCents, 1250);
    const same = drive([
      { type: 'notice-added', ref: ref(1, 1250) },
      { type: 'verify-succeeded', noticeId: 1, verification: verification(1250) },
    ]);
    assert.equal(same.notices[0]?.amountChanged, false);
  });

  test('one refused activation in a cart of two: the other goes on; all refused: nothing to close', () => {
    const base: SessionEvent[] = [];
    for (const i of [1, 2])
      base.push({ type: 'notice-added', ref: ref(i) }, { type: 'verify-succeeded', noticeId: i, verification: verification() });
    base.push({ type: 'activate-requested' });
    const some = drive([
      ...base,
      { type: 'activate-failed', noticeId: 1, error: fault('PPT_PAGAMENTO_DUPLICATO') },
      { type: 'activate-succeeded', noticeId: 2, activation: activation(2) },
    ]);
    assert.equal(some.status, 'activated');
    const none = drive([
      ...base,
      { type: 'activate-failed', noticeId: 1, error: fault('X') },
      { type: 'activate-failed', noticeId: 2, error: fault('X') },
    ]);
    assert.equal(none.status, 'activation-refused');
  });

  test('cancel, expiry and unattended abandonment each queue a KO for every token held', () => {
    for (const [event, status, reason] of [
      [{ type: 'cancel-requested' }, 'cancelling', 'cancelled'],
      [{ type: 'token-expired', noticeId: 1 }, 'token-expired', 'token-expired'],
      [{ type: 'abandoned', unattended: true }, 'cancelling', 'abandoned'],
    ] as const) {
      const r = transition(statesByStatus.activated, event);
      assert.ok(r.ok);
      assert.equal(r.state.status, status);
      assert.deepEqual(r.effects, [{ kind: 'queue-ko', noticeIds: [1], reason }]);
      const after = transition(r.state, { type: 'outcome-accepted', noticeId: 1, late: false });
      assert.ok(after.ok);
      assert.equal(after.state.status, 'cancelled');
      assert.equal(after.state.notices[0]?.phase, 'ko-delivered');
    }
  });

  test('an attended abandoned activation waits for the operator, who may still take the money', () => {
    const waiting = transition(statesByStatus.activated, { type: 'abandoned', unattended: false });
    assert.ok(waiting.ok);
    // The operator learns it from the session state itself (pushed on every change): no effect to perform.
    assert.deepEqual(waiting.effects, []);
    const s = statesByStatus['needs-decision'];
    assert.equal(s.decisionReason, 'abandoned-activation');
    const r = transition(s, { type: 'tender-submitted', tender: cashTender });
    assert.ok(r.ok);
    assert.equal(r.state.status, 'outcome-pending');
  });

  test('a discordant outcome goes to the operator, whose decision settles the session', () => {
    const unsettled = transition(drive(toPending), {
      type: 'outcome-needs-decision',
      noticeId: 1,
      error: fault('PPT_ESITO_GIA_ACQUISITO'),
    });
    assert.ok(unsettled.ok);
    assert.deepEqual(unsettled.effects, [], 'the state says it needs a decision; nothing else to perform');
    const s = unsettled.state;
    assert.equal(s.status, 'needs-decision');
    const paid = transition(s, { type: 'decision-made', decision: 'treat-as-paid' });
    assert.ok(paid.ok);
    assert.equal(paid.state.status, 'completed');
    const refund = transition(s, { type: 'decision-made', decision: 'refund' });
    assert.ok(refund.ok);
    assert.equal(refund.state.status, 'refund-required');
    assert.equal(refund.state.notices[0]?.creditorReportCode, 9);
  });

  test('a repeated outcome answer after settlement changes nothing', () => {
    const s = statesByStatus.completed;
    const r = transition({ ...s, status: 'outcome-pending' }, { type: 'outcome-accepted', noticeId: 1, late: false });
    assert.ok(r.ok);
    assert.deepEqual(r.state.notices, s.notices);
  });

  test('tenders that do not add up are refused', () => {
    const s = statesByStatus.activated;
    const wrongTotal = { ...cashTender, noticesCents: 999, dueCents: 999 + cashTender.feeCents };
    const short = { ...cashTender, givenCents: cashTender.dueCents - 1, changeCents: -1 };
    const cardChange = { ...buildTender('card', [1000], { kind: 'none' }, null), changeCents: 5 };
    for (const tender of [wrongTotal, short, cardChange]) {
      const r = transition(s, { type: 'tender-submitted', tender });
      assert.equal(r.ok, false);
      if (!r.ok) assert.equal(r.code, 'EVENT_INVALID');
    }
  });

  test('a cart holds at most 5 distinct notices', () => {
    const s = drive([1, 2, 3, 4, 5].map((i) => ({ type: 'notice-added', ref: ref(i) }) as const));
    const sixth = transition(s, { type: 'notice-added', ref: ref(6) });
    assert.equal(sixth.ok, false);
    const dup = transition(drive([{ type: 'notice-added', ref: ref(1) }]), { type: 'notice-added', ref: ref(1) });
    assert.equal(dup.ok, false);
  });
});

describe('money safety: what an activation answer may not do', () => {
  const twoVerified: SessionEvent[] = [
    { type: 'notice-added', ref: ref(1) },
    { type: 'verify-succeeded', noticeId: 1, verification: verification(3793) },
    { type: 'notice-added', ref: ref(2) },
    { type: 'verify-succeeded', noticeId: 2, verification: verification(7154) },
    { type: 'activate-requested' },
  ];

  test('an activation for another amount than the one shown is refused: its token gets a KO, nothing of it is collected', () => {
    let s = drive(twoVerified);
    const r = transition(s, { type: 'activate-succeeded', noticeId: 1, activation: activation(1, 103793) });
    assert.ok(r.ok);
    assert.deepEqual(r.effects, [{ kind: 'queue-ko', noticeIds: [1], reason: 'amount-refused' }]);
    const n1 = r.state.notices[0]!;
    assert.equal(n1.phase, 'ko-queued');
    assert.deepEqual(n1.lastError?.amounts, { shownCents: 3793, activatedCents: 103793 });
    s = drive([{ type: 'activate-succeeded', noticeId: 2, activation: activation(2, 7154) }], r.state);
    assert.equal(s.status, 'activated', 'the other notice can still be paid');
    // The tender covers only the notice whose amount is the one shown.
    const refused = transition(s, {
      type: 'tender-submitted',
      tender: buildTender('cash', [103793 + 7154], { kind: 'flat', cents: 0 }, 200000),
    });
    assert.equal(refused.ok, false);
    const paid = transition(s, { type: 'tender-submitted', tender: buildTender('cash', [7154], { kind: 'flat', cents: 0 }, 10000) });
    assert.ok(paid.ok);
    assert.deepEqual(
      paid.effects.map((e) => e.kind),
      ['commit-tender'],
    );
    s = drive([{ type: 'outcome-accepted', noticeId: 2, late: false }], paid.state);
    assert.equal(s.status, 'outcome-pending', "the refused token's KO is still owed");
    s = drive([{ type: 'outcome-accepted', noticeId: 1, late: false }], s);
    assert.equal(s.status, 'completed');
    assert.deepEqual(
      s.notices.map((n) => n.phase),
      ['ko-delivered', 'accepted'],
    );
  });

  test('0.01 for a notice verified at 71.54 is refused the same way, and a cart of only refused tokens ends cancelled', () => {
    const s = drive([
      { type: 'notice-added', ref: ref(1, 7154) },
      { type: 'verify-succeeded', noticeId: 1, verification: verification(7154) },
      { type: 'activate-requested' },
    ]);
    const r = transition(s, { type: 'activate-succeeded', noticeId: 1, activation: activation(1, 1) });
    assert.ok(r.ok);
    assert.equal(r.state.status, 'cancelling');
    assert.equal(
      transition(r.state, { type: 'tender-submitted', tender: buildTender('cash', [1], { kind: 'flat', cents: 0 }, 1) }).ok,
      false,
    );
    assert.equal(drive([{ type: 'outcome-accepted', noticeId: 1, late: false }], r.state).status, 'cancelled');
  });

  test('an unknown activation never takes money; the token found later gets its KO even after the session ended', () => {
    let s = drive([
      ...twoVerified.slice(0, 2),
      { type: 'activate-requested' },
      { type: 'activate-unknown', noticeId: 1, error: { code: 'ACTIVATION_UNKNOWN', message: 'timeout' } },
    ]);
    assert.equal(s.status, 'activation-refused');
    assert.equal(s.notices[0]?.phase, 'activation-unknown');
    assert.equal(transition(s, { type: 'tender-submitted', tender: cashTender }).ok, false);
    const r = transition(s, { type: 'activation-found', noticeId: 1, activation: activation(1, 3793) });
    assert.ok(r.ok);
    assert.equal(r.state.status, 'cancelling');
    assert.deepEqual(r.effects, [{ kind: 'queue-ko', noticeIds: [1], reason: 'orphan-token' }]);
    s = drive([{ type: 'outcome-accepted', noticeId: 1, late: false }], r.state);
    assert.equal(s.status, 'cancelled');
    assert.equal(s.notices[0]?.phase, 'ko-delivered');
  });

  test('an unknown activation settled without a token leaves the session as it was', () => {
    const s = drive([
      ...twoVerified,
      { type: 'activate-unknown', noticeId: 1, error: { code: 'ACTIVATION_UNKNOWN', message: 'timeout' } },
      { type: 'activate-succeeded', noticeId: 2, activation: activation(2, 7154) },
    ]);
    assert.equal(s.status, 'activated');
    const r = transition(s, { type: 'activation-settled', noticeId: 1, error: fault('PPT_PAGAMENTO_DUPLICATO') });
    assert.ok(r.ok);
    assert.equal(r.state.status, 'activated');
    assert.equal(r.state.notices[0]?.phase, 'activation-refused');
    assert.equal(
      transition(r.state, { type: 'activation-settled', noticeId: 1, error: fault('PPT_PAGAMENTO_DUPLICATO') }).ok,
      false,
      'settled once',
    );
  });

  test('a token found while the customer pays for another notice: its KO is answered while the session is activated', () => {
    let s = drive([
      ...twoVerified,
      { type: 'activate-unknown', noticeId: 1, error: { code: 'ACTIVATION_UNKNOWN', message: 'timeout' } },
      { type: 'activate-succeeded', noticeId: 2, activation: activation(2, 7154) },
    ]);
    s = drive(
      [
        { type: 'activation-found', noticeId: 1, activation: activation(1, 3793) },
        { type: 'outcome-accepted', noticeId: 1, late: false },
      ],
      s,
    );
    assert.equal(s.status, 'activated');
    assert.equal(s.notices[0]?.phase, 'ko-delivered');
    const paid = transition(s, { type: 'tender-submitted', tender: buildTender('cash', [7154], { kind: 'flat', cents: 0 }, 7154) });
    assert.ok(paid.ok);
  });
});

describe("a session that still holds a token is never ended by another notice's KO", () => {
  test('abandoned at a counter restart, an orphan found and closed meanwhile: still waiting for the decision, the held token still owed', () => {
    let s = drive([
      { type: 'notice-added', ref: ref(1) },
      { type: 'verify-succeeded', noticeId: 1, verification: verification() },
      { type: 'notice-added', ref: ref(2) },
      { type: 'verify-succeeded', noticeId: 2, verification: verification() },
      { type: 'activate-requested' },
      { type: 'activate-succeeded', noticeId: 1, activation: activation(1) },
      { type: 'activate-unknown', noticeId: 2, error: { code: 'ACTIVATION_UNKNOWN', message: 'stopped' } },
      { type: 'abandoned', unattended: false },
    ]);
    assert.equal(s.status, 'needs-decision');
    s = drive(
      [
        { type: 'activation-found', noticeId: 2, activation: activation(2) },
        { type: 'outcome-accepted', noticeId: 2, late: false },
      ],
      s,
    );
    assert.equal(s.status, 'needs-decision', 'once ended as cancelled, leaving token 1 open with nothing queued');
    assert.equal(s.notices[0]?.phase, 'activated');
    const r = transition(s, { type: 'cancel-requested' });
    assert.ok(r.ok);
    assert.deepEqual(r.effects, [{ kind: 'queue-ko', noticeIds: [1], reason: 'operator-decision' }]);
  });
});

describe('the cart after removals', () => {
  test('removing every notice then adding one gives it a new position (no reuse of a removed one)', () => {
    let s = drive([
      { type: 'notice-added', ref: ref(1) },
      { type: 'notice-added', ref: ref(2) },
      { type: 'notice-removed', noticeId: 1 },
      { type: 'notice-removed', noticeId: 2 },
    ]);
    assert.equal(s.notices.length, 0);
    s = drive([{ type: 'notice-added', ref: ref(3) }], s);
    assert.deepEqual(
      s.notices.map((n) => n.id),
      [3],
    );
  });
});

describe('decisions are final, resets before them are not', () => {
  const undecided = drive([...toPending, { type: 'outcome-needs-decision', noticeId: 1, error: fault('PPT_SINTASSI_EXTRAXSD') }]);

  test('a decision closes the decided outcomes in the same transaction', () => {
    const r = transition(undecided, { type: 'decision-made', decision: 'refund' });
    assert.ok(r.ok);
    assert.deepEqual(r.effects[0], { kind: 'close-outcomes', noticeIds: [1] });
  });

  test('a technician resending the outcome before any decision puts it back in the queue', () => {
    const r = transition(undecided, { type: 'outcome-requeued', noticeId: 1 });
    assert.ok(r.ok);
    assert.equal(r.state.status, 'outcome-pending');
    assert.equal(r.state.notices[0]?.phase, 'ok-queued');
    assert.equal(drive([{ type: 'outcome-accepted', noticeId: 1, late: false }], r.state).status, 'completed', 'the acceptance counts');
  });
});

describe('scanning again a notice already in the cart', () => {
  const added: SessionEvent = { type: 'notice-added', ref: ref(1) };

  test('after a failed verify it is verified again, in place (no new row, no stale error)', () => {
    const failed = drive([added, { type: 'verify-failed', noticeId: 1, error: { code: 'NODE_NO_RESPONSE', message: 'no answer' } }]);
    assert.equal(failed.notices[0]?.phase, 'verify-failed');
    const r = transition(failed, added);
    assert.ok(r.ok);
    assert.deepEqual(
      r.state.notices.map((n) => [n.id, n.phase, n.lastError]),
      [[1, 'verifying', null]],
    );
    assert.deepEqual(r.effects, [{ kind: 'verify', noticeId: 1 }]);
  });

  test('a failed notice in a full cart is still retried by its scan', () => {
    const full = drive([
      added,
      ...[2, 3, 4, 5].map((n): SessionEvent => ({ type: 'notice-added', ref: ref(n) })),
      { type: 'verify-failed', noticeId: 1, error: { code: 'NODE_NO_RESPONSE', message: 'no answer' } },
    ]);
    assert.equal(full.notices.length, 5);
    const r = transition(full, added);
    assert.ok(r.ok && r.effects[0]?.kind === 'verify');
  });

  test('any other notice already in the cart is refused with its own code', () => {
    for (const s of [drive([added]), drive([added, { type: 'verify-succeeded', noticeId: 1, verification: verification() }])]) {
      const r = transition(s, added);
      assert.equal(r.ok, false);
      if (!r.ok) assert.equal(r.code, 'NOTICE_ALREADY_IN_CART');
    }
  });
});

describe('notices the node says cannot be paid (issue 13)', () => {
  const unpayable = (faultCode: string, action: string) => ({ code: 'NODE_FAULT', message: faultCode, faultCode, action });

  test('take no place in the 5-notice cart; a verify without an answer still does', () => {
    const four = [1, 2, 3, 4].map((i): SessionEvent => ({ type: 'notice-added', ref: ref(i) }));
    const paid = drive([
      ...four,
      { type: 'notice-added', ref: ref(5) },
      { type: 'verify-failed', noticeId: 5, error: unpayable('PPT_PAGAMENTO_DUPLICATO', 'notice-paid') },
    ]);
    assert.ok(isUnpayable(paid.notices[4]!));
    const r = transition(paid, { type: 'notice-added', ref: ref(6) });
    assert.ok(r.ok, 'the already-paid notice does not fill the cart');
    assert.equal(r.state.notices.length, 6);
    assert.equal(transition(r.state, { type: 'notice-added', ref: ref(7) }).ok, false, 'five payable notices fill it');

    const silent = drive([
      ...four,
      { type: 'notice-added', ref: ref(5) },
      { type: 'verify-failed', noticeId: 5, error: { code: 'NODE_NO_RESPONSE', message: 'no answer' } },
    ]);
    assert.equal(isUnpayable(silent.notices[4]!), false);
    assert.equal(transition(silent, { type: 'notice-added', ref: ref(6) }).ok, false, 'a notice to retry keeps its place');
  });

  test('do not grow the cart without end: past 10 rows they must be removed first', () => {
    const events: SessionEvent[] = [];
    for (let i = 1; i <= 10; i++) {
      events.push({ type: 'notice-added', ref: ref(i) });
      events.push({ type: 'verify-failed', noticeId: i, error: unpayable('PPT_PAGAMENTO_DUPLICATO', 'notice-paid') });
    }
    const full = drive(events);
    assert.equal(full.notices.length, 10);
    const r = transition(full, { type: 'notice-added', ref: ref(11) });
    assert.equal(r.ok, false, 'an eleventh row is refused although none of the ten is payable');
    const removed = transition(full, { type: 'notice-removed', noticeId: 1 });
    assert.ok(removed.ok);
    assert.ok(transition(removed.state, { type: 'notice-added', ref: ref(11) }).ok, 'after removing one, a notice fits again');
  });

  test('are left out of the activation, which goes ahead for the payable ones', () => {
    const s = drive([
      { type: 'notice-added', ref: ref(1) },
      { type: 'notice-added', ref: ref(2) },
      { type: 'verify-succeeded', noticeId: 1, verification: verification() },
      { type: 'verify-failed', noticeId: 2, error: unpayable('PPT_PAGAMENTO_SCADUTO', 'notice-unpayable') },
    ]);
    const r = transition(s, { type: 'activate-requested' });
    assert.ok(r.ok);
    assert.deepEqual(r.effects, [{ kind: 'activate', noticeId: 1 }]);
  });
});
