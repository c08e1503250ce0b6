/**
 * A kiosk card payment: the core quotes what is owed (card fee included), the card terminal
 * authorizes exactly that, and only an approval becomes a tender, through the engine like any other
 * (invariant 1: the OK outcomes are queued in the tender's transaction). A decline, a timeout or a
 * cancel leave the session activated, so the citizen can try again or cancel (which sends the KO).
 * If the engine refuses the tender after an approval (the tokens expired meanwhile), the approval is
 * voided: a citizen is never charged for a payment that did not happen.
 */
import type { Approval, AuthorizationResult, TenderDevice } from '../../../drivers/tender';
import type { Json } from '../../../db';
import type { Core } from '../../core/core';
import type { SessionState } from '../../engine';
import { missingCase } from '../../../kernel/errors';
import { cardKindOf } from '../../engine';
import { CardNotReversed, CardPaymentNotAllowed } from './errors';

export type CardPaymentResult = {
  result: AuthorizationResult['outcome'] | 'reversed';
  /** Decline or unavailability reason; for 'reversed', the code of the engine's refusal. */
  reason: string | null;
  session: SessionState;
  authCode: string | null;
  maskedPan: string | null;
  /** The card's brand as the terminal named it (VISA, MASTERCARD, PAGOBANCOMAT, …). */
  cardBrand: string | null;
};

const NO_CARD = { authCode: null, maskedPan: null, cardBrand: null } as const;

export async function payByCard(core: Core, device: TenderDevice | null, sessionId: string): Promise<CardPaymentResult> {
  const { engine, db } = core;
  const before = engine.get(sessionId);
  if (before.status !== 'activated') throw new CardPaymentNotAllowed(sessionId, before.status);
  const quote = engine.quote(sessionId, 'card');
  const answer: AuthorizationResult = device
    ? await device.authorize(quote.dueCents, sessionId)
    : { outcome: 'unavailable', reference: sessionId, reason: 'not-configured' };
  db.journal.append('card-authorization', journalOf(answer, quote.dueCents, device), sessionId);
  if (answer.outcome !== 'approved') {
    const reason = answer.outcome === 'declined' || answer.outcome === 'unavailable' ? answer.reason : null;
    return { result: answer.outcome, reason, session: engine.get(sessionId), ...NO_CARD };
  }
  try {
    // The session may have moved while the card was read (cancelled, tokens lapsed), and the engine
    // quotes again inside tender: the amount charged must be the amount tendered.
    const now = engine.get(sessionId);
    if (now.status !== 'activated') throw new CardPaymentNotAllowed(sessionId, now.status);
    if (engine.quote(sessionId, 'card').dueCents !== answer.amountCents) throw new CardPaymentNotAllowed(sessionId, 'amount-changed');
    // The card terminal's brand says whether a debit (PagoBANCOMAT) card paid: the outcome names it.
    const session = await engine.tender(sessionId, 'card', null, cardKindOf(answer.cardBrand));
    return {
      result: 'approved',
      reason: null,
      session,
      authCode: answer.authCode,
      maskedPan: answer.maskedPan,
      cardBrand: answer.cardBrand,
    };
  } catch (refusal) {
    return reverse(core, device!, answer, refusal);
  }
}

async function reverse(core: Core, device: TenderDevice, approval: Approval, refusal: unknown): Promise<CardPaymentResult> {
  const code = (refusal as { code?: unknown }).code;
  const reason = typeof code === 'string' ? code : 'INTERNAL';
  const voided = await device.void(approval).catch(() => ({ voided: false, reason: 'offline' as const }));
  core.db.journal.append(
    'card-void',
    { transactionId: approval.transactionId, voided: voided.voided, refusal: reason, ...(voided.reason ? { failure: voided.reason } : {}) },
    approval.reference,
  );
  if (!voided.voided) throw new CardNotReversed(approval.reference, approval.transactionId, refusal);
  return { result: 'reversed', reason, session: core.engine.get(approval.reference), ...NO_CARD };
}

function journalOf(a: AuthorizationResult, amountCents: number, device: TenderDevice | null): Json {
  const base = { outcome: a.outcome, amountCents, device: device?.id ?? null };
  switch (a.outcome) {
    case 'approved':
      return { ...base, authCode: a.authCode, transactionId: a.transactionId, cardBrand: a.cardBrand, maskedPan: a.maskedPan };
    case 'declined':
    case 'unavailable':
      return { ...base, reason: a.reason };
    case 'timeout':
    case 'cancelled':
      return base;
    default:
      return missingCase(a);
  }
}
