/**
 * The status bar's outcome alert, the pure part (StatusBar.tsx shows it): which sessions this
 * window saw with an outcome pending at the node (kept in the window's sessionStorage, so a reload
 * keeps them), and what a session update means for them.
 */
import type { SessionState } from '../../main/contract/schemas';

export interface OutcomeAlert {
  sessionId: string;
  outcome: 'confirmed' | 'refused';
  noticeNumber: string;
  notices: number;
  cents: number | null;
}

const CONFIRMED = new Set<string>(['completed', 'certified']);
const REFUSED = new Set<string>(['refund-required', 'needs-decision']);
const PENDING_KEY = 'sportello.status.pendingOutcomes';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
export function loadPending(): Set<string> {
  try {
    const list: unknown = JSON.parse(storage()?.getItem(PENDING_KEY) ?? '[]');
    return new Set(Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}
export function savePending(ids: Set<string>): void {
  try {
    storage()?.setItem(PENDING_KEY, JSON.stringify([...ids].slice(-100)));
  } catch {
    // storage refused: after a reload this window forgets which outcomes it was waiting for
  }
}

/**
 * What a session update means for the alerts (pure): remember a pending outcome, and when a
 * remembered one settles, the alert to raise (or none: still pending, or closed another way).
 */
export function outcomeChange(pending: Set<string>, s: SessionState): { remember: boolean; forget: boolean; alert: OutcomeAlert | null } {
  if (s.status === 'outcome-pending') return { remember: !pending.has(s.id), forget: false, alert: null };
  if (!pending.has(s.id)) return { remember: false, forget: false, alert: null };
  const outcome = CONFIRMED.has(s.status) ? 'confirmed' : REFUSED.has(s.status) ? 'refused' : null;
  if (!outcome) return { remember: false, forget: true, alert: null };
  const first = s.notices[0];
  return {
    remember: false,
    forget: true,
    alert: {
      sessionId: s.id,
      outcome,
      noticeNumber: first?.ref.noticeNumber ?? '',
      notices: s.notices.length,
      cents: s.tender?.dueCents ?? null,
    },
  };
}
