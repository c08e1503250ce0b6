/**
 * A kiosk card payment: the core quotes what is owed (card fee included), the card terminal
 * authorizes exactly that, and only an approval becomes a tender, through the engine like any other
 * (invariant 1: the OK outcomes are queued in the tender's transaction). A decline, a timeout or a
 * cancel leave the session activated, so the citizen can try again or cancel (which sends the KO).
 *
 * Exactly once: the intent is journaled before the terminal is asked (`card-authorization-started`),
 * so a kill or a lost answer leaves an open authorization the engine will not KO over and the resolver
 * (main/services/card) settles by asking the terminal. Anything the terminal may still hold for the
 * session is settled before a new authorization: a retried payment never charges twice. An approval
 * the engine cannot take (the session moved, the tokens are lapsing) is reversed at the terminal.
 */
import type { AuthorizationResult, TenderDevice } from '../../../drivers/tender';
import type { Json } from '../../../db';
import type { Core } from '../../core/core';
import type { CardLedger, SessionState } from '../../engine';
import { missingCase } from '../../../kernel/errors';
import { crashPoint } from '../../engine';
import { ledgerOf, othersAuthorizing, resolveCard, settleApprovalLocked, withCardLock } from '../card/recovery';
import { CardNotReversed, CardPaymentNotAllowed } from './errors';

export type CardPaymentResult = {
  /**
   * 'unknown': the terminal may have charged the card and has not said how it ended; the core is
   * checking (never a decline: the citizen must not pay again meanwhile).
   */
  result: AuthorizationResult['outcome'] | 'reversed' | 'unknown';
  /** Decline or unavailability reason; for 'reversed', why the approval could not be tendered; for 'unknown', what is awaited. */
  reason: string | null;
  session: SessionState;
  authCode: string | null;
  maskedPan: string | null;
  /** The card's brand as the terminal named it (VISA, MASTERCARD, PAGOBANCOMAT, …). */
  cardBrand: string | null;
};

const NO_CARD = { authCode: null, maskedPan: null, cardBrand: null } as const;

export async function payByCard(core: Core, device: TenderDevice | null, sessionId: string): Promise<CardPaymentResult> {
  const { engine } = core;
  engine.get(sessionId); // SESSION_NOT_FOUND before anything
  // What the terminal may still hold for this session is settled first: never a second charge.
  const pending = ledgerOf(core, sessionId).phase;
  if (pending === 'authorizing' || pending === 'approved') {
    const after = await resolveCard(core, device, sessionId);
    // Settled without money moving (the terminal never processed it, or declined it): ask the card anew.
    if (after.phase !== 'none') return outcomeOf(core, sessionId, after);
  }
  // Another payment the terminal may still hold is asked about first (after a restart the terminal can
  // only be asked about its last payment: a new one would hide it).
  if (device) for (const other of othersAuthorizing(core, device.id, sessionId)) await resolveCard(core, device, other);
  // The resolver's sweep waits while this session's card is asked and settled.
  return withCardLock(core, sessionId, () => authorizeAndSettle(core, device, sessionId));
}

async function authorizeAndSettle(core: Core, device: TenderDevice | null, sessionId: string): Promise<CardPaymentResult> {
  const { engine, db } = core;
  const open = ledgerOf(core, sessionId);
  if (open.phase === 'authorizing' || open.phase === 'approved') return outcomeOf(core, sessionId, open); // a concurrent call's
  const before = engine.get(sessionId);
  if (before.status !== 'activated') throw new CardPaymentNotAllowed(sessionId, before.status);
  const quote = engine.quote(sessionId, 'card');
  if (!device) {
    const answer: AuthorizationResult = { outcome: 'unavailable', reference: sessionId, reason: 'not-configured' };
    db.journal.append('card-authorization', journalOf(answer, quote.dueCents, null), sessionId);
    return { result: 'unavailable', reason: 'not-configured', session: before, ...NO_CARD };
  }
  // Still open after asking: the terminal is busy with it or cannot say (no new charge meanwhile).
  if (othersAuthorizing(core, device.id, sessionId).length > 0)
    return { result: 'unavailable', reason: 'busy', session: before, ...NO_CARD };
  db.journal.append('card-authorization-started', { amountCents: quote.dueCents, device: device.id }, sessionId);
  crashPoint('card-intent-journaled');
  let answer: AuthorizationResult;
  try {
    answer = await device.authorize(quote.dueCents, sessionId);
  } catch (e) {
    // Money may have moved (TenderOutcomeUnknown, an answer that cannot be believed): the
    // authorization stays open and the resolver asks the terminal; the citizen is told it is checked.
    const code = (e as { code?: unknown } | null)?.code;
    const reason = typeof code === 'string' ? code : 'INTERNAL';
    db.journal.append(
      'card-authorization',
      { outcome: 'unknown', amountCents: quote.dueCents, device: device.id, error: reason },
      sessionId,
    );
    return { result: 'unknown', reason, session: engine.get(sessionId), ...NO_CARD };
  }
  db.journal.append('card-authorization', journalOf(answer, quote.dueCents, device), sessionId);
  if (answer.outcome !== 'approved') {
    const reason = answer.outcome === 'declined' || answer.outcome === 'unavailable' ? answer.reason : null;
    return { result: answer.outcome, reason, session: engine.get(sessionId), ...NO_CARD };
  }
  crashPoint('card-approved');
  // The session may have moved while the card was read (cancelled, tokens lapsed), and the engine
  // quotes again inside tender: the amount charged must be the amount tendered, else it is reversed.
  const result = await settleApprovalLocked(core, device, sessionId);
  if (result === 'refund-case') throw new CardNotReversed(sessionId, answer.transactionId, null);
  return outcomeOf(core, sessionId, ledgerOf(core, sessionId));
}

/** What an authorization of the session this call settled means for the kiosk. */
function outcomeOf(core: Core, sessionId: string, l: CardLedger): CardPaymentResult {
  const session = core.engine.get(sessionId);
  switch (l.phase) {
    case 'authorizing':
      return { result: 'unknown', reason: 'checking', session, ...NO_CARD };
    case 'approved':
      if (session.tender === null) return { result: 'unknown', reason: 'reversal-pending', session, ...NO_CARD };
      return {
        result: 'approved',
        reason: null,
        session,
        authCode: l.approval.authCode,
        maskedPan: l.approval.maskedPan,
        cardBrand: l.approval.cardBrand,
      };
    case 'reversed':
      return { result: 'reversed', reason: lastRefusal(core, sessionId), session, ...NO_CARD };
    case 'refund-case':
      throw new CardNotReversed(sessionId, l.approval.transactionId, null);
    case 'none':
      return { result: 'unavailable', reason: 'offline', session, ...NO_CARD }; // not reached: payByCard asks anew
    default:
      return missingCase(l);
  }
}

function lastRefusal(core: Core, sessionId: string): string | null {
  const v = core.db.journal
    .bySession(sessionId)
    .filter((e) => e.kind === 'card-void')
    .at(-1);
  const refusal = (v?.payload as { refusal?: unknown } | undefined)?.refusal;
  return typeof refusal === 'string' ? refusal : null;
}

function journalOf(a: AuthorizationResult, amountCents: number, device: TenderDevice | null): Json {
  const base = { outcome: a.outcome, amountCents, device: device?.id ?? null };
  switch (a.outcome) {
    case 'approved':
      return {
        ...base,
        authCode: a.authCode,
        transactionId: a.transactionId,
        cardBrand: a.cardBrand,
        maskedPan: a.maskedPan,
        // The acquirer's reference, when the terminal gives one (nexo does): printed on the certificate.
        ...(a.acquirerReference ? { acquirerReference: a.acquirerReference } : {}),
      };
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
