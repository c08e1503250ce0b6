/**
 * The shapes of the back office's JSON API, shared (as types only) with the dashboard page
 * (renderer/fleet). Times are ISO strings, money integer cents.
 */
export interface TerminalView {
  id: string;
  kind: 'counter' | 'kiosk' | null;
  group: string | null;
  online: boolean;
  lastSeen: string | null;
  outboxDepth: number | null;
  nearestDeadline: string | null;
  stalled: number;
  parked: number;
  printer: string | null;
  softwareVersion: string | null;
  configVersion: number | null;
  journal: { headSeq: number; maxSeq: number; gap: { from: number; to: number } | null; brokenSeq: number | null };
}

export type AlertKind = 'deadline' | 'silent' | 'stalled' | 'broken-chain';

export interface AlertView {
  id: number;
  terminal: string;
  kind: AlertKind;
  detail: Record<string, unknown>;
  openedAt: string;
  resolvedAt: string | null;
}

export interface JournalEntryView {
  seq: number;
  at: string;
  kind: string;
  sessionId: string | null;
  payload: unknown;
  hash: string;
}

export interface JournalPageView {
  terminal: string;
  entries: JournalEntryView[];
  /** pass as `before` for the next (older) page; null at the first entry */
  nextBefore: number | null;
}

export interface PaymentTotals {
  day: string;
  byCreditor: { fiscalCode: string; payments: number; cents: number }[];
  byTerminal: { terminal: string; payments: number; cents: number }[];
}

export interface OverviewView {
  now: string;
  user: string;
  terminals: TerminalView[];
  alerts: AlertView[];
  /** resend requests this back office process published since it started (resend.ts) */
  resendRequests: number;
}

export interface ConfigPublished {
  version: number;
  topic: string;
}
