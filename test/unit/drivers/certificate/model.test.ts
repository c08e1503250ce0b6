import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { certificateFor } from '../../../../drivers/certificate/model';
import { CertificateContextInvalid, CertificateDataMissing, CertificateUnavailable } from '../../../../drivers/certificate/errors';
import type {
  CertificateContext,
  CertificateNoticePhase,
  CertificateSession,
  CertificateSessionStatus,
} from '../../../../drivers/certificate/types';
import type { NoticePhase, SessionState, SessionStatus } from '../../../../main/engine/types';
import { activation, AMOUNTS, FC, noticeNumber, sessionByStatus, token, undecidedAfterTender } from './sessions';

// Compile-time: the certificate's view of a session is the engine's, status for status and phase
// for phase; a status added to the engine breaks this file until model.ts decides about it.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const sameStatuses: Equal<SessionStatus, CertificateSessionStatus> = true;
const samePhases: Equal<NoticePhase, CertificateNoticePhase> = true;
const fits = (s: SessionState): CertificateSession => s;
void [sameStatuses, samePhases, fits];

const context = (over: Partial<CertificateContext> = {}): CertificateContext => ({
  psp: { name: 'Banca Esempio S.p.A.', fiscalCode: '01234567890' },
  terminalId: 'T01',
  operatorId: 'op-7',
  locale: 'it',
  variant: 'original',
  paidAtMs: Date.UTC(2025, 6, 1, 12, 0, 0),
  printedAtMs: Date.UTC(2025, 6, 1, 12, 0, 5),
  ...over,
});

/** What each status gets: the paper kind and the notices shown, or the reason there is none. */
const expected: Record<SessionStatus, { kind: 'pending' | 'final'; notices: number[]; excluded: number } | { unavailable: string }> = {
  cart: { unavailable: 'not-paid' },
  activating: { unavailable: 'not-paid' },
  activated: { unavailable: 'not-paid' },
  'activation-refused': { unavailable: 'not-paid' },
  'outcome-pending': { kind: 'pending', notices: [1, 2], excluded: 0 },
  completed: { kind: 'final', notices: [1, 2], excluded: 0 },
  certified: { kind: 'final', notices: [1], excluded: 0 },
  cancelling: { unavailable: 'not-paid' },
  'token-expired': { unavailable: 'not-paid' },
  cancelled: { unavailable: 'not-paid' },
  'refund-required': { kind: 'final', notices: [1, 3], excluded: 1 },
  refunded: { unavailable: 'no-paid-notice' },
  'needs-decision': { unavailable: 'not-paid' },
};

describe('certificateFor: which paper each session status gets', () => {
  for (const [status, want] of Object.entries(expected) as Array<[SessionStatus, (typeof expected)[SessionStatus]]>) {
    test(status, () => {
      const session = sessionByStatus[status];
      assert.equal(session.status, status, 'fixture reaches the status');
      if ('unavailable' in want) {
        assert.throws(
          () => certificateFor(session, context()),
          (e: unknown) => {
            assert.ok(e instanceof CertificateUnavailable);
            assert.equal(e.code, 'CERTIFICATE_UNAVAILABLE');
            assert.equal(e.reason, want.unavailable);
            assert.equal(e.messageKey, `certificate:unavailable.${want.unavailable}`);
            assert.equal(e.details.sessionId, session.id);
            return true;
          },
        );
        return;
      }
      const m = certificateFor(session, context());
      assert.equal(m.kind, want.kind);
      assert.deepEqual(
        m.notices.map((n) => n.noticeNumber),
        want.notices.map(noticeNumber),
      );
      assert.equal(m.excludedCount, want.excluded);
    });
  }
});

describe('certificateFor: contents', () => {
  test('every field SANP asks for comes from the session and the context', () => {
    const m = certificateFor(sessionByStatus.completed, context());
    assert.equal(m.sessionId, sessionByStatus.completed.id);
    assert.deepEqual(m.psp, { name: 'Banca Esempio S.p.A.', fiscalCode: '01234567890' });
    assert.equal(m.terminalId, 'T01');
    assert.equal(m.operatorId, 'op-7');
    assert.equal(m.paidAtMs, Date.UTC(2025, 6, 1, 12, 0, 0));
    assert.equal(m.method, 'card');
    assert.equal(m.timeZone, 'Europe/Rome');
    const [first, second] = m.notices;
    assert.deepEqual(first, {
      creditorFiscalCode: FC,
      creditorName: 'Comune di Forlì',
      iuv: noticeNumber(1).slice(1),
      noticeNumber: noticeNumber(1),
      paymentToken: token(1),
      amountCents: AMOUNTS[0],
      description: 'TARI 2025 rata 1',
      confirmed: true,
    });
    assert.equal(second?.paymentToken, token(2), 'an outcome taken late is final too');
    assert.equal(second?.creditorName, activation(2).companyName, 'activation data wins over verification');
  });

  test('totals: the notices shown, the tender fee, their sum (integer cents)', () => {
    const m = certificateFor(sessionByStatus.completed, context());
    assert.equal(m.amountCents, AMOUNTS[0]! + AMOUNTS[1]!);
    assert.equal(m.feeCents, 150);
    assert.equal(m.totalCents, AMOUNTS[0]! + AMOUNTS[1]! + 150);
    const partial = certificateFor(sessionByStatus['refund-required'], context());
    assert.equal(partial.amountCents, AMOUNTS[0]! + AMOUNTS[2]!, 'the refused notice is not counted');
    assert.equal(partial.totalCents, partial.amountCents + 150);
  });

  test('pending slip: each notice says whether the node has taken its outcome', () => {
    const m = certificateFor(sessionByStatus['outcome-pending'], context());
    assert.deepEqual(
      m.notices.map((n) => n.confirmed),
      [true, false],
    );
    const undecided = certificateFor(undecidedAfterTender, context());
    assert.equal(undecided.kind, 'pending', 'money taken, outcome unsettled: still only a pending slip');
    assert.deepEqual(
      undecided.notices.map((n) => n.confirmed),
      [true, false],
    );
  });

  test('duplicate: asked for on a reprint, and always once the session is certified', () => {
    assert.equal(certificateFor(sessionByStatus.completed, context()).duplicate, false);
    assert.equal(certificateFor(sessionByStatus.completed, context({ variant: 'duplicate' })).duplicate, true);
    assert.equal(certificateFor(sessionByStatus.certified, context({ variant: 'original' })).duplicate, true);
    assert.equal(certificateFor(sessionByStatus['outcome-pending'], context({ variant: 'duplicate' })).duplicate, true);
  });

  test('pure: same input, same model; the session is not changed', () => {
    const s = sessionByStatus.completed;
    const before = JSON.stringify(s);
    assert.deepEqual(certificateFor(s, context()), certificateFor(s, context()));
    assert.equal(JSON.stringify(s), before);
  });
});

describe('certificateFor: refusals', () => {
  test('a PSP without name or fiscal code, an unknown zone or a bad time is refused', () => {
    const s = sessionByStatus.completed;
    for (const bad of [
      context({ psp: { name: ' ', fiscalCode: '01234567890' } }),
      context({ psp: { name: 'Banca', fiscalCode: '' } }),
      context({ terminalId: '' }),
      context({ timeZone: 'Mars/Olympus_Mons' }),
      context({ paidAtMs: Number.NaN }),
      context({ printedAtMs: Number.POSITIVE_INFINITY }),
    ]) {
      assert.throws(() => certificateFor(s, bad), CertificateContextInvalid);
    }
  });

  test('a paid notice without its activation is an inconsistent store, not an empty line', () => {
    const s = sessionByStatus.completed;
    const broken: CertificateSession = { ...s, notices: s.notices.map((n, i) => (i === 1 ? { ...n, activation: null } : n)) };
    assert.throws(
      () => certificateFor(broken, context()),
      (e: unknown) => e instanceof CertificateDataMissing && e.details.noticeId === 2,
    );
  });
});
