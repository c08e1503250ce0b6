/**
 * The back office's PostgreSQL schema, as numbered migrations applied in order and recorded in
 * `schema_migrations`. A migration never changes once released: a new need is a new number.
 * Every migration runs in its own transaction under an advisory lock, so two back offices started
 * at once against the same database do not both apply it.
 *
 * The journal is partitioned by range on the entry's time, one partition per UTC day, created when
 * a batch brings a day not seen yet (store.ts ensureDayPartitions). Why daily partitions on demand
 * and no default partition: a terminal that was offline for days ships entries of past days, which
 * land in their own day (so a day's partition can be archived or dropped as a unit); a default
 * partition would have to be scanned, and could refuse, every time a new day's partition is attached.
 */
import type { Pool, PoolClient } from 'pg';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'fleet schema',
    sql: `
CREATE TABLE terminal (
  id text PRIMARY KEY,
  first_seen timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE terminal_status (
  terminal text PRIMARY KEY REFERENCES terminal(id),
  online boolean NOT NULL,
  at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  kind text,
  grp text,
  software_version text,
  config_version bigint,
  outbox_depth integer,
  nearest_deadline timestamptz,
  stalled integer NOT NULL DEFAULT 0,
  parked integer NOT NULL DEFAULT 0,
  printer text,
  detail jsonb
);
-- The journal as the terminals wrote it: payload kept as json (text, verbatim) so its hash recomputes.
CREATE TABLE journal (
  terminal text NOT NULL,
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  at_text text NOT NULL,
  kind text NOT NULL,
  session_id text,
  payload json NOT NULL,
  prev_hash char(64) NOT NULL,
  hash char(64) NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (terminal, seq, at)
) PARTITION BY RANGE (at);
CREATE TABLE chain_state (
  terminal text PRIMARY KEY REFERENCES terminal(id),
  head_seq bigint NOT NULL DEFAULT 0,
  head_hash char(64) NOT NULL DEFAULT repeat('0', 64),
  -- the first missing range after the verified head, while entries past it are held
  gap_from bigint,
  gap_to bigint,
  broken_seq bigint,
  broken_reason text,
  max_seq bigint NOT NULL DEFAULT 0
);
CREATE TABLE alert (
  id bigserial PRIMARY KEY,
  terminal text NOT NULL,
  kind text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  opened_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);
CREATE UNIQUE INDEX alert_open ON alert (terminal, kind) WHERE resolved_at IS NULL;
CREATE SEQUENCE config_version_seq;
CREATE TABLE config_version (
  version bigint PRIMARY KEY,
  target_kind text NOT NULL,
  target_name text,
  topic text NOT NULL,
  settings jsonb NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  issued_by text NOT NULL
);
CREATE TABLE app_user (
  name text PRIMARY KEY,
  salt bytea NOT NULL,
  hash bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz
);
-- One row per notice paid (tender-submitted), its token's state from the outcome entries.
CREATE TABLE payment (
  terminal text NOT NULL,
  session_id text NOT NULL,
  notice_id text NOT NULL,
  payment_token text NOT NULL,
  fiscal_code text NOT NULL,
  notice_number text NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  paid_at timestamptz NOT NULL,
  method text NOT NULL,
  state text NOT NULL DEFAULT 'outcome-pending',
  seq bigint NOT NULL,
  PRIMARY KEY (terminal, session_id, notice_id)
);
CREATE INDEX payment_paid_at ON payment (paid_at, fiscal_code);
`,
  },
];

const LOCK_KEY = 7_316_001; // pg_advisory_xact_lock key: "sportello fleet migrations"

/** Applies every migration not yet applied; returns the versions it applied. */
export async function migrate(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    for (const m of MIGRATIONS) {
      await inTransaction(client, async () => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
        const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
        if (done.rowCount) return;
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        applied.push(m.version);
      });
    }
  } finally {
    client.release();
  }
  return applied;
}

/** The versions a database has, to refuse running against one not migrated. */
export async function pendingMigrations(pool: Pool): Promise<number[]> {
  const exists = await pool.query("SELECT to_regclass('schema_migrations') AS t");
  if (!exists.rows[0]?.t) return MIGRATIONS.map((m) => m.version);
  const r = await pool.query<{ version: number }>('SELECT version FROM schema_migrations');
  const have = new Set(r.rows.map((x) => x.version));
  return MIGRATIONS.filter((m) => !have.has(m.version)).map((m) => m.version);
}

export async function inTransaction<T>(client: PoolClient, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const out = await fn();
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
