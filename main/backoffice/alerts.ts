/**
 * Alerts, recomputed by a periodic job (and after each status message) from what the tables hold:
 * - `deadline`: a terminal's nearest token deadline (its status' outbox.nearestDeadline) is within
 *   `deadlineMinutes` while its outbox still holds outcomes;
 * - `silent`: nothing (status or journal) from a terminal for `silentMinutes`;
 * - `stalled`: its status counts stalled or parked outcomes;
 * - `broken-chain`: its journal does not verify (opened by the store as it happens; stays open,
 *   since a broken chain needs a person to look).
 * An alert is opened once per terminal and kind and resolved when its condition ends.
 */
import type { Pool } from 'pg';
import { openAlert } from './store';

export interface AlertRules {
  deadlineMinutes: number;
  silentMinutes: number;
}

export const DEFAULT_ALERT_RULES: AlertRules = { deadlineMinutes: 5, silentMinutes: 5 };

const COMPUTED = ['deadline', 'silent', 'stalled'] as const;

export async function refreshAlerts(pool: Pool, rules: AlertRules, now = new Date()): Promise<void> {
  const wanted = new Map<string, { terminal: string; kind: string; detail: Record<string, unknown> }>();
  const add = (terminal: string, kind: string, detail: Record<string, unknown>) =>
    wanted.set(`${terminal}\u0000${kind}`, { terminal, kind, detail });
  const deadline = await pool.query<{ terminal: string; nearest_deadline: Date; outbox_depth: number }>(
    `SELECT terminal, nearest_deadline, outbox_depth FROM terminal_status
     WHERE nearest_deadline IS NOT NULL AND COALESCE(outbox_depth, 0) > 0 AND nearest_deadline < $1::timestamptz + make_interval(mins => $2)`,
    [now, rules.deadlineMinutes],
  );
  for (const r of deadline.rows) add(r.terminal, 'deadline', { deadline: r.nearest_deadline.toISOString(), depth: r.outbox_depth });
  const silent = await pool.query<{ id: string; last_seen: Date }>(
    'SELECT id, last_seen FROM terminal WHERE last_seen < $1::timestamptz - make_interval(mins => $2)',
    [now, rules.silentMinutes],
  );
  for (const r of silent.rows) add(r.id, 'silent', { lastSeen: r.last_seen.toISOString() });
  const stalled = await pool.query<{ terminal: string; stalled: number; parked: number }>(
    'SELECT terminal, stalled, parked FROM terminal_status WHERE stalled > 0 OR parked > 0',
  );
  for (const r of stalled.rows) add(r.terminal, 'stalled', { stalled: r.stalled, parked: r.parked });

  const open = await pool.query<{ id: string; terminal: string; kind: string }>(
    'SELECT id, terminal, kind FROM alert WHERE resolved_at IS NULL AND kind = ANY($1)',
    [COMPUTED],
  );
  for (const a of open.rows) {
    if (!wanted.has(`${a.terminal}\u0000${a.kind}`)) await pool.query('UPDATE alert SET resolved_at = $2 WHERE id = $1', [a.id, now]);
  }
  for (const w of wanted.values()) await openAlert(pool, w.terminal, w.kind, w.detail);
}
