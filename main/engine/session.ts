/**
 * The payment session's transition function: pure, no I/O, no clock. Given a state and an event it
 * returns the next state and the effects the service must perform (verify, activate, commit the
 * tender with its OK outcomes, queue KO outcomes, tell the operator), or says why the event is not
 * allowed now. The service persists the new state and runs the effects; after a crash the persisted
 * state is the truth and the effects still owed are derived from it again.
 */
import { missingCase } from '../../kernel/errors';
import { MAX_CART_ROWS, MAX_NOTICES } from './types';
import type {
  FaultInfo,
  NoticePhase,
  NoticeState,
  SessionEffect,
  SessionEvent,
  SessionState,
  SessionStatus,
  TransitionResult,
} from './types';

export function newSession(id: string): SessionState {
  return { id, status: 'cart', notices: [], nextNoticeId: 1, tender: null, decisionReason: null };
}

const notAllowed = (s: SessionState, e: SessionEvent): TransitionResult => ({
  ok: false,
  code: 'EVENT_NOT_ALLOWED',
  message: `${e.type} is not allowed while the session is ${s.status}`,
});
const invalid = (message: string): TransitionResult => ({ ok: false, code: 'EVENT_INVALID', message });
const done = (state: SessionState, effects: SessionEffect[] = []): TransitionResult => ({ ok: true, state, effects });

const FINAL_OUTCOME: ReadonlySet<NoticePhase> = new Set(['accepted', 'accepted-late', 'ko-delivered', 'refund-required', 'needs-decision']);

function withNotice(s: SessionState, id: number, change: (n: NoticeState) => NoticeState): SessionState {
  return { ...s, notices: s.notices.map((n) => (n.id === id ? change(n) : n)) };
}
const ids = (notices: NoticeState[], phase: NoticePhase) => notices.filter((n) => n.phase === phase).map((n) => n.id);

/** Outcome answers move the session on only in these statuses; elsewhere (an orphan's KO) only the notice. */
const SETTLING: ReadonlySet<SessionStatus> = new Set(['outcome-pending', 'cancelling', 'token-expired', 'needs-decision']);

/** Every token held gets a KO: used by cancel, token expiry and abandonment. */
function closeWithKo(
  s: SessionState,
  status: SessionStatus,
  reason: 'cancelled' | 'token-expired' | 'abandoned' | 'operator-decision',
): TransitionResult {
  const held = ids(s.notices, 'activated');
  const notices = s.notices.map((n) => (n.phase === 'activated' ? { ...n, phase: 'ko-queued' as const } : n));
  if (held.length === 0) return done({ ...s, status: 'cancelled', notices, decisionReason: null });
  return done({ ...s, status, notices, decisionReason: null }, [{ kind: 'queue-ko', noticeIds: held, reason }]);
}

/**
 * After every activation answered: go on with what was activated; with nothing activated, wait for
 * the KOs of refused tokens (amount not the one shown), or stop. Notices whose activation is unknown
 * are settled later by asking again; they never take money.
 */
function settleActivation(s: SessionState): SessionState {
  if (s.notices.some((n) => n.phase === 'activating')) return s;
  if (s.notices.some((n) => n.phase === 'activated')) return { ...s, status: 'activated' };
  return { ...s, status: s.notices.some((n) => n.phase === 'ko-queued') ? 'cancelling' : 'activation-refused' };
}

/** The activation is refused when its amount is not what the customer was shown and confirmed. */
function amountRefusal(n: NoticeState, activatedCents: number): FaultInfo | null {
  const shown = n.verification?.amountCents ?? n.ref.scannedAmountCents;
  if (shown !== null && shown === activatedCents) return null;
  return {
    code: 'ACTIVATION_AMOUNT_MISMATCH',
    message: `the node activated ${activatedCents} cents, the customer was shown ${shown ?? 'no amount'}: the token is closed with a KO and nothing is collected`,
    messageKey: 'engine:amountMismatch',
    amounts: { shownCents: shown ?? 0, activatedCents },
  };
}

/** After an outcome answer: the session ends only when no outcome is still queued. */
function settleOutcomes(s: SessionState): { state: SessionState; effects: SessionEffect[] } {
  // A token still held (waiting for the money or a person's decision) keeps the session where it is:
  // an orphan's KO answered meanwhile must not end a session that still owes an outcome.
  if (s.notices.some((n) => n.phase === 'ok-queued' || n.phase === 'ko-queued' || n.phase === 'activated'))
    return { state: s, effects: [] };
  if (s.notices.some((n) => n.phase === 'needs-decision')) {
    return { state: { ...s, status: 'needs-decision', decisionReason: s.decisionReason ?? 'outcome-unsettled' }, effects: [] };
  }
  if (s.notices.some((n) => n.phase === 'refund-required')) {
    // A partial refund: the notices the node did take still get their certificate.
    const anyPaid = s.notices.some((n) => n.phase === 'accepted' || n.phase === 'accepted-late');
    return { state: { ...s, status: 'refund-required' }, effects: anyPaid ? [{ kind: 'print-certificate' }] : [] };
  }
  if (s.tender) return { state: { ...s, status: 'completed', decisionReason: null }, effects: [{ kind: 'print-certificate' }] };
  return { state: { ...s, status: 'cancelled', decisionReason: null }, effects: [] };
}

/**
 * The code reported to the creditor when a collected payment must be refunded: 8 when the node's
 * Stand-In served the notice (verify's answer or the activation's says so), else 9.
 */
export function creditorReportCodeOf(n: Pick<NoticeState, 'verification' | 'activation'>): 8 | 9 {
  return n.verification?.standin || n.activation?.standin ? 8 : 9;
}

/**
 * A notice whose verify the node answered with a definitive "cannot be paid" (already paid, expired,
 * cancelled, unknown): it stays in the cart to be seen and removed, but is neither counted toward
 * MAX_NOTICES nor activated. A verify that got no answer is not: it may still be paid.
 */
export function isUnpayable(n: Pick<NoticeState, 'phase' | 'lastError'>): boolean {
  return n.phase === 'verify-failed' && (n.lastError?.action === 'notice-paid' || n.lastError?.action === 'notice-unpayable');
}

function find(s: SessionState, id: number): NoticeState | undefined {
  return s.notices.find((n) => n.id === id);
}

export function transition(s: SessionState, e: SessionEvent): TransitionResult {
  switch (e.type) {
    case 'notice-added': {
      if (s.status !== 'cart') return notAllowed(s, e);
      const same = s.notices.find((n) => n.ref.fiscalCode === e.ref.fiscalCode && n.ref.noticeNumber === e.ref.noticeNumber);
      // Scanning again a notice whose verify failed asks the node again (what the operator means);
      // verifying changes nothing at the node. Any other notice already in the cart is refused.
      if (same?.phase === 'verify-failed') {
        return done(
          withNotice(s, same.id, (x) => ({ ...x, phase: 'verifying', lastError: null })),
          [{ kind: 'verify', noticeId: same.id }],
        );
      }
      if (same) return { ok: false, code: 'NOTICE_ALREADY_IN_CART', message: `notice ${e.ref.noticeNumber} is already in the cart` };
      // Notices the node said cannot be paid (already paid, expired, cancelled) take no place in the cart.
      if (s.notices.filter((n) => !isUnpayable(n)).length >= MAX_NOTICES) return invalid(`a cart holds at most ${MAX_NOTICES} notices`);
      // ...but the cart is not a bin: past MAX_CART_ROWS rows the unpayable ones must be removed first.
      if (s.notices.length >= MAX_CART_ROWS)
        return invalid(`a cart shows at most ${MAX_CART_ROWS} rows: remove the notices that cannot be paid first`);
      const id = Math.max(s.nextNoticeId, s.notices.reduce((m, n) => Math.max(m, n.id), 0) + 1);
      const notice: NoticeState = {
        id,
        ref: e.ref,
        phase: 'verifying',
        verification: null,
        activation: null,
        amountChanged: false,
        lastError: null,
        creditorReportCode: null,
      };
      return done({ ...s, notices: [...s.notices, notice], nextNoticeId: id + 1 }, [{ kind: 'verify', noticeId: id }]);
    }
    case 'notice-removed': {
      if (s.status !== 'cart') return notAllowed(s, e);
      if (!find(s, e.noticeId)) return invalid(`no notice ${e.noticeId}`);
      return done({ ...s, notices: s.notices.filter((n) => n.id !== e.noticeId) });
    }
    case 'verify-succeeded':
    case 'verify-failed': {
      if (s.status !== 'cart') return notAllowed(s, e);
      const n = find(s, e.noticeId);
      // A late answer for a notice removed meanwhile changes nothing.
      if (!n || n.phase !== 'verifying') return done(s);
      if (e.type === 'verify-failed') return done(withNotice(s, n.id, (x) => ({ ...x, phase: 'verify-failed', lastError: e.error })));
      const scanned = n.ref.scannedAmountCents;
      return done(
        withNotice(s, n.id, (x) => ({
          ...x,
          phase: 'verified',
          verification: e.verification,
          amountChanged: scanned !== null && scanned !== e.verification.amountCents,
          lastError: null,
        })),
      );
    }
    case 'activate-requested': {
      if (s.status !== 'cart') return notAllowed(s, e);
      if (s.notices.some((n) => n.phase === 'verifying')) return invalid('a notice is still being verified');
      const verified = ids(s.notices, 'verified');
      if (verified.length === 0) return invalid('no verified notice to pay');
      const notices = s.notices.map((n) => (n.phase === 'verified' ? { ...n, phase: 'activating' as const } : n));
      return done(
        { ...s, status: 'activating', notices },
        verified.map((noticeId) => ({ kind: 'activate' as const, noticeId })),
      );
    }
    case 'activate-succeeded':
    case 'activate-failed':
    case 'activate-unknown':
    case 'activate-refused-token': {
      if (s.status !== 'activating') return notAllowed(s, e);
      const n = find(s, e.noticeId);
      if (!n || n.phase !== 'activating') return invalid(`notice ${e.noticeId} is not being activated`);
      if (e.type === 'activate-refused-token') {
        const next = withNotice(s, n.id, (x) => ({ ...x, phase: 'ko-queued', activation: e.activation, lastError: e.error }));
        return done(settleActivation(next), [{ kind: 'queue-ko', noticeIds: [n.id], reason: 'answer-refused' }]);
      }
      if (e.type === 'activate-failed')
        return done(settleActivation(withNotice(s, n.id, (x) => ({ ...x, phase: 'activation-refused', lastError: e.error }))));
      if (e.type === 'activate-unknown')
        return done(settleActivation(withNotice(s, n.id, (x) => ({ ...x, phase: 'activation-unknown', lastError: e.error }))));
      const refused = amountRefusal(n, e.activation.totalAmountCents);
      if (refused) {
        const next = withNotice(s, n.id, (x) => ({ ...x, phase: 'ko-queued', activation: e.activation, lastError: refused }));
        return done(settleActivation(next), [{ kind: 'queue-ko', noticeIds: [n.id], reason: 'amount-refused' }]);
      }
      return done(settleActivation(withNotice(s, n.id, (x) => ({ ...x, phase: 'activated', activation: e.activation, lastError: null }))));
    }
    case 'activation-found':
    case 'activation-settled': {
      // Any status: the session may have moved on (paid for other notices, cancelled) meanwhile.
      const n = find(s, e.noticeId);
      if (!n || n.phase !== 'activation-unknown') return invalid(`notice ${e.noticeId} has no unknown activation`);
      if (e.type === 'activation-settled')
        return done(withNotice(s, n.id, (x) => ({ ...x, phase: 'activation-refused', lastError: e.error })));
      const lastError: FaultInfo = {
        code: 'ACTIVATION_RECOVERED',
        message: 'token found after an unanswered activation; closed with a KO',
      };
      const next = withNotice(s, n.id, (x) => ({ ...x, phase: 'ko-queued', activation: e.activation, lastError }));
      // A session that had ended waits again, for this KO; one still open carries on as it was.
      const reopened =
        next.status === 'activation-refused' || next.status === 'cancelled' ? { ...next, status: 'cancelling' as const } : next;
      return done(reopened, [{ kind: 'queue-ko', noticeIds: [n.id], reason: 'orphan-token' }]);
    }
    case 'tender-submitted': {
      const resumable = s.status === 'needs-decision' && s.tender === null && s.decisionReason === 'abandoned-activation';
      if (s.status !== 'activated' && !resumable) return notAllowed(s, e);
      const held = s.notices.filter((n) => n.phase === 'activated');
      if (held.length === 0) return invalid('no activated notice to pay');
      const owed = held.reduce((sum, n) => sum + (n.activation?.totalAmountCents ?? 0), 0);
      const t = e.tender;
      if (t.noticesCents !== owed) return invalid(`tender covers ${t.noticesCents} cents, the notices owe ${owed}`);
      if (t.feeCents < 0 || t.dueCents !== t.noticesCents + t.feeCents) return invalid('tender total is not notices + fee');
      if (t.method === 'cash') {
        if (t.givenCents === null || t.givenCents < t.dueCents) return invalid('cash given is less than the amount due');
        if (t.changeCents !== t.givenCents - t.dueCents) return invalid('change is not given - due');
      } else if (t.changeCents !== 0) {
        return invalid('only cash gives change');
      }
      const notices = s.notices.map((n) => (n.phase === 'activated' ? { ...n, phase: 'ok-queued' as const } : n));
      return done({ ...s, status: 'outcome-pending', notices, tender: t, decisionReason: null }, [
        { kind: 'commit-tender', tender: t, noticeIds: held.map((n) => n.id) },
      ]);
    }
    case 'cancel-requested': {
      if (s.status === 'cart') return done({ ...s, status: 'cancelled' });
      if (s.status === 'activated') return closeWithKo(s, 'cancelling', 'cancelled');
      if (s.status === 'needs-decision' && s.tender === null) return closeWithKo(s, 'cancelling', 'operator-decision');
      return notAllowed(s, e);
    }
    case 'token-expired': {
      if (s.status !== 'activated' && !(s.status === 'needs-decision' && s.tender === null)) return notAllowed(s, e);
      const n = find(s, e.noticeId);
      if (!n || n.phase !== 'activated') return invalid(`notice ${e.noticeId} holds no token`);
      return closeWithKo(s, 'token-expired', 'token-expired');
    }
    case 'abandoned': {
      if (s.status === 'cart') return done({ ...s, status: 'cancelled' });
      if (s.status !== 'activated') return notAllowed(s, e);
      if (e.unattended) return closeWithKo(s, 'cancelling', 'abandoned');
      return done({ ...s, status: 'needs-decision', decisionReason: 'abandoned-activation' });
    }
    case 'outcome-accepted':
    case 'outcome-refund-required':
    case 'outcome-needs-decision': {
      const n = find(s, e.noticeId);
      if (!SETTLING.has(s.status)) {
        // The KO of a token refused or found while the session was elsewhere: only that notice changes.
        if (n?.phase !== 'ko-queued') return notAllowed(s, e);
        return done(
          withNotice(s, n.id, (x) => ({
            ...x,
            phase: e.type === 'outcome-accepted' ? 'ko-delivered' : 'needs-decision',
            lastError: e.type === 'outcome-accepted' ? x.lastError : e.error,
          })),
        );
      }
      if (!n || (n.phase !== 'ok-queued' && n.phase !== 'ko-queued')) {
        // A duplicate answer for an outcome already settled changes nothing (the outbox may report twice after a crash).
        return n && FINAL_OUTCOME.has(n.phase) ? done(s) : invalid(`notice ${e.noticeId} has no outcome queued`);
      }
      let phase: NoticePhase;
      if (e.type === 'outcome-accepted') phase = n.phase === 'ko-queued' ? 'ko-delivered' : e.late ? 'accepted-late' : 'accepted';
      else if (e.type === 'outcome-refund-required' && n.phase === 'ok-queued') phase = 'refund-required';
      else phase = 'needs-decision';
      const reportCode = phase === 'refund-required' ? creditorReportCodeOf(n) : n.creditorReportCode;
      const lastError = e.type === 'outcome-accepted' ? n.lastError : e.error;
      const next = withNotice(s, n.id, (x) => ({ ...x, phase, lastError, creditorReportCode: reportCode }));
      const settled = settleOutcomes(next);
      return done(settled.state, settled.effects);
    }
    case 'outcome-requeued': {
      const n = find(s, e.noticeId);
      if (!n || n.phase !== 'needs-decision' || !n.activation)
        return invalid(`notice ${e.noticeId} has no unsettled outcome to send again`);
      const phase: NoticePhase = s.tender ? 'ok-queued' : 'ko-queued';
      const status: SessionStatus = s.status === 'needs-decision' ? (s.tender ? 'outcome-pending' : 'cancelling') : s.status;
      return done({
        ...withNotice(s, n.id, (x) => ({ ...x, phase })),
        status,
        decisionReason: status === s.status ? s.decisionReason : null,
      });
    }
    case 'decision-made': {
      if (s.status !== 'needs-decision' || s.tender === null) return notAllowed(s, e);
      const phase: NoticePhase = e.decision === 'treat-as-paid' ? 'accepted' : 'refund-required';
      const decided = ids(s.notices, 'needs-decision');
      const notices = s.notices.map((n) =>
        n.phase === 'needs-decision'
          ? { ...n, phase, creditorReportCode: phase === 'refund-required' ? creditorReportCodeOf(n) : null }
          : n,
      );
      const settled = settleOutcomes({ ...s, notices, decisionReason: null });
      // The decision is final: the outcomes it settles are never sent again (a reset cannot revive them).
      return done(settled.state, [{ kind: 'close-outcomes', noticeIds: decided }, ...settled.effects]);
    }
    case 'refund-recorded': {
      if (s.status !== 'refund-required') return notAllowed(s, e);
      return done({ ...s, status: 'refunded', decisionReason: e.note });
    }
    case 'certificate-issued': {
      if (s.status !== 'completed' && s.status !== 'certified') return notAllowed(s, e);
      return done({ ...s, status: 'certified' });
    }
    default:
      return missingCase(e);
  }
}
