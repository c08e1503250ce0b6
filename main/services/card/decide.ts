/**
 * What to do with a card approval, decided from the journal's ledger and the session alone (pure):
 * the recovery module (recovery.ts) performs it. Kept apart so every rule has a unit test.
 */
import type { CardLedger, SessionState } from '../../engine';

export type ApprovalDecision =
  /** nothing left to do */
  | { kind: 'settled'; result: 'tendered' | 'reversed' | 'refund-case' }
  /** the session still waits for exactly this amount, with time on its tokens: it becomes the card tender */
  | { kind: 'tender' }
  /** reverse at the terminal; `forRefund`: the node refused the OK, the refund is recorded once reversed */
  | { kind: 'reverse'; why: string; forRefund: boolean }
  /** reversed already (a crash cut the step after): only the engine's refund record is missing */
  | { kind: 'record-refund' }
  /** not something a reversal can settle: a person refunds */
  | { kind: 'person'; why: string };

export interface ApprovalFacts {
  ledger: Extract<CardLedger, { phase: 'approved' | 'reversed' }>;
  session: Pick<SessionState, 'status' | 'tender' | 'notices'>;
  /** What a card tender would charge now (activated sessions only), else null. */
  dueCents: number | null;
  nowMs: number;
  /** Time every token must still have for a tender; closer to its lapse the approval is reversed. */
  marginMs: number;
}

const cardRefundPending = (s: ApprovalFacts['session']) => s.status === 'refund-required' && s.tender?.method === 'card';

export function decideApproval(f: ApprovalFacts): ApprovalDecision {
  const { ledger: l, session: s } = f;
  if (l.phase === 'reversed') return cardRefundPending(s) ? { kind: 'record-refund' } : { kind: 'settled', result: 'reversed' };
  if (s.tender !== null) {
    if (!cardRefundPending(s)) return { kind: 'settled', result: 'tendered' };
    // A reversal returns the whole charge: when the node took part of the cart, a person refunds the rest.
    if (s.notices.some((n) => n.phase === 'accepted' || n.phase === 'accepted-late'))
      return { kind: 'person', why: 'partial refund: the node accepted part of the cart, a reversal would return the whole charge' };
    return { kind: 'reverse', why: 'node-refused-ok', forRefund: true };
  }
  // The session moved while the card was read (cancelled, tokens lapsed) or its amount changed: the
  // refusal a tender would meet, under the code the kiosk already knows.
  if (s.status !== 'activated' || f.dueCents !== l.approval.amountCents)
    return { kind: 'reverse', why: 'CARD_PAYMENT_NOT_ALLOWED', forRefund: false };
  const expiries = s.notices.filter((n) => n.phase === 'activated').map((n) => n.activation?.expiresAtMs ?? 0);
  if (expiries.length === 0 || Math.min(...expiries) - f.nowMs < f.marginMs)
    return { kind: 'reverse', why: 'TOKEN_LAPSING', forRefund: false };
  return { kind: 'tender' };
}

/** Whether the session's card authorization still owes a step (an answer, a tender, a reversal, a refund record). */
export function needsWork(l: CardLedger, s: Pick<SessionState, 'status' | 'tender'>): boolean {
  switch (l.phase) {
    case 'authorizing':
      return true;
    case 'approved':
      return s.tender === null || cardRefundPending(s as ApprovalFacts['session']);
    case 'reversed':
      return cardRefundPending(s as ApprovalFacts['session']);
    case 'none':
    case 'refund-case':
      return false;
    default: {
      const never: never = l;
      return never;
    }
  }
}
