/**
 * Payment sessions. Every change goes through `update` with the version the caller read: a stale
 * caller gets VersionConflict instead of silently overwriting a newer state.
 */
import type { Cents } from '../../kernel/money';
import { RecordNotFound, VersionConflict } from '../errors';
import { cents, centsOrNull, flag, isoAt, statements } from './context';
import type { RepoContext } from './context';

export type SessionKind = 'counter' | 'kiosk' | 'cli';
export type TenderMethod = 'cash' | 'card' | 'other';
export type OperatorDecision = 'treat-as-paid' | 'refund';

/** What the customer was asked for and handed over; mirrors the engine's Tender. */
export interface TenderSummary {
  method: TenderMethod;
  noticesCents: Cents;
  feeCents: Cents;
  /** noticesCents + feeCents (the schema checks it). */
  dueCents: Cents;
  /** Cash handed over; null for card and other. */
  givenCents: Cents | null;
  changeCents: Cents;
}

export interface SessionRecord {
  id: string;
  /** The engine's session status; storage does not interpret it. */
  state: string;
  kind: SessionKind;
  terminalId: string;
  operatorId: string | null;
  shiftId: string | null;
  createdAt: string;
  updatedAt: string;
  tender: TenderSummary | null;
  refundRequired: boolean;
  decisionReason: string | null;
  operatorDecision: OperatorDecision | null;
  decisionNote: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  version: number;
}

export interface NewSession {
  /** Defaults to a fresh id from the context. */
  id?: string;
  state: string;
  kind: SessionKind;
  terminalId: string;
  operatorId?: string | null;
  shiftId?: string | null;
}

/** Only the fields present are changed. Setting operatorDecision stamps decidedAt. */
export interface SessionPatch {
  state?: string;
  tender?: TenderSummary | null;
  refundRequired?: boolean;
  decisionReason?: string | null;
  operatorDecision?: OperatorDecision | null;
  decisionNote?: string | null;
  decidedBy?: string | null;
}

interface Row {
  id: string;
  state: string;
  kind: SessionKind;
  terminal_id: string;
  operator_id: string | null;
  shift_id: string | null;
  created_at: string;
  updated_at: string;
  tender_method: TenderMethod | null;
  tender_notices_cents: number | null;
  tender_fee_cents: number | null;
  tender_due_cents: number | null;
  tender_given_cents: number | null;
  tender_change_cents: number | null;
  refund_required: 0 | 1;
  decision_reason: string | null;
  operator_decision: OperatorDecision | null;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: string | null;
  version: number;
}

function fromRow(r: Row): SessionRecord {
  return {
    id: r.id,
    state: r.state,
    kind: r.kind,
    terminalId: r.terminal_id,
    operatorId: r.operator_id,
    shiftId: r.shift_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    tender:
      r.tender_method === null
        ? null
        : {
            method: r.tender_method,
            noticesCents: r.tender_notices_cents ?? 0,
            feeCents: r.tender_fee_cents ?? 0,
            dueCents: r.tender_due_cents ?? 0,
            givenCents: r.tender_given_cents,
            changeCents: r.tender_change_cents ?? 0,
          },
    refundRequired: r.refund_required === 1,
    decisionReason: r.decision_reason,
    operatorDecision: r.operator_decision,
    decisionNote: r.decision_note,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    version: r.version,
  };
}

function tenderColumns(t: TenderSummary | null): Record<string, unknown> {
  return {
    tender_method: t?.method ?? null,
    tender_notices_cents: t ? cents(t.noticesCents, 'tender.noticesCents') : null,
    tender_fee_cents: t ? cents(t.feeCents, 'tender.feeCents') : null,
    tender_due_cents: t ? cents(t.dueCents, 'tender.dueCents') : null,
    tender_given_cents: t ? centsOrNull(t.givenCents, 'tender.givenCents') : null,
    tender_change_cents: t ? cents(t.changeCents, 'tender.changeCents') : null,
  };
}

const COLUMNS = 'payment_session.*';

/**
 * What the payment history looks for. Every filter given must hold (AND); times are ISO-8601 UTC as
 * stored (from inclusive, to exclusive). Newest first, paged by `before` (the last row's createdAt
 * and id: a keyset, so a page never shifts when new payments arrive).
 */
export interface SessionSearch {
  noticeNumber?: string;
  paymentToken?: string;
  /** What the customer paid (fee included) or the notices' sum without the fee. */
  amountCents?: Cents;
  operatorId?: string;
  from?: string;
  to?: string;
  /** Only sessions that hold at least one paymentToken: a cart abandoned before activation is no payment. */
  paymentsOnly?: boolean;
  before?: { createdAt: string; id: string };
  limit: number;
}

/**
 * One fixed clause per filter, every value bound as a parameter (never spliced into the SQL). Each
 * has an index to use: notice number and token through session_notice, operator and amounts through
 * migration 0003, times through payment_session_by_created.
 */
const SEARCH_CLAUSES: { [K in Exclude<keyof SessionSearch, 'limit'>]: string } = {
  noticeNumber: 'id IN (SELECT session_id FROM session_notice WHERE notice_number = @noticeNumber)',
  paymentToken: 'id IN (SELECT session_id FROM session_notice WHERE payment_token = @paymentToken)',
  amountCents: '(tender_due_cents = @amountCents OR tender_notices_cents = @amountCents)',
  operatorId: 'operator_id = @operatorId',
  from: 'created_at >= @from',
  to: 'created_at < @to',
  paymentsOnly: 'EXISTS (SELECT 1 FROM session_notice n WHERE n.session_id = payment_session.id AND n.payment_token IS NOT NULL)',
  before: '(created_at < @beforeAt OR (created_at = @beforeAt AND id < @beforeId))',
};
const SEARCH_KEYS = Object.keys(SEARCH_CLAUSES) as (keyof typeof SEARCH_CLAUSES)[];

export function sessionRepository(ctx: RepoContext) {
  const q = statements(ctx.db, {
    insert: `INSERT INTO payment_session (id, state, kind, terminal_id, operator_id, shift_id, created_at, updated_at)
             VALUES (@id, @state, @kind, @terminal_id, @operator_id, @shift_id, @now, @now)`,
    get: `SELECT ${COLUMNS} FROM payment_session WHERE id = ?`,
    update: `UPDATE payment_session SET
               state = @state, tender_method = @tender_method, tender_notices_cents = @tender_notices_cents,
               tender_fee_cents = @tender_fee_cents, tender_due_cents = @tender_due_cents,
               tender_given_cents = @tender_given_cents, tender_change_cents = @tender_change_cents,
               refund_required = @refund_required, decision_reason = @decision_reason,
               operator_decision = @operator_decision, decision_note = @decision_note,
               decided_by = @decided_by, decided_at = @decided_at,
               updated_at = @now, version = version + 1
             WHERE id = @id AND version = @version`,
    byState: `SELECT ${COLUMNS} FROM payment_session WHERE state IN (SELECT value FROM json_each(?)) ORDER BY created_at LIMIT ?`,
    recent: `SELECT ${COLUMNS} FROM payment_session WHERE created_at < ? ORDER BY created_at DESC LIMIT ?`,
    byNoticeNumber: `SELECT ${COLUMNS} FROM payment_session
                     WHERE id IN (SELECT session_id FROM session_notice WHERE notice_number = ?)
                     ORDER BY created_at DESC LIMIT ?`,
    byToken: `SELECT ${COLUMNS} FROM payment_session
              WHERE id = (SELECT session_id FROM session_notice WHERE payment_token = ?)`,
  });

  /** One prepared statement per combination of filters actually used (at most 2^8, in practice a handful). */
  const searches = new Map<string, ReturnType<typeof ctx.db.prepare>>();
  const searchStatement = (used: readonly string[]) => {
    const key = used.join(',');
    let st = searches.get(key);
    if (!st) {
      const where = used.map((k) => SEARCH_CLAUSES[k as keyof typeof SEARCH_CLAUSES]);
      st = ctx.db.prepare(
        `SELECT ${COLUMNS} FROM payment_session ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at DESC, id DESC LIMIT @limit`,
      );
      searches.set(key, st);
    }
    return st;
  };

  const get = (id: string): SessionRecord | null => {
    const row = q.get.get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  };
  const require = (id: string): SessionRecord => {
    const found = get(id);
    if (!found) throw new RecordNotFound('payment_session', id);
    return found;
  };

  return {
    create(s: NewSession): SessionRecord {
      const id = s.id ?? ctx.newId();
      q.insert.run({
        id,
        state: s.state,
        kind: s.kind,
        terminal_id: s.terminalId,
        operator_id: s.operatorId ?? null,
        shift_id: s.shiftId ?? null,
        now: isoAt(ctx.now()),
      });
      return require(id);
    },

    get,
    require,

    /** Applies patch if the row is still at expectedVersion; returns the row at its new version. */
    update(id: string, expectedVersion: number, patch: SessionPatch): SessionRecord {
      const current = require(id);
      if (current.version !== expectedVersion) throw new VersionConflict('payment_session', id, expectedVersion, current.version);
      const nowMs = ctx.now();
      const has = <K extends keyof SessionPatch>(k: K) => Object.prototype.hasOwnProperty.call(patch, k);
      const decisionChanged = has('operatorDecision') && patch.operatorDecision !== current.operatorDecision;
      const result = q.update.run({
        id,
        version: expectedVersion,
        now: isoAt(nowMs),
        state: patch.state ?? current.state,
        ...tenderColumns(has('tender') ? (patch.tender ?? null) : current.tender),
        refund_required: flag(patch.refundRequired ?? current.refundRequired),
        decision_reason: has('decisionReason') ? patch.decisionReason : current.decisionReason,
        operator_decision: has('operatorDecision') ? patch.operatorDecision : current.operatorDecision,
        decision_note: has('decisionNote') ? patch.decisionNote : current.decisionNote,
        decided_by: has('decidedBy') ? patch.decidedBy : current.decidedBy,
        decided_at: decisionChanged ? (patch.operatorDecision ? isoAt(nowMs) : null) : current.decidedAt,
      });
      if (result.changes === 0) throw new VersionConflict('payment_session', id, expectedVersion, require(id).version);
      return require(id);
    },

    /** Sessions in any of the given states, oldest first: what the engine resumes after a restart. */
    listByState(states: readonly string[], limit = 1000): SessionRecord[] {
      return (q.byState.all(JSON.stringify(states), limit) as Row[]).map(fromRow);
    },

    /** Newest first; pass the last createdAt seen as `before` to page back. */
    listRecent(opts: { limit?: number; before?: string } = {}): SessionRecord[] {
      return (q.recent.all(opts.before ?? '9999', opts.limit ?? 50) as Row[]).map(fromRow);
    },

    /** Sessions that held this notice number, newest first. */
    findByNoticeNumber(noticeNumber: string, limit = 20): SessionRecord[] {
      return (q.byNoticeNumber.all(noticeNumber, limit) as Row[]).map(fromRow);
    },

    /** The payment history's query: see SessionSearch. */
    search(f: SessionSearch): SessionRecord[] {
      const used = SEARCH_KEYS.filter((k) => (k === 'paymentsOnly' ? f.paymentsOnly === true : f[k] !== undefined));
      const params: Record<string, unknown> = { limit: f.limit };
      for (const k of used) {
        if (k === 'before') {
          params.beforeAt = f.before!.createdAt;
          params.beforeId = f.before!.id;
        } else if (k === 'amountCents') params.amountCents = cents(f.amountCents!, 'amountCents');
        else if (k !== 'paymentsOnly') params[k] = f[k];
      }
      return (searchStatement(used).all(params) as Row[]).map(fromRow);
    },

    findByPaymentToken(paymentToken: string): SessionRecord | null {
      const row = q.byToken.get(paymentToken) as Row | undefined;
      return row ? fromRow(row) : null;
    },
  };
}

export type SessionRepository = ReturnType<typeof sessionRepository>;
