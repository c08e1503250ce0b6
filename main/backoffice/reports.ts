/**
 * What the dashboard and the reconciliation read: terminals with their status, alerts, a terminal's
 * journal by page, totals per creditor and per terminal for a day, and the payments export (CSV).
 * Days are Europe/Rome calendar days, as the terminals' X and Z reports count them.
 */
import type { Pool } from 'pg';
import { centsToAmount } from '../../kernel/money';
import type { AlertView, JournalPageView, PaymentTotals, TerminalView } from './api-types';

const num = (v: string | number | null): number => (v === null ? 0 : Number(v));
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export async function listTerminals(pool: Pool): Promise<TerminalView[]> {
  const r = await pool.query(
    `SELECT t.id, t.last_seen, s.online, s.kind, s.grp, s.software_version, s.config_version, s.outbox_depth, s.nearest_deadline,
            s.stalled, s.parked, s.printer, c.head_seq, c.max_seq, c.gap_from, c.gap_to, c.broken_seq
     FROM terminal t LEFT JOIN terminal_status s ON s.terminal = t.id LEFT JOIN chain_state c ON c.terminal = t.id
     ORDER BY t.id`,
  );
  return r.rows.map((x) => ({
    id: x.id,
    kind: x.kind,
    group: x.grp,
    online: x.online ?? false,
    lastSeen: iso(x.last_seen),
    outboxDepth: x.outbox_depth,
    nearestDeadline: iso(x.nearest_deadline),
    stalled: x.stalled ?? 0,
    parked: x.parked ?? 0,
    printer: x.printer,
    softwareVersion: x.software_version,
    configVersion: x.config_version === null ? null : num(x.config_version),
    journal: {
      headSeq: num(x.head_seq),
      maxSeq: num(x.max_seq),
      gap: x.gap_from === null ? null : { from: num(x.gap_from), to: num(x.gap_to) },
      brokenSeq: x.broken_seq === null ? null : num(x.broken_seq),
    },
  }));
}

export async function listAlerts(pool: Pool, open = true): Promise<AlertView[]> {
  const r = await pool.query(
    `SELECT id, terminal, kind, detail, opened_at, resolved_at FROM alert ${open ? 'WHERE resolved_at IS NULL' : ''} ORDER BY opened_at DESC LIMIT 500`,
  );
  return r.rows.map((a) => ({
    id: num(a.id),
    terminal: a.terminal,
    kind: a.kind,
    detail: a.detail,
    openedAt: iso(a.opened_at)!,
    resolvedAt: iso(a.resolved_at),
  }));
}

export const JOURNAL_PAGE = 50;

/** Entries of one terminal, newest first, `before` a seq (exclusive) for the next page. */
export async function journalPage(pool: Pool, terminal: string, before: number | null): Promise<JournalPageView> {
  const r = await pool.query(
    `SELECT seq, at_text, kind, session_id, payload, hash FROM journal WHERE terminal = $1 AND ($2::bigint IS NULL OR seq < $2)
     ORDER BY seq DESC LIMIT $3`,
    [terminal, before, JOURNAL_PAGE],
  );
  const entries = r.rows.map((e) => ({
    seq: num(e.seq),
    at: e.at_text,
    kind: e.kind,
    sessionId: e.session_id,
    payload: e.payload,
    hash: e.hash,
  }));
  return { terminal, entries, nextBefore: entries.length === JOURNAL_PAGE ? entries.at(-1)!.seq : null };
}

const ROME_DAY = "(paid_at AT TIME ZONE 'Europe/Rome')::date";

export async function totals(pool: Pool, day: string): Promise<PaymentTotals> {
  const byCreditor = await pool.query(
    `SELECT fiscal_code, count(*) AS payments, sum(amount_cents) AS cents FROM payment WHERE ${ROME_DAY} = $1::date GROUP BY fiscal_code ORDER BY fiscal_code`,
    [day],
  );
  const byTerminal = await pool.query(
    `SELECT terminal, count(*) AS payments, sum(amount_cents) AS cents FROM payment WHERE ${ROME_DAY} = $1::date GROUP BY terminal ORDER BY terminal`,
    [day],
  );
  return {
    day,
    byCreditor: byCreditor.rows.map((r) => ({ fiscalCode: r.fiscal_code, payments: num(r.payments), cents: num(r.cents) })),
    byTerminal: byTerminal.rows.map((r) => ({ terminal: r.terminal, payments: num(r.payments), cents: num(r.cents) })),
  };
}

/** Today in Europe/Rome, YYYY-MM-DD. */
export function romeToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * A CSV cell: always quoted, quotes doubled, and a leading = + - @ tab or CR made inert with an
 * apostrophe, so a spreadsheet never runs a value as a formula (CSV injection).
 */
export function csvCell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replaceAll('"', '""')}"`;
}

export const EXPORT_HEADER = [
  'day',
  'creditor_fiscal_code',
  'notice_number',
  'payment_token',
  'amount_eur',
  'terminal',
  'session',
  'method',
  'state',
  'paid_at',
];

/** The reconciliation export: payments from day `from` to `to` (inclusive), by creditor then time. */
export async function exportCsv(pool: Pool, q: { from: string; to: string; creditor: string | null }): Promise<string> {
  const r = await pool.query(
    `SELECT ${ROME_DAY}::text AS day, fiscal_code, notice_number, payment_token, amount_cents, terminal, session_id, method, state, paid_at
     FROM payment WHERE ${ROME_DAY} BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR fiscal_code = $3)
     ORDER BY fiscal_code, paid_at, terminal, notice_id`,
    [q.from, q.to, q.creditor],
  );
  const lines = [EXPORT_HEADER.map(csvCell).join(',')];
  for (const p of r.rows) {
    lines.push(
      [
        p.day,
        p.fiscal_code,
        p.notice_number,
        p.payment_token,
        centsToAmount(num(p.amount_cents)),
        p.terminal,
        p.session_id,
        p.method,
        p.state,
        iso(p.paid_at),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
