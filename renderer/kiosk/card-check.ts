/**
 * A card payment whose answer was lost: the core asks the card terminal how it ended (its resolver's
 * sweep) while the screen follows the session and the authorization (kiosk.cardCheck) and says what
 * it means for the citizen, or for the operator at a counter. Pure: shared by both screens.
 */
import type { ResponseOf } from '../../main/contract/calls';

export type CardCheck = ResponseOf<'kiosk.cardCheck'>;
type Session = ResponseOf<'session.get'>;

/**
 * Where a card payment being checked stands:
 * - `checking`: the terminal may have charged and has not said; nobody pays again meanwhile;
 * - `paid`: the approval became the session's card tender (the receipt follows as after any approval);
 * - `no-charge`: the terminal never processed it, no money moved; `retry` when the session still
 *   waits for a payment (else it ended meanwhile, its tokens lapsed);
 * - `reversed`: it was approved but could not be tendered, and the charge was cancelled at the terminal;
 * - `not-reversed`: charged, not tendered, and the terminal refused the reversal: a refund for staff.
 */
export type CardSettlement =
  { kind: 'checking' } | { kind: 'paid' } | { kind: 'no-charge'; retry: boolean } | { kind: 'reversed' } | { kind: 'not-reversed' };

export function settlementOf(check: CardCheck, session: Session): CardSettlement {
  if (session.tender?.method === 'card') return { kind: 'paid' };
  if (check.open) return { kind: 'checking' };
  switch (check.phase) {
    case 'none':
      return { kind: 'no-charge', retry: session.status === 'activated' };
    case 'reversed':
      return { kind: 'reversed' };
    case 'refund-case':
      return { kind: 'not-reversed' };
    case 'authorizing':
    case 'approved':
      // Not held yet not tendered: between two steps of the core; the next look tells.
      return { kind: 'checking' };
  }
}

/** The code a citizen or an operator reads out to staff: the session id's first 8 characters, grouped. */
export function shortCode(sessionId: string): string {
  const s = sessionId
    .replace(/[^0-9a-z]/gi, '')
    .slice(0, 8)
    .toUpperCase();
  return s.length > 4 ? `${s.slice(0, 4)}-${s.slice(4)}` : s;
}

/** How often the screens look again while the core checks (its sweep settles within seconds). */
export const CARD_CHECK_POLL_MS = 1_000;
