/**
 * The notices of a session's cart, in the order of the protocol: read, verified, activation key
 * stored (before the request leaves), activated, outcome settled. At most five per session: the
 * schema refuses a sixth.
 */
import type { Cents } from '../../kernel/money';
import { RecordNotFound, StateConflict } from '../errors';
import { canonicalJson, parseJsonColumn } from '../json';
import type { Json } from '../json';
import { cents, centsOrNull, flagOrNull, isoAt, statements } from './context';
import type { RepoContext } from './context';

/** Same names as the payload parser's NoticeKind. */
export type PayloadKind = 'qr' | 'poste-datamatrix' | 'manual' | 'service';
export type NoticeOutcomeState = 'none' | 'queued' | 'accepted' | 'accepted-late' | 'refused' | 'refund-required' | 'needs-decision';

export interface NoticeVerification {
  amountCents: Cents;
  description: string | null;
  companyName: string | null;
  officeName: string | null;
  dueDate: string | null;
  standin: boolean | null;
  verifiedAt: string;
}

export interface NoticeActivation {
  paymentToken: string;
  /** Wall-clock epoch ms at which the node lets the token lapse. */
  expiresAtMs: number;
  /** The lifetime granted, in ms (the outbox measures it on a monotonic clock). */
  durationMs: number;
  activatedAt: string;
  creditorReferenceId: string | null;
  totalAmountCents: Cents;
  fiscalCodePA: string | null;
  companyName: string | null;
  description: string | null;
  transfers: Json | null;
  suggestedUserFeeCents: Cents | null;
  suggestedPaFeeCents: Cents | null;
  suggestedIdBundle: string | null;
  suggestedIdCiBundle: string | null;
}

export interface NoticeRecord {
  id: number;
  sessionId: string;
  position: number;
  payloadKind: PayloadKind;
  /** The amount printed on the notice; null when typed by hand. */
  payloadAmountCents: Cents | null;
  postalAccount: string | null;
  /** A spontaneous payment's catalogue service and entered data (JSON, migration 0005); null for paper notices. */
  service: Json | null;
  fiscalCode: string;
  noticeNumber: string;
  /** The engine's notice phase; storage does not interpret it. */
  phase: string;
  verification: NoticeVerification | null;
  activateIdempotencyKey: string | null;
  /** When the first activation request for this notice left (engine epoch ms); null before any. */
  activateSentAtMs: number | null;
  /** When the latest one left (a re-ask with the same key is a request too). */
  activateLastSentAtMs: number | null;
  /** How many times an unanswered activation was asked again with its key. */
  activateAsks: number;
  /** When to ask an unanswered activation again (engine epoch ms); null when nothing is owed. */
  activateNextAskAtMs: number | null;
  activation: NoticeActivation | null;
  outcomeState: NoticeOutcomeState;
  lastError: Json | null;
  creditorReportCode: 8 | 9 | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewNotice {
  position: number;
  payloadKind: PayloadKind;
  payloadAmountCents: Cents | null;
  postalAccount?: string | null;
  service?: Json | null;
  fiscalCode: string;
  noticeNumber: string;
  phase: string;
}

export type VerificationInput = Omit<NoticeVerification, 'verifiedAt'> & { verifiedAt?: string };
export type ActivationInput = Omit<NoticeActivation, 'activatedAt'> & { activatedAt?: string };

export interface NoticePatch {
  phase?: string;
  outcomeState?: NoticeOutcomeState;
  lastError?: Json | null;
  creditorReportCode?: 8 | 9 | null;
}

type Row = Record<string, unknown> & { id: number; payment_token: string | null; verified_at: string | null };

function fromRow(r: Row): NoticeRecord {
  const s = (k: string) => r[k] as string | null;
  const n = (k: string) => r[k] as number | null;
  return {
    id: r.id,
    sessionId: r.session_id as string,
    position: r.position as number,
    payloadKind: r.payload_kind as PayloadKind,
    payloadAmountCents: n('payload_amount_cents'),
    postalAccount: s('postal_account'),
    service: parseJsonColumn(s('service')),
    fiscalCode: r.fiscal_code as string,
    noticeNumber: r.notice_number as string,
    phase: r.phase as string,
    verification:
      r.verified_at === null
        ? null
        : {
            amountCents: r.verify_amount_cents as number,
            description: s('verify_description'),
            companyName: s('verify_company_name'),
            officeName: s('verify_office_name'),
            dueDate: s('verify_due_date'),
            standin: r.verify_standin === null ? null : r.verify_standin === 1,
            verifiedAt: r.verified_at,
          },
    activateIdempotencyKey: s('activate_idempotency_key'),
    activateSentAtMs: n('activate_sent_at_ms'),
    activateLastSentAtMs: n('activate_last_sent_at_ms'),
    activateAsks: (r.activate_asks as number | undefined) ?? 0,
    activateNextAskAtMs: n('activate_next_ask_at_ms'),
    activation:
      r.payment_token === null
        ? null
        : {
            paymentToken: r.payment_token,
            expiresAtMs: r.token_expires_at_ms as number,
            durationMs: r.token_duration_ms as number,
            activatedAt: r.activated_at as string,
            creditorReferenceId: s('creditor_reference_id'),
            totalAmountCents: r.total_amount_cents as number,
            fiscalCodePA: s('activate_fiscal_code_pa'),
            companyName: s('activate_company_name'),
            description: s('activate_description'),
            transfers: parseJsonColumn(s('transfers')),
            suggestedUserFeeCents: n('suggested_user_fee_cents'),
            suggestedPaFeeCents: n('suggested_pa_fee_cents'),
            suggestedIdBundle: s('suggested_id_bundle'),
            suggestedIdCiBundle: s('suggested_id_ci_bundle'),
          },
    outcomeState: r.outcome_state as NoticeOutcomeState,
    lastError: parseJsonColumn(s('last_error')),
    creditorReportCode: n('creditor_report_code') as 8 | 9 | null,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}

export function noticeRepository(ctx: RepoContext) {
  const q = statements(ctx.db, {
    insert: `INSERT INTO session_notice (session_id, position, payload_kind, payload_amount_cents, postal_account, service,
               fiscal_code, notice_number, phase, created_at, updated_at)
             VALUES (@session_id, @position, @payload_kind, @payload_amount_cents, @postal_account, @service,
               @fiscal_code, @notice_number, @phase, @now, @now)`,
    get: 'SELECT * FROM session_notice WHERE id = ?',
    bySession: 'SELECT * FROM session_notice WHERE session_id = ? ORDER BY position',
    byPosition: 'SELECT * FROM session_notice WHERE session_id = ? AND position = ?',
    byToken: 'SELECT * FROM session_notice WHERE payment_token = ?',
    byNumber: 'SELECT * FROM session_notice WHERE notice_number = ? ORDER BY id DESC LIMIT ?',
    countInShift: `SELECT count(*) FROM session_notice n JOIN payment_session s ON s.id = n.session_id
                   WHERE s.shift_id = ? AND n.outcome_state = ?`,
    verify: `UPDATE session_notice SET verify_amount_cents = @amount, verify_description = @description,
               verify_company_name = @company_name, verify_office_name = @office_name, verify_due_date = @due_date,
               verify_standin = @standin, verified_at = @verified_at, updated_at = @now
             WHERE id = @id`,
    activateKey: `UPDATE session_notice SET activate_idempotency_key = @key, activate_sent_at_ms = coalesce(activate_sent_at_ms, @sent_at_ms),
                    activate_last_sent_at_ms = @sent_at_ms, updated_at = @now
                  WHERE id = @id AND payment_token IS NULL`,
    askAgain: `UPDATE session_notice SET activate_asks = activate_asks + @counted, activate_next_ask_at_ms = @next_ms, updated_at = @now
               WHERE id = @id`,
    // Served by the partial index of migration 0002: the phase must stay a literal here.
    unknownActivations: `SELECT * FROM session_notice WHERE phase = 'activation-unknown' ORDER BY id LIMIT ?`,
    activate: `UPDATE session_notice SET payment_token = @payment_token, token_expires_at_ms = @expires_at_ms,
                 token_duration_ms = @duration_ms, activated_at = @activated_at, creditor_reference_id = @creditor_reference_id,
                 total_amount_cents = @total_amount_cents, activate_fiscal_code_pa = @fiscal_code_pa,
                 activate_company_name = @company_name, activate_description = @description, transfers = @transfers,
                 suggested_user_fee_cents = @suggested_user_fee_cents, suggested_pa_fee_cents = @suggested_pa_fee_cents,
                 suggested_id_bundle = @suggested_id_bundle, suggested_id_ci_bundle = @suggested_id_ci_bundle, updated_at = @now
               WHERE id = @id AND payment_token IS NULL`,
    patch: `UPDATE session_notice SET phase = @phase, outcome_state = @outcome_state, last_error = @last_error,
              creditor_report_code = @creditor_report_code, updated_at = @now
            WHERE id = @id`,
    remove: 'DELETE FROM session_notice WHERE id = ? AND payment_token IS NULL',
  });

  const get = (id: number): NoticeRecord | null => {
    const row = q.get.get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  };
  const require = (id: number): NoticeRecord => {
    const found = get(id);
    if (!found) throw new RecordNotFound('session_notice', id);
    return found;
  };
  const now = () => isoAt(ctx.now());
  /** A conditional write that touched nothing: say whether the row is missing or already activated. */
  const refuseActivated = (id: number, action: string): never => {
    const n = require(id);
    throw new StateConflict(`notice ${id} already holds a payment token: cannot ${action}`, { noticeId: id, sessionId: n.sessionId });
  };

  return {
    add(sessionId: string, n: NewNotice): NoticeRecord {
      const r = q.insert.run({
        session_id: sessionId,
        position: n.position,
        payload_kind: n.payloadKind,
        payload_amount_cents: centsOrNull(n.payloadAmountCents, 'payloadAmountCents'),
        postal_account: n.postalAccount ?? null,
        service: n.service === undefined || n.service === null ? null : canonicalJson(n.service),
        fiscal_code: n.fiscalCode,
        notice_number: n.noticeNumber,
        phase: n.phase,
        now: now(),
      });
      return require(Number(r.lastInsertRowid));
    },

    get,
    require,

    listBySession(sessionId: string): NoticeRecord[] {
      return (q.bySession.all(sessionId) as Row[]).map(fromRow);
    },

    /** The notice the engine calls `noticeId` within its session. */
    findByPosition(sessionId: string, position: number): NoticeRecord | null {
      const row = q.byPosition.get(sessionId, position) as Row | undefined;
      return row ? fromRow(row) : null;
    },

    findByPaymentToken(paymentToken: string): NoticeRecord | null {
      const row = q.byToken.get(paymentToken) as Row | undefined;
      return row ? fromRow(row) : null;
    },

    /** Every time this notice number was in a cart, newest first. */
    /** Notices of a shift's sessions whose outcome ended in `state` (e.g. accepted-late, for the reports). */
    countInShift(shiftId: string, state: NoticeOutcomeState): number {
      return q.countInShift.pluck().get(shiftId, state) as number;
    },

    findByNoticeNumber(noticeNumber: string, limit = 20): NoticeRecord[] {
      return (q.byNumber.all(noticeNumber, limit) as Row[]).map(fromRow);
    },

    recordVerification(id: number, v: VerificationInput): NoticeRecord {
      const r = q.verify.run({
        id,
        amount: cents(v.amountCents, 'verification.amountCents'),
        description: v.description,
        company_name: v.companyName,
        office_name: v.officeName,
        due_date: v.dueDate,
        standin: flagOrNull(v.standin),
        verified_at: v.verifiedAt ?? now(),
        now: now(),
      });
      if (r.changes === 0) throw new RecordNotFound('session_notice', id);
      return require(id);
    },

    /**
     * Stored BEFORE activatePaymentNoticeV2 leaves, so a retry after a crash reuses the same key; with
     * the time it leaves, so nobody asks again while the request may still be processed.
     */
    recordActivateKey(id: number, idempotencyKey: string, sentAtMs: number = ctx.now()): NoticeRecord {
      if (q.activateKey.run({ id, key: idempotencyKey, sent_at_ms: sentAtMs, now: now() }).changes === 0)
        refuseActivated(id, 'change its activation key');
      return require(id);
    },

    /** When to ask an unanswered activation again (null: nothing owed any more); `counted` adds one ask. */
    scheduleActivationAsk(id: number, nextAtMs: number | null, counted: boolean): NoticeRecord {
      if (q.askAgain.run({ id, counted: counted ? 1 : 0, next_ms: nextAtMs, now: now() }).changes === 0)
        throw new RecordNotFound('session_notice', id);
      return require(id);
    },

    /** Notices whose activation got no trustworthy answer, across every session, oldest first. */
    listUnknownActivations(limit = 100): NoticeRecord[] {
      return (q.unknownActivations.all(limit) as Row[]).map(fromRow);
    },

    recordActivation(id: number, a: ActivationInput): NoticeRecord {
      const r = q.activate.run({
        id,
        payment_token: a.paymentToken,
        expires_at_ms: a.expiresAtMs,
        duration_ms: a.durationMs,
        activated_at: a.activatedAt ?? now(),
        creditor_reference_id: a.creditorReferenceId,
        total_amount_cents: cents(a.totalAmountCents, 'activation.totalAmountCents'),
        fiscal_code_pa: a.fiscalCodePA,
        company_name: a.companyName,
        description: a.description,
        transfers: a.transfers === null ? null : canonicalJson(a.transfers),
        suggested_user_fee_cents: centsOrNull(a.suggestedUserFeeCents, 'activation.suggestedUserFeeCents'),
        suggested_pa_fee_cents: centsOrNull(a.suggestedPaFeeCents, 'activation.suggestedPaFeeCents'),
        suggested_id_bundle: a.suggestedIdBundle,
        suggested_id_ci_bundle: a.suggestedIdCiBundle,
        now: now(),
      });
      if (r.changes === 0) refuseActivated(id, 'be activated again');
      return require(id);
    },

    /** Phase, outcome state, last error, creditor report code: only the fields present change. */
    update(id: number, patch: NoticePatch): NoticeRecord {
      const cur = require(id);
      const has = (k: keyof NoticePatch) => Object.prototype.hasOwnProperty.call(patch, k);
      const lastError = has('lastError') ? (patch.lastError ?? null) : cur.lastError;
      q.patch.run({
        id,
        phase: patch.phase ?? cur.phase,
        outcome_state: patch.outcomeState ?? cur.outcomeState,
        last_error: lastError === null ? null : canonicalJson(lastError),
        creditor_report_code: has('creditorReportCode') ? (patch.creditorReportCode ?? null) : cur.creditorReportCode,
        now: now(),
      });
      return require(id);
    },

    /** Takes a notice out of the cart; refused once it holds a token (its outcome is owed). */
    remove(id: number): void {
      if (q.remove.run(id).changes === 0) refuseActivated(id, 'be removed');
    },
  };
}

export type NoticeRepository = ReturnType<typeof noticeRepository>;
