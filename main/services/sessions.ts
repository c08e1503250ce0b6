/** Which payment sessions a screen resumes after a reload (sessions.open). */
import type { Core } from '../core/core';
import type { SessionState, SessionStatus } from '../engine';

/**
 * Where a payment is still the screen's business: notices in the cart, tokens being taken or held,
 * a KO or OK on its way. Ended sessions and those waiting for a supervisor's decision are not.
 */
const OPEN_STATES: readonly SessionStatus[] = [
  'cart',
  'activating',
  'activated',
  'needs-decision',
  'outcome-pending',
  'cancelling',
  'token-expired',
];

function stillOpen(s: SessionState): boolean {
  // An empty cart holds nothing worth resuming; needs-decision only for an activation left without
  // a tender (resumed with a tender or closed with a KO, as the engine allows).
  if (s.status === 'cart') return s.notices.length > 0;
  if (s.status === 'needs-decision') return s.tender === null && s.decisionReason === 'abandoned-activation';
  return true;
}

/** The screens' own sessions on this terminal still in progress (a CLI run drives its own), newest first. */
export function openSessions(core: Core): SessionState[] {
  const mine = core.db.sessions
    .listByState(OPEN_STATES)
    .filter((rec) => rec.terminalId === core.config.terminal.id && rec.kind !== 'cli')
    .reverse();
  return mine.map((rec) => core.engine.get(rec.id)).filter(stillOpen);
}
