/**
 * How a position looks from outside (admin API, tests, the CLI): its stored data plus what is
 * derived from the sessions and the clock (current amount, state, session statuses), times as
 * ISO 8601 on the simulated clock, and the QR text of the printed notice.
 */
import { sessionStatus, amountOf, type Position, type Session, type SessionStatus } from './model';
import { qrText } from './notice';
import type { SimState } from './state';
import type { CancelJob } from './cancel-job';

export type PositionState = 'payable' | 'in-progress' | 'paid' | 'expired' | 'cancelled';

export interface SessionView extends Omit<Session, 'activatedAt' | 'expiresAt' | 'acquired' | 'received'> {
  status: SessionStatus;
  /** the session holds the notice: open, or expired and not yet released by the cancel job */
  holdsNotice: boolean;
  /** for an expired session: when the cancel job releases (released) it, if known */
  releaseAt?: string;
  activatedAt: string;
  expiresAt: string;
  acquired?: Omit<NonNullable<Session['acquired']>, 'at'> & { at: string };
  received: Array<Omit<Session['received'][number], 'at'> & { at: string }>;
}

export interface PositionView extends Omit<Position, 'paid'> {
  state: PositionState;
  amountCents: number;
  qrText: string;
  paid?: { paymentToken: string | null; at: string; late: boolean };
  sessions: SessionView[];
}

const iso = (ms: number) => new Date(ms).toISOString();

export function viewPosition(state: SimState, p: Position, now: number, cancelJob: CancelJob): PositionView {
  const sessions = p.tokens.map((t) => state.session(t)).filter((s): s is Session => s !== undefined);
  const views = sessions.map((s) => viewSession(s, now, cancelJob));
  const inProgress = views.some((s) => s.holdsNotice);
  const { paid, ...rest } = p;
  return {
    ...rest,
    state: p.status === 'payable' && inProgress ? 'in-progress' : p.status,
    amountCents: amountOf(p),
    qrText: qrText(p.noticeNumber, p.fiscalCode, p.printedAmountCents),
    ...(paid ? { paid: { ...paid, at: iso(paid.at) } } : {}),
    sessions: views,
  };
}

function viewSession(s: Session, now: number, cancelJob: CancelJob): SessionView {
  const { activatedAt, expiresAt, acquired, received, ...rest } = s;
  const status = sessionStatus(s, now);
  const releaseAt = status === 'expired' ? cancelJob.releaseAt(s) : undefined;
  return {
    ...rest,
    status,
    holdsNotice: status === 'open' || (status === 'expired' && !cancelJob.released(s, now)),
    ...(releaseAt !== undefined ? { releaseAt: iso(releaseAt) } : {}),
    activatedAt: iso(activatedAt),
    expiresAt: iso(expiresAt),
    ...(acquired ? { acquired: { ...acquired, at: iso(acquired.at) } } : {}),
    received: received.map((r) => ({ ...r, at: iso(r.at) })),
  };
}
