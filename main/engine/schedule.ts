/**
 * When to try an outcome again (SANP "Indicatori di qualità": mandatory retry for sendPaymentOutcome).
 *
 *   wait = slot × (2^k − 1), k = the attempt that just failed (first = 1), slot = the primitive's timeout,
 *   at most 5 attempts, with a way to inspect and reset the counter.
 *
 * On top of the rule:
 * - a request that never left (connection refused) did not reach the node: it does not count as an
 *   attempt and is retried sooner (short capped backoff);
 * - the wait is clamped so that the next attempt still completes before the token's deadline whenever
 *   that is possible (a late OK is accepted by the node but breaches the time rule);
 * - once the 5 attempts are spent the message is `stalled`: it stays pending, loudly, and is retried as
 *   soon as the node is seen answering again, or when a technician resets its counter. Never dropped.
 * All times are monotonic milliseconds (see clock.ts), so a wall-clock jump moves nothing.
 */
export const MAX_ATTEMPTS = 5;
export const OUTCOME_SLOT_MS = 15_000;
/** Retry delays for requests that never left: 1 s, 2 s, 4 s, then every 5 s. */
const UNSENT_BASE_MS = 1_000;
const UNSENT_CAP_MS = 5_000;

export type AttemptFailure =
  | 'unsent' // the connection was refused before any byte left
  | 'no-response' // sent, no answer (timeout, connection lost, bad body): resend with the SAME key
  | 'retryable-fault'; // the node answered with a transient fault: resend with a NEW key

export interface ScheduleInput {
  /** Attempts that reached (or may have reached) the node so far, including the one that just failed. */
  attempts: number;
  /** Consecutive attempts that never left, including this one when failure is 'unsent'. */
  unsentStreak: number;
  failure: AttemptFailure;
  nowMs: number;
  /** Token deadline in monotonic ms. */
  deadlineMs: number;
  slotMs?: number;
}

export type ScheduleDecision = { kind: 'retry'; atMs: number; newKey: boolean } | { kind: 'stalled' }; // attempts spent: wait for the node to answer again or a manual reset

export function backoffMs(k: number, slotMs: number = OUTCOME_SLOT_MS): number {
  return slotMs * (2 ** k - 1);
}

export function nextAttempt(i: ScheduleInput): ScheduleDecision {
  const slot = i.slotMs ?? OUTCOME_SLOT_MS;
  if (i.failure === 'unsent') {
    const wait = Math.min(UNSENT_CAP_MS, UNSENT_BASE_MS * 2 ** Math.max(0, i.unsentStreak - 1));
    return { kind: 'retry', atMs: i.nowMs + wait, newKey: false };
  }
  if (i.attempts >= MAX_ATTEMPTS) return { kind: 'stalled' };
  const newKey = i.failure === 'retryable-fault';
  const planned = i.nowMs + backoffMs(i.attempts, slot);
  // Leave room for one full exchange (the slot) before the deadline, when there is still time for it.
  const lastUseful = i.deadlineMs - slot;
  const atMs = planned > lastUseful && lastUseful > i.nowMs ? lastUseful : planned;
  return { kind: 'retry', atMs, newKey };
}
