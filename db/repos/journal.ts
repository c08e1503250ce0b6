/**
 * The journal (invariant 5): append-only at the SQL level (triggers refuse UPDATE and DELETE) and
 * hash-chained, so that an edit, a deletion or a reordering made behind SQLite's back (the triggers
 * dropped, the file patched) is found by `verify` and located.
 *
 * hash = sha256_hex(prev_hash + canonicalJson({ at, kind, payload, sessionId })); the first entry's
 * prev_hash is 64 zeros. The chain proves order and completeness up to its head; the head itself is
 * anchored outside the file by the Z report (shift close records it), since whoever can rewrite the
 * whole file can also recompute every hash.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../json';
import type { Json } from '../json';
import { isoAt, statements } from './context';
import type { RepoContext } from './context';

export const GENESIS_HASH = '0'.repeat(64);

export interface JournalEntry {
  seq: number;
  at: string;
  kind: string;
  sessionId: string | null;
  payload: Json;
  prevHash: string;
  hash: string;
}

export type JournalBreak = 'edited' | 'deleted' | 'reordered';

/** A search over the whole journal; every filter optional, all given ones must hold. */
export interface JournalQuery {
  /** Found in the kind, the payment (session id) or the payload's JSON text, case-insensitively (ASCII). */
  text?: string;
  kinds?: readonly string[];
  sessionId?: string;
  /** ISO times, inclusive. */
  from?: string;
  to?: string;
  /** Paging, newest first: entries before this seq. */
  beforeSeq?: number;
  limit?: number;
}

export interface JournalPage {
  entries: JournalEntry[];
  /** Where the next (older) page starts, null when this one is the last. */
  nextBeforeSeq: number | null;
  /** How many entries match, over every page. */
  total: number;
}

export type JournalVerification = { ok: true; count: number } | { ok: false; brokenAt: number; reason: JournalBreak };

interface Row {
  seq: number;
  at: string;
  kind: string;
  session_id: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

export function entryHash(prevHash: string, entry: { at: string; kind: string; sessionId: string | null; payload: unknown }): string {
  const body = canonicalJson({ at: entry.at, kind: entry.kind, payload: entry.payload, sessionId: entry.sessionId });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

const fromRow = (r: Row): JournalEntry => ({
  seq: r.seq,
  at: r.at,
  kind: r.kind,
  sessionId: r.session_id,
  payload: JSON.parse(r.payload) as Json,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** Recomputes a stored row's hash from its own fields; null when its payload is not even JSON. */
function rehash(r: Row): string | null {
  try {
    return entryHash(r.prev_hash, { at: r.at, kind: r.kind, sessionId: r.session_id, payload: JSON.parse(r.payload) });
  } catch {
    return null;
  }
}

export function journalRepository(ctx: RepoContext) {
  const q = statements(ctx.db, {
    head: 'SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1',
    insert: `INSERT INTO journal (at, kind, session_id, payload, prev_hash, hash)
             VALUES (@at, @kind, @session_id, @payload, @prev_hash, @hash)`,
    get: 'SELECT * FROM journal WHERE seq = ?',
    page: 'SELECT * FROM journal WHERE seq > ? ORDER BY seq LIMIT ?',
    bySession: 'SELECT * FROM journal WHERE session_id = ? ORDER BY seq',
    all: 'SELECT * FROM journal ORDER BY seq',
    seqOfHash: 'SELECT seq FROM journal WHERE hash = ?',
    issued: `SELECT seq FROM sqlite_sequence WHERE name = 'journal'`,
    count: 'SELECT count(*) FROM journal',
  });

  const head = (): { seq: number; hash: string } | null => (q.head.get() as { seq: number; hash: string } | undefined) ?? null;

  return {
    /** Appends one entry chained to the current head; part of the caller's transaction if any. */
    append(kind: string, payload: Json, sessionId: string | null = null): JournalEntry {
      const body = canonicalJson(payload);
      return ctx.db.transaction(() => {
        const prevHash = head()?.hash ?? GENESIS_HASH;
        const at = isoAt(ctx.now());
        const hash = entryHash(prevHash, { at, kind, sessionId, payload });
        const r = q.insert.run({ at, kind, session_id: sessionId, payload: body, prev_hash: prevHash, hash });
        return { seq: Number(r.lastInsertRowid), at, kind, sessionId, payload: JSON.parse(body) as Json, prevHash, hash };
      })();
    },

    head,

    get(seq: number): JournalEntry | null {
      const row = q.get.get(seq) as Row | undefined;
      return row ? fromRow(row) : null;
    },

    /** Entries after `afterSeq`, oldest first. */
    list(afterSeq = 0, limit = 100): JournalEntry[] {
      return (q.page.all(afterSeq, limit) as Row[]).map(fromRow);
    },

    /** Matching entries, newest first, one page at a time; the filtering is SQL's, over every entry. */
    search(query: JournalQuery): JournalPage {
      const where: string[] = [];
      const params: Record<string, string | number> = {};
      if (query.text) {
        // LIKE's own wildcards in the text are literal characters here.
        params.text = `%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        where.push(`(kind LIKE @text ESCAPE '\\' OR payload LIKE @text ESCAPE '\\' OR IFNULL(session_id, '') LIKE @text ESCAPE '\\')`);
      }
      if (query.kinds && query.kinds.length > 0) {
        const names = query.kinds.map((k, i) => {
          params[`kind${i}`] = k;
          return `@kind${i}`;
        });
        where.push(`kind IN (${names.join(', ')})`);
      }
      if (query.sessionId) {
        params.sessionId = query.sessionId;
        where.push('session_id = @sessionId');
      }
      if (query.from) {
        params.from = query.from;
        where.push('at >= @from');
      }
      if (query.to) {
        params.to = query.to;
        where.push('at <= @to');
      }
      const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const total = ctx.db.prepare(`SELECT count(*) FROM journal ${filter}`).pluck().get(params) as number;
      const limit = Math.max(1, Math.min(query.limit ?? 100, 1000));
      const paged = query.beforeSeq !== undefined ? `${filter ? `${filter} AND` : 'WHERE'} seq < @beforeSeq` : filter;
      const rows = ctx.db
        .prepare(`SELECT * FROM journal ${paged} ORDER BY seq DESC LIMIT @limit`)
        .all({ ...params, ...(query.beforeSeq !== undefined ? { beforeSeq: query.beforeSeq } : {}), limit: limit + 1 }) as Row[];
      const more = rows.length > limit;
      const entries = rows.slice(0, limit).map(fromRow);
      return { entries, nextBeforeSeq: more ? entries.at(-1)!.seq : null, total };
    },

    bySession(sessionId: string): JournalEntry[] {
      return (q.bySession.all(sessionId) as Row[]).map(fromRow);
    },

    /**
     * Walks the whole chain. The first break is reported: a missing seq is a deletion, a row whose
     * hash does not match its content is an edit, a row linked to an entry other than its
     * predecessor is a reordering; a link to a hash that no longer exists means an entry was deleted
     * and the rest renumbered (fewer rows than seqs issued) or the predecessor was rewritten with a
     * recomputed hash (reported as an edit of that predecessor).
     */
    verify(): JournalVerification {
      let expected = 1;
      let prevHash = GENESIS_HASH;
      let unlinked: Row | null = null;
      for (const r of q.all.iterate() as IterableIterator<Row>) {
        if (r.seq !== expected) return { ok: false, brokenAt: expected, reason: 'deleted' };
        if (rehash(r) !== r.hash) return { ok: false, brokenAt: r.seq, reason: 'edited' };
        if (r.prev_hash !== prevHash) {
          unlinked = r;
          break;
        }
        prevHash = r.hash;
        expected += 1;
      }
      // Looked up after the walk: the connection is busy while iterating.
      const issued = (q.issued.pluck().get() as number | undefined) ?? 0;
      if (unlinked) {
        if (unlinked.prev_hash === GENESIS_HASH || q.seqOfHash.get(unlinked.prev_hash) !== undefined) {
          return { ok: false, brokenAt: unlinked.seq, reason: 'reordered' };
        }
        // Linked to an entry that is gone: deleted and the rest renumbered if more seqs were issued
        // than rows remain, otherwise the predecessor was rewritten with a recomputed hash.
        const rows = q.count.pluck().get() as number;
        return issued > rows
          ? { ok: false, brokenAt: unlinked.seq, reason: 'deleted' }
          : { ok: false, brokenAt: Math.max(1, unlinked.seq - 1), reason: 'edited' };
      }
      if (issued >= expected) return { ok: false, brokenAt: expected, reason: 'deleted' };
      return { ok: true, count: expected - 1 };
    },
  };
}

export type JournalRepository = ReturnType<typeof journalRepository>;
