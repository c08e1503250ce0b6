// The checker must be able to fail: one real trial (a cash payment with lost responses, a cancelled
// one) gives honest evidence that passes; each test then breaks one promise in a copy of it, the way
// a buggy engine would leave the file or the node's log, and expects the checker to name it.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './check';
import type { Rule } from './check';
import { DEFAULT_PLAN, withFaults } from './plan';
import { explain, runTrial } from './trial';
import type { TrialResult } from './trial';
import type { NodeSnapshot, TerminalSnapshot, ChildEvent } from './snapshot';

type Evidence = { terminal: TerminalSnapshot; node: NodeSnapshot; events: ChildEvent[] };

describe('the crash checker', () => {
  let base: TrialResult;
  before(async () => {
    base = await runTrial({
      name: 'checker evidence',
      lives: [],
      plan: {
        ...DEFAULT_PLAN,
        payments: [
          withFaults(
            {
              notices: [
                { fiscalCode: '77777777777', amountCents: 7_000 },
                { fiscalCode: '66666666666', amountCents: 3_100 },
              ],
              end: 'cash',
              givenExtraCents: 0,
            },
            'lost-response',
          ),
          { notices: [{ fiscalCode: '55555555555', amountCents: 2_000 }], end: 'cancel', givenExtraCents: 0 },
        ],
      },
    });
  });

  const doctor = (change: (e: Evidence) => void): Rule[] => {
    const e = structuredClone(base.evidence);
    change(e);
    return check(e.terminal, e.node, e.events).violations.map((v) => v.rule);
  };
  const okToken = (e: Evidence) => e.terminal.outbox.find((m) => m.outcome === 'OK')!.paymentToken;
  const koToken = (e: Evidence) => e.terminal.outbox.find((m) => m.outcome === 'KO')!.paymentToken;
  const nodeSession = (e: Evidence, token: string) => e.node.positions.flatMap((p) => p.sessions).find((s) => s.paymentToken === token)!;

  test('honest evidence passes, and it holds what the other tests need', () => {
    assert.deepEqual(base.violations, [], explain(base));
    assert.equal(base.stats.okAccepted, 2);
    assert.equal(base.stats.koDelivered, 1);
    assert.ok(
      base.evidence.node.log.some((e) => e.injected?.includes('drop-response') && e.request?.paymentTokens),
      'a lost response is in the log',
    );
  });

  test('an outcome sent again with a new key after the node took it is a duplicate', () => {
    const rules = doctor((e) => {
      const accepted = e.node.log.find((x) => x.outcome === 'OK' && x.request?.paymentTokens?.[0] === okToken(e))!;
      e.node.log.push({ ...accepted, seq: 9_999, replayed: false, request: { ...accepted.request, idempotencyKey: 'SPRTLLO_brandnew' } });
    });
    assert.ok(rules.includes('duplicate'), rules.join());
  });

  test('a KO sent for a token that was paid is a duplicate', () => {
    const rules = doctor((e) => {
      const accepted = e.node.log.find((x) => x.outcome === 'OK' && x.request?.paymentTokens?.[0] === okToken(e))!;
      e.node.log.push({ ...accepted, seq: 9_999, request: { ...accepted.request, outcome: 'KO' } });
    });
    assert.ok(rules.includes('duplicate'), rules.join());
  });

  test('a resend after a lost response with a new key breaks the key rule', () => {
    const rules = doctor((e) => {
      const lost = e.node.log.find((x) => x.injected?.includes('drop-response') && x.request?.paymentTokens)!;
      const resend = e.node.log.find((x) => x.seq > lost.seq && x.request?.paymentTokens?.[0] === lost.request!.paymentTokens![0])!;
      resend.request = { ...resend.request, idempotencyKey: 'SPRTLLO_otherkey' };
    });
    assert.ok(rules.includes('key-rule'), rules.join());
  });

  test('the terminal choosing a new key after no response, or keeping it after a fault, breaks the key rule', () => {
    const noResponse = doctor((e) => {
      const m = e.terminal.outbox.find((x) => x.attemptRows.length > 1 && x.attemptRows[0]!.result === 'no-response')!;
      m.attemptRows[1]!.idempotencyKey = 'SPRTLLO_otherkey';
    });
    assert.ok(noResponse.includes('key-rule'), noResponse.join());
    const fault = doctor((e) => {
      const m = e.terminal.outbox.find((x) => x.attemptRows.length > 1)!;
      m.attemptRows[0]!.result = 'fault';
      m.attemptRows[1]!.idempotencyKey = m.attemptRows[0]!.idempotencyKey;
    });
    assert.ok(fault.includes('key-rule'), fault.join());
  });

  test('an OK outcome still pending at the end, the node never paid, is an outcome lost', () => {
    const rules = doctor((e) => {
      const token = okToken(e);
      e.terminal.outbox.find((m) => m.paymentToken === token)!.state = 'pending';
      const s = nodeSession(e, token);
      delete s.acquired;
      for (const p of e.node.positions) if (p.paid?.paymentToken === token) delete p.paid;
    });
    assert.ok(rules.includes('outcome-lost'), rules.join());
  });

  test('a token the node handed out that never got an outcome is reported', () => {
    const rules = doctor((e) => {
      const s = nodeSession(e, koToken(e));
      delete s.acquired;
      s.received = [];
      s.status = 'open';
      e.terminal.outbox = e.terminal.outbox.filter((m) => m.paymentToken !== s.paymentToken);
    });
    assert.ok(rules.includes('token-without-outcome'), rules.join());
  });

  test('money the child saw taken but missing from the file is a tender lost', () => {
    const rules = doctor((e) => {
      e.terminal.tenders = [];
    });
    assert.ok(rules.includes('tender-lost'), rules.join());
  });

  test('an OK the node took for a token nobody paid for is reported', () => {
    const rules = doctor((e) => {
      const s = nodeSession(e, koToken(e));
      s.acquired = { ...s.acquired!, outcome: 'OK' };
    });
    assert.ok(rules.includes('paid-without-tender'), rules.join());
  });

  test('a session left waiting for a person, one stuck half-way, or a broken journal, is reported', () => {
    const rules = doctor((e) => {
      e.terminal.sessions[0]!.state = 'needs-decision';
      e.terminal.sessions[1]!.state = 'activated';
      e.terminal.journal.ok = false;
    });
    assert.ok(rules.includes('left-to-person'), rules.join());
    assert.ok(rules.includes('session-stuck'), rules.join());
    assert.ok(rules.includes('journal-broken'), rules.join());
  });

  test('money collected at an amount other than the verified one is reported, even when the node took the OK', () => {
    const rules = doctor((e) => {
      const n = e.terminal.notices.find((x) => x.activation?.paymentToken === okToken(e))!;
      e.terminal.verified.find((v) => v.noticeId === n.id)!.amountCents = n.activation!.totalAmountCents - 100_000;
    });
    assert.ok(rules.includes('amount-unverified'), rules.join());
    const node = doctor((e) => {
      nodeSession(e, okToken(e)).amountCents = 1;
    });
    assert.ok(node.includes('amount-unverified'), node.join());
  });

  test('money collected for a token the node holds no OK for is reported, from the node side', () => {
    const rules = doctor((e) => {
      const s = nodeSession(e, okToken(e));
      delete s.acquired;
      s.status = 'open';
      for (const p of e.node.positions) if (p.paid?.paymentToken === s.paymentToken) delete p.paid;
    });
    assert.ok(rules.includes('money-without-ok'), rules.join());
  });

  test('an OK the node took for a payment the terminal refunded is OK without money', () => {
    const rules = doctor((e) => {
      const sessionId = e.terminal.outbox.find((m) => m.paymentToken === okToken(e))!.sessionId;
      e.terminal.sessions.find((x) => x.id === sessionId)!.state = 'refunded';
    });
    assert.ok(rules.includes('paid-without-tender'), rules.join());
  });

  test('a token that lapsed at the node is excused only when the terminal re-asked for it after it existed', () => {
    // The cancelled payment's token, as if its KO had never gone and the node had let it lapse.
    const lapsed = (e: Evidence) => {
      const s = nodeSession(e, koToken(e));
      delete s.acquired;
      s.received = [];
      s.status = 'expired';
      e.terminal.outbox = e.terminal.outbox.filter((m) => m.paymentToken !== s.paymentToken);
      e.terminal.notices.find((n) => n.activation?.paymentToken === s.paymentToken)!.activation = null;
      return s;
    };
    const reAsked = doctor((e) => {
      const s = lapsed(e);
      const ask = e.node.log.find((x) => x.paymentToken === s.paymentToken)!;
      e.node.log.push({
        ...ask,
        seq: 9_999,
        at: new Date(Date.parse(s.activatedAt) + 60_000).toISOString(),
        paymentToken: 'ffffffffffffffffffffffffffffffff',
      });
    });
    assert.ok(!reAsked.includes('token-without-outcome'), reAsked.join());
    const never = doctor((e) => {
      lapsed(e);
    });
    assert.ok(never.includes('token-without-outcome'), `no re-ask after the token existed: ${never.join()}`);
    const stillOpen = doctor((e) => {
      lapsed(e).status = 'open';
    });
    assert.ok(stillOpen.includes('token-without-outcome'), stillOpen.join());
  });

  test("an outcome dated far from the node's calendar (a clock in 2000) is reported", () => {
    const rules = doctor((e) => {
      const s = nodeSession(e, okToken(e));
      s.received[0] = { ...s.received[0]!, applicationDate: '2000-01-01' };
    });
    assert.ok(rules.includes('wrong-date'), rules.join());
  });
});

// The card rules (issue 14 §3): a real kiosk trial paying by card through the nexo simulator, with the
// answer lost and resolved later (card-lost), then copies doctored the way a double charge, a charge
// without an accepted OK, or an authorization left open would leave them.
describe('the crash checker: card money', () => {
  let base: TrialResult;
  before(async () => {
    base = await runTrial({
      name: 'checker card evidence',
      lives: [],
      plan: {
        ...DEFAULT_PLAN,
        terminalKind: 'kiosk',
        payments: [
          withFaults({ notices: [{ fiscalCode: '77777777777', amountCents: 7_000 }], end: 'cash', givenExtraCents: 0 }, 'card-lost'),
        ],
      },
    });
  });
  const doctor = (change: (e: Evidence) => void): Rule[] => {
    const e = structuredClone(base.evidence);
    change(e);
    return check(e.terminal, e.node, e.events).violations.map((v) => v.rule);
  };
  const charge = (e: Evidence) => e.node.cardTransactions!.find((t) => t.approved)!;

  test('honest evidence passes: one card charge, tendered, its OK accepted', () => {
    assert.deepEqual(base.violations, [], explain(base));
    assert.equal(base.evidence.node.cardTransactions?.filter((t) => t.approved && !t.reversed).length, 1);
    assert.equal(base.stats.okAccepted, 1);
    assert.ok(
      base.evidence.terminal.cards?.some((c) => c.kind === 'card-resolved'),
      'the lost answer was resolved later',
    );
  });

  test('a second charge standing for one payment is a double charge', () => {
    const rules = doctor((e) => e.node.cardTransactions!.push({ ...charge(e), poiTransactionId: 'SIM999999' }));
    assert.ok(rules.includes('card-twice'), rules.join());
  });

  test('a charge standing for a payment the node took no OK for is card money without an OK', () => {
    const rules = doctor((e) => e.node.cardTransactions!.push({ ...charge(e), reference: 'a-session-never-tendered' }));
    assert.ok(rules.includes('card-without-ok'), rules.join());
    assert.deepEqual(
      doctor((e) => e.node.cardTransactions!.push({ ...charge(e), reference: 'a-session-never-tendered', reversed: true })),
      [],
      'reversed: no harm',
    );
  });

  test('an authorization with no answer at the end is left open', () => {
    const rules = doctor((e) => {
      const sessionId = charge(e).reference;
      e.terminal.cards!.push({
        sessionId: 'other-session',
        kind: 'card-authorization-started',
        payload: { amountCents: 100, device: 'x' },
      });
      e.terminal.sessions.push({ ...e.terminal.sessions.find((s) => s.id === sessionId)!, id: 'other-session', state: 'cancelled' });
    });
    assert.ok(rules.includes('card-open'), rules.join());
  });
});

// Spontaneous payments (issue 15): a real trial with a car tax demanded into a cart beside a scanned
// notice (paid in cash), then a demand the node answers KO after the creditor created the position (an
// orphan), then copies doctored the way a lost demanded position, a notice charged at the demand's
// amount alone, a token for an orphan or a position paid twice would leave them.
describe('the crash checker: spontaneous payments', () => {
  let base: TrialResult;
  before(async () => {
    base = await runTrial({
      name: 'checker service evidence',
      lives: [],
      plan: {
        ...DEFAULT_PLAN,
        payments: [
          {
            notices: [{ fiscalCode: '77777777777', amountCents: 7_000 }],
            services: [{ idSoggettoServizio: '00301', tipo: '1', targa: 'CH300KK' }],
            end: 'cash',
            givenExtraCents: 0,
          },
          withFaults(
            {
              notices: [{ fiscalCode: '55555555555', amountCents: 2_000 }],
              services: [{ idSoggettoServizio: '00301', tipo: '4', targa: 'CH301KK' }],
              end: 'cash',
              givenExtraCents: 0,
            },
            'service-ko-after',
          ),
        ],
      },
    });
  });
  const doctor = (change: (e: Evidence) => void): Rule[] => {
    const e = structuredClone(base.evidence);
    change(e);
    return check(e.terminal, e.node, e.events).violations.map((v) => v.rule);
  };
  const demanded = (e: Evidence) => e.terminal.notices.find((n) => n.service !== null && n.activation)!;
  const orphan = (e: Evidence) => e.node.positions.find((p) => p.origin === 'demand' && p.sessions.length === 0)!;

  test('honest evidence passes: the demanded notice paid at its verified amount, one orphan position', () => {
    assert.deepEqual(base.violations, [], explain(base));
    assert.equal(base.stats.serviceCollected, 1);
    assert.equal(base.stats.orphanPositions, 1);
    assert.equal(base.stats.okAccepted, 3);
    assert.equal(base.evidence.node.positions.filter((p) => p.origin === 'demand').length, 2, "the creditors' positions are judged");
  });

  test("without the creditor's demanded positions on the node's side, the money is without an OK", () => {
    const rules = doctor((e) => (e.node.positions = e.node.positions.filter((p) => p.origin !== 'demand')));
    assert.ok(rules.includes('money-without-ok'), rules.join());
  });

  test("a demanded notice charged at the demand's amount alone (no verify), or at another than verify's, is unverified", () => {
    const unverified = doctor((e) => {
      const v = e.terminal.verified.find((x) => x.noticeId === demanded(e).id)!;
      v.source = 'printed';
    });
    assert.ok(unverified.includes('amount-unverified'), unverified.join());
    const other = doctor((e) => {
      const v = e.terminal.verified.find((x) => x.noticeId === demanded(e).id)!;
      v.amountCents = v.amountCents! - 500;
    });
    assert.ok(other.includes('amount-unverified'), other.join());
  });

  test('a token for a demanded position no cart holds is harm', () => {
    const rules = doctor((e) => {
      const paid = e.node.positions.flatMap((p) => p.sessions).find((s) => s.paymentToken === demanded(e).activation!.paymentToken)!;
      orphan(e).sessions.push({ ...paid, paymentToken: 'ORPHANTOKEN0001', acquired: undefined, received: [], status: 'expired' } as never);
    });
    assert.ok(rules.includes('orphan-token'), rules.join());
  });

  test('one position paid by two payments, or two OKs taken for it, is paid twice', () => {
    const collectedTwice = doctor((e) => {
      const n = demanded(e);
      const tender = e.terminal.tenders.find((t) => t.sessionId === n.sessionId)!;
      const session = e.terminal.sessions.find((s) => s.id === n.sessionId)!;
      e.terminal.sessions.push({ ...session, id: 'second-payment' });
      e.terminal.tenders.push({ ...tender, sessionId: 'second-payment' });
      e.terminal.notices.push({ ...n, id: 99_999, sessionId: 'second-payment' });
      const ok = e.terminal.outbox.find((m) => m.paymentToken === n.activation!.paymentToken)!;
      e.terminal.outbox.push({ ...ok, sessionId: 'second-payment' });
    });
    assert.ok(collectedTwice.includes('paid-twice'), collectedTwice.join());
    const twoOks = doctor((e) => {
      const token = demanded(e).activation!.paymentToken;
      const position = e.node.positions.find((p) => p.sessions.some((s) => s.paymentToken === token))!;
      const paid = position.sessions.find((s) => s.paymentToken === token)!;
      position.sessions.push({ ...paid, paymentToken: 'SECONDTOKEN0001' });
    });
    assert.ok(twoOks.includes('paid-twice'), twoOks.join());
  });
});
