/**
 * Storing what the terminals publish. A journal batch is stored in one transaction holding the
 * terminal's chain_state row locked (SELECT ... FOR UPDATE): consumers sharing the subscription may
 * receive two batches of one terminal at once, and this lock makes them take turns, so the chain is
 * walked by one transaction at a time and never sees half of another's entries.
 *
 * Idempotent by (terminal, seq): an entry already held with the same hash is a resend and ignored;
 * one held with a different hash is a conflicting copy and breaks the chain at that seq.
 * Payments are derived from the entries as the chain verifies them, in seq order: a tender's
 * notices become `payment` rows, an outcome entry moves its notice's state. Entries past a gap wait
 * for the gap to fill; entries past a broken link are kept but never counted.
 */
import type { Pool, PoolClient } from 'pg';
import type { JournalBatch, TerminalStatus } from '../fleet/wire';
import { walkChain, type ChainEntry } from './chain';
import { inTransaction } from './migrations';

/** The UTC day of an ISO time, the journal's partition key; null when it is not a time. */
export function utcDay(at: string): string | null {
  const t = Date.parse(at);
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : null;
}

/** Days whose partition exists, per database (pool). */
const partitionsMade = new WeakMap<Pool, Set<string>>();

/** Creates the daily partitions these days need (once per process per day; concurrent creators take turns). */
export async function ensureDayPartitions(pool: Pool, days: Iterable<string>): Promise<void> {
  let made = partitionsMade.get(pool);
  if (!made) partitionsMade.set(pool, (made = new Set()));
  for (const day of new Set(days)) {
    if (made.has(day)) continue;
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const name = `journal_${day.replaceAll('-', '')}`;
    const client = await pool.connect();
    try {
      await inTransaction(client, async () => {
        await client.query('SELECT pg_advisory_xact_lock(7316002)');
        // day and next are YYYY-MM-DD from toISOString: safe inside the DDL text
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF journal FOR VALUES FROM ('${day} 00:00:00+00') TO ('${next} 00:00:00+00')`,
        );
      });
    } finally {
      client.release();
    }
    made.add(day);
  }
}

export interface StoreResult {
  inserted: number;
  duplicates: number;
  head: number;
  gap: { from: number; to: number } | null;
  broken: { seq: number; reason: string } | null;
}

interface ChainRow {
  head_seq: string;
  head_hash: string;
  broken_seq: string | null;
  broken_reason: string | null;
  max_seq: string;
}

/** Stores a validated batch; safe to call again with the same batch. */
export async function storeJournalBatch(pool: Pool, batch: JournalBatch): Promise<StoreResult> {
  const days = batch.entries.map((e) => utcDay(e.at));
  if (days.some((d) => d === null)) throw new Error('an entry has no valid time');
  await ensureDayPartitions(pool, days as string[]);
  const client = await pool.connect();
  try {
    return await inTransaction(client, () => storeInTransaction(client, batch));
  } finally {
    client.release();
  }
}

async function storeInTransaction(db: PoolClient, batch: JournalBatch): Promise<StoreResult> {
  const t = batch.terminal;
  const sentAt = Date.parse(batch.sentAt);
  await touchTerminal(db, t, Number.isFinite(sentAt) ? new Date(sentAt) : null);
  await db.query('INSERT INTO chain_state (terminal) VALUES ($1) ON CONFLICT DO NOTHING', [t]);
  const state = (
    await db.query<ChainRow>(
      'SELECT head_seq, head_hash, broken_seq, broken_reason, max_seq FROM chain_state WHERE terminal = $1 FOR UPDATE',
      [t],
    )
  ).rows[0]!;
  const first = batch.entries[0]!.seq;
  const last = batch.entries.at(-1)!.seq;
  const held = new Map(
    (
      await db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM journal WHERE terminal = $1 AND seq BETWEEN $2 AND $3', [
        t,
        first,
        last,
      ])
    ).rows.map((r) => [Number(r.seq), r.hash]),
  );
  let broken: { seq: number; reason: string } | null =
    state.broken_seq === null ? null : { seq: Number(state.broken_seq), reason: state.broken_reason ?? '' };
  const fresh = batch.entries.filter((e) => !held.has(e.seq));
  const conflicting = batch.entries.find((e) => held.has(e.seq) && held.get(e.seq) !== e.hash);
  if (conflicting && !broken) broken = { seq: conflicting.seq, reason: 'conflicting-copy' };
  if (fresh.length > 0) {
    await db.query(
      `INSERT INTO journal (terminal, seq, at, at_text, kind, session_id, payload, prev_hash, hash)
       SELECT $1, * FROM unnest($2::bigint[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::json[], $8::text[], $9::text[])
       ON CONFLICT DO NOTHING`,
      [
        t,
        fresh.map((e) => e.seq),
        fresh.map((e) => e.at),
        fresh.map((e) => e.at),
        fresh.map((e) => e.kind),
        fresh.map((e) => e.sessionId),
        fresh.map((e) => JSON.stringify(e.payload ?? null)),
        fresh.map((e) => e.prevHash),
        fresh.map((e) => e.hash),
      ],
    );
  }
  let head = { seq: Number(state.head_seq), hash: state.head_hash };
  let gap: { from: number; to: number } | null = null;
  // Walk forward from the verified head over what is held, deriving payments as entries verify.
  while (!broken) {
    const rows = (
      await db.query<{
        seq: string;
        at_text: string;
        kind: string;
        session_id: string | null;
        payload: unknown;
        prev_hash: string;
        hash: string;
      }>(
        'SELECT seq, at_text, kind, session_id, payload, prev_hash, hash FROM journal WHERE terminal = $1 AND seq > $2 ORDER BY seq LIMIT 1000',
        [t, head.seq],
      )
    ).rows;
    if (rows.length === 0) break;
    const entries: ChainEntry[] = rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at_text,
      kind: r.kind,
      sessionId: r.session_id,
      payload: r.payload,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    const walk = walkChain(head, entries);
    const verified = entries.filter((e) => e.seq > head.seq && e.seq <= walk.head.seq);
    await derivePayments(db, t, verified);
    head = walk.head;
    gap = walk.gap;
    if (walk.broken) broken = walk.broken;
    if (walk.gap || walk.broken || rows.length < 1000) break;
  }
  const maxSeq = Math.max(Number(state.max_seq), last);
  await db.query(
    'UPDATE chain_state SET head_seq = $2, head_hash = $3, gap_from = $4, gap_to = $5, broken_seq = $6, broken_reason = $7, max_seq = $8 WHERE terminal = $1',
    [t, head.seq, head.hash, gap?.from ?? null, gap?.to ?? null, broken?.seq ?? null, broken?.reason ?? null, maxSeq],
  );
  if (broken) await openAlert(db, t, 'broken-chain', { seq: broken.seq, reason: broken.reason });
  return { inserted: fresh.length, duplicates: batch.entries.length - fresh.length, head: head.seq, gap, broken };
}

interface TenderNotice {
  /** the engine's notice id: a number in the terminal's journal (stored as text) */
  noticeId: string | number;
  fiscalCode: string;
  noticeNumber: string;
  paymentToken: string;
  amountCents: number;
}

function tenderNotices(payload: unknown): TenderNotice[] {
  const list = (payload as { notices?: unknown } | null)?.notices;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (n): n is TenderNotice =>
      typeof n === 'object' &&
      n !== null &&
      (typeof n.noticeId === 'string' || Number.isSafeInteger(n.noticeId)) &&
      typeof n.fiscalCode === 'string' &&
      typeof n.noticeNumber === 'string' &&
      typeof n.paymentToken === 'string' &&
      Number.isSafeInteger(n.amountCents) &&
      n.amountCents >= 0,
  );
}

/** Payment rows from verified entries, in seq order: tenders create them, outcomes move their state. */
async function derivePayments(db: PoolClient, terminal: string, entries: readonly ChainEntry[]): Promise<void> {
  for (const e of entries) {
    if (e.sessionId === null) continue;
    if (e.kind === 'tender-submitted') {
      const method = String((e.payload as { method?: unknown } | null)?.method ?? 'unknown');
      for (const n of tenderNotices(e.payload)) {
        await db.query(
          `INSERT INTO payment (terminal, session_id, notice_id, payment_token, fiscal_code, notice_number, amount_cents, paid_at, method, seq)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
          [terminal, e.sessionId, String(n.noticeId), n.paymentToken, n.fiscalCode, n.noticeNumber, n.amountCents, e.at, method, e.seq],
        );
      }
    } else if (e.kind.startsWith('outcome-')) {
      const noticeId = (e.payload as { noticeId?: unknown } | null)?.noticeId;
      if (typeof noticeId !== 'string' && !Number.isSafeInteger(noticeId)) continue;
      await db.query('UPDATE payment SET state = $4 WHERE terminal = $1 AND session_id = $2 AND notice_id = $3', [
        terminal,
        e.sessionId,
        String(noticeId),
        e.kind.slice('outcome-'.length),
      ]);
    }
  }
}

/** Seen now, or at `at` when that is earlier (a queued message says when it was sent, not when it arrived). */
async function touchTerminal(db: PoolClient | Pool, terminal: string, at: Date | null): Promise<void> {
  await db.query(
    `INSERT INTO terminal (id, last_seen) VALUES ($1, LEAST(now(), COALESCE($2::timestamptz, now())))
     ON CONFLICT (id) DO UPDATE SET last_seen = GREATEST(terminal.last_seen, EXCLUDED.last_seen)`,
    [terminal, at],
  );
}

export async function openAlert(db: PoolClient | Pool, terminal: string, kind: string, detail: Record<string, unknown>): Promise<void> {
  await db.query(
    `INSERT INTO alert (terminal, kind, detail) VALUES ($1, $2, $3)
     ON CONFLICT (terminal, kind) WHERE resolved_at IS NULL DO UPDATE SET detail = EXCLUDED.detail`,
    [terminal, kind, JSON.stringify(detail)],
  );
}

/**
 * The terminal's latest status. A full status replaces an older one (by its own time); the last
 * will (no detail, published by the broker for a vanished terminal) only marks it offline, since it
 * was composed when the terminal connected and its time is old.
 */
export async function storeStatus(pool: Pool, s: TerminalStatus): Promise<void> {
  const client = await pool.connect();
  try {
    await inTransaction(client, async () => {
      const at = Date.parse(s.at);
      await touchTerminal(client, s.terminal, Number.isFinite(at) ? new Date(at) : null);
      if (!s.detail) {
        await client.query(
          `INSERT INTO terminal_status (terminal, online, at) VALUES ($1, false, $2)
           ON CONFLICT (terminal) DO UPDATE SET online = false, received_at = now()`,
          [s.terminal, s.at],
        );
        return;
      }
      const d = s.detail;
      await client.query(
        `INSERT INTO terminal_status (terminal, online, at, kind, grp, software_version, config_version, outbox_depth, nearest_deadline, stalled, parked, printer, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (terminal) DO UPDATE SET online = EXCLUDED.online, at = EXCLUDED.at, received_at = now(), kind = EXCLUDED.kind,
           grp = EXCLUDED.grp, software_version = EXCLUDED.software_version, config_version = EXCLUDED.config_version,
           outbox_depth = EXCLUDED.outbox_depth, nearest_deadline = EXCLUDED.nearest_deadline, stalled = EXCLUDED.stalled,
           parked = EXCLUDED.parked, printer = EXCLUDED.printer, detail = EXCLUDED.detail
         WHERE terminal_status.at <= EXCLUDED.at OR terminal_status.detail IS NULL`,
        [
          s.terminal,
          s.online,
          s.at,
          d.kind,
          d.group,
          d.softwareVersion,
          d.configVersion,
          d.outbox.depth,
          d.outbox.nearestDeadline,
          d.outbox.stalled,
          d.outbox.parked,
          d.printer,
          JSON.stringify(d),
        ],
      );
    });
  } finally {
    client.release();
  }
}
