/**
 * A card authorization, as the journal tells it. The kiosk journals its intent before the card
 * terminal is asked (`card-authorization-started`) and every answer after, so a kill or a lost answer
 * between the two leaves an authorization that is *open*: money may have moved at the terminal and the
 * core does not know. While one is open for a session, nothing may close that session's tokens with a
 * KO (recovery, the kiosk's idle sweep, a cancel) unless the token is about to lapse: the resolver in
 * main/services/card asks the terminal first.
 *
 * Pure: a fold over the session's journal entries. Lives in the engine because the engine's recovery
 * and sweeps must respect it; the services do the asking.
 */
import type { Json } from '../../db';

export const CARD_JOURNAL_KINDS = [
  /** the intent, journaled before the terminal is asked: `{ amountCents, device }` */
  'card-authorization-started',
  /** the terminal's answer to the payment request (`outcome`: approved, declined, ... or unknown) */
  'card-authorization',
  /** the terminal's answer to a later status question (`outcome`, `reason` when unknown) */
  'card-resolved',
  /** a reversal asked of the terminal: `{ transactionId, voided, failure? }` */
  'card-void',
  /** a charge that could not be reversed and is left for a person to refund: `{ transactionId, reason }` */
  'card-refund-case',
] as const;
export type CardJournalKind = (typeof CARD_JOURNAL_KINDS)[number];

export interface CardApproval {
  transactionId: string;
  amountCents: number;
  authCode: string;
  cardBrand: string;
  maskedPan: string;
}

export type CardLedger =
  /** no card authorization, or the last one ended with no money moved */
  | { phase: 'none' }
  /** asked (or about to be) with no trustworthy answer yet */
  | { phase: 'authorizing'; amountCents: number; device: string | null }
  /** approved by the terminal: a tender of the session, or still to tender or reverse */
  | { phase: 'approved'; approval: CardApproval; device: string | null; voidFailure: string | null }
  /** the approval was reversed at the terminal */
  | { phase: 'reversed'; approval: CardApproval }
  /** the approval could not be reversed: a person refunds it */
  | { phase: 'refund-case'; approval: CardApproval; reason: string };

const NO_MONEY = new Set(['declined', 'timeout', 'cancelled', 'unavailable', 'not-found']);

const str = (v: Json | undefined): string => (typeof v === 'string' ? v : '');
const num = (v: Json | undefined): number => (typeof v === 'number' ? v : 0);
const rec = (v: Json): Record<string, Json> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {});

function approvalOf(p: Record<string, Json>, fallbackCents: number): CardApproval {
  return {
    transactionId: str(p.transactionId),
    amountCents: typeof p.amountCents === 'number' ? p.amountCents : fallbackCents,
    authCode: str(p.authCode),
    cardBrand: str(p.cardBrand),
    maskedPan: str(p.maskedPan),
  };
}

/** The state of a session's card authorization after these journal entries (oldest first; other kinds ignored). */
export function cardLedger(entries: ReadonlyArray<{ kind: string; payload: Json }>): CardLedger {
  let l = { phase: 'none' } as CardLedger;
  for (const e of entries) {
    const p = rec(e.payload);
    switch (e.kind) {
      case 'card-authorization-started':
        l = { phase: 'authorizing', amountCents: num(p.amountCents), device: typeof p.device === 'string' ? p.device : null };
        break;
      case 'card-authorization':
      case 'card-resolved': {
        if (l.phase !== 'authorizing' && l.phase !== 'none') break; // an approval already known stays what it is
        const outcome = str(p.outcome);
        const reason = str(p.reason);
        if (outcome === 'approved') {
          const device = l.phase === 'authorizing' ? l.device : null;
          l = { phase: 'approved', approval: approvalOf(p, l.phase === 'authorizing' ? l.amountCents : 0), device, voidFailure: null };
        } else if (NO_MONEY.has(outcome) || (outcome === 'unknown' && reason === 'not-found')) l = { phase: 'none' };
        // 'unknown' (in progress, unreachable, a throw): still open
        break;
      }
      case 'card-void':
        if (l.phase !== 'approved') break;
        if (p.voided === true) l = { phase: 'reversed', approval: l.approval };
        else l = { ...l, voidFailure: str(p.failure) || 'offline' };
        break;
      case 'card-refund-case':
        if (l.phase === 'approved') l = { phase: 'refund-case', approval: l.approval, reason: str(p.reason) };
        break;
      default:
        break;
    }
  }
  return l;
}

/**
 * Whether the session's tokens must wait for the terminal before any KO: an authorization without an
 * answer, or an approval that is neither the session's tender nor reversed (nor left to a person).
 */
export function cardHoldOpen(l: CardLedger, tendered: boolean): boolean {
  return l.phase === 'authorizing' || (l.phase === 'approved' && !tendered);
}

/**
 * How close to its lapse a held token may get before the KO goes anyway: the node must have every
 * token's outcome (invariant 3), so the terminal's silence cannot hold it past this. The resolver
 * reverses an approval it can no longer tender well before (main/services/card).
 */
export const CARD_HOLD_LAST_RESORT_MS = 30_000;
