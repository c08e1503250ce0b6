/**
 * What the cart holds, for the screen (pure): which notices the node said cannot be paid, how many
 * places they take, what the payable ones add up to before F9, and the quick-cash amounts.
 * The engine holds the same rule for unpayable notices (main/engine/session.ts `isUnpayable`; the
 * renderer may not import engine values, a unit test keeps the two agreeing).
 */
import type { NoticeState } from '../../../main/engine/types';
import { CART_LIMIT } from './limits';

/** The node's verdicts that mean "this notice cannot be paid" (already paid, expired, cancelled, unknown). */
const UNPAYABLE_ACTIONS: readonly string[] = ['notice-paid', 'notice-unpayable'];

export function isUnpayable(n: Pick<NoticeState, 'phase' | 'lastError'>): boolean {
  return n.phase === 'verify-failed' && UNPAYABLE_ACTIONS.includes(n.lastError?.action ?? '');
}

/** A verify that failed without a verdict on the notice (no answer, a transient fault): worth asking again. */
export function isRetryable(n: Pick<NoticeState, 'phase' | 'lastError'>): boolean {
  return n.phase === 'verify-failed' && !isUnpayable(n);
}

/** The notices that take a place in the cart: all but the unpayable ones. */
export const placesTaken = (notices: readonly NoticeState[]): number => notices.filter((n) => !isUnpayable(n)).length;

export const isFull = (notices: readonly NoticeState[]): boolean => placesTaken(notices) >= CART_LIMIT;

/** The running total before F9: the verified notices' amounts as the node gave them (integer cents). */
export function runningTotalCents(notices: readonly NoticeState[]): number {
  return notices.reduce((sum, n) => sum + (n.phase === 'verified' && n.verification ? n.verification.amountCents : 0), 0);
}

/** Banknotes a customer commonly hands over, in cents. */
export const COMMON_NOTES_CENTS: readonly number[] = [500, 1000, 2000, 5000, 10000];

/**
 * The quick-cash amounts for what is due: the exact amount, then the due amount rounded up to
 * each common note (5, 10, 20, 50, 100 euro) when that is more, each once, in order.
 */
export function quickCashCents(dueCents: number): number[] {
  if (!Number.isSafeInteger(dueCents) || dueCents <= 0) return [];
  const out = [dueCents];
  for (const note of COMMON_NOTES_CENTS) {
    const up = Math.ceil(dueCents / note) * note;
    if (up > dueCents && !out.includes(up)) out.push(up);
  }
  return out.sort((a, b) => a - b);
}
