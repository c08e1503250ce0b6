/**
 * A past payment's state in the operator's words (pure): the history:status.* key for the session's
 * status, with "accepted late" when the node took an outcome after the token's deadline.
 */
import type { SessionState } from '../../../main/contract/schemas';

export type StatusWord =
  | 'in-progress'
  | 'pending'
  | 'confirmed'
  | 'confirmed-uncertified'
  | 'accepted-late'
  | 'cancelled'
  | 'expired'
  | 'refused'
  | 'refund'
  | 'refunded'
  | 'decision';

const WORDS: Record<SessionState['status'], StatusWord> = {
  cart: 'in-progress',
  activating: 'in-progress',
  activated: 'in-progress',
  'activation-refused': 'refused',
  'outcome-pending': 'pending',
  completed: 'confirmed-uncertified',
  certified: 'confirmed',
  cancelling: 'cancelled',
  cancelled: 'cancelled',
  'token-expired': 'expired',
  'refund-required': 'refund',
  refunded: 'refunded',
  'needs-decision': 'decision',
};

/** From a listed session's stored state (a string: storage does not interpret it). */
export function statusWord(state: string, phases: readonly string[] = []): StatusWord {
  const word = (WORDS as Record<string, StatusWord | undefined>)[state] ?? 'in-progress';
  if ((word === 'confirmed' || word === 'confirmed-uncertified') && phases.includes('accepted-late')) return 'accepted-late';
  return word;
}

/** Tone of the state on screen. */
export function statusTone(word: StatusWord): 'success' | 'warning' | 'error' | 'info' {
  if (word === 'confirmed' || word === 'confirmed-uncertified' || word === 'accepted-late') return 'success';
  if (word === 'pending' || word === 'in-progress') return 'info';
  if (word === 'refund' || word === 'decision') return 'error';
  return 'warning';
}

/** What the operator may print from the history: the final certificate once, then duplicates. */
export function printable(status: SessionState['status']): { final: boolean; duplicate: boolean } {
  return { final: status === 'completed', duplicate: status === 'certified' };
}
