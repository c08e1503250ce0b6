/**
 * Delivery attempts of outbox messages: the statements and the row shape, kept apart from the
 * message lifecycle in outbox.ts.
 */
import type Database from 'better-sqlite3';
import { statements } from './context';

export type AttemptResult = 'accepted' | 'fault' | 'no-response' | 'unreachable' | 'http-error' | 'bad-response';

/** What came back from one send. `detail` is for technicians: never put credentials in it. */
export interface AttemptAnswer {
  result: AttemptResult;
  /** The node's faultCode (PPT_...), when it answered with a fault. */
  faultCode?: string | null;
  httpStatus?: number | null;
  detail?: string | null;
}

export interface DeliveryAttempt {
  id: number;
  messageId: number;
  /** 1, 2, ... over the message's life; unlike the message's attempt counter, never reset. */
  attemptNo: number;
  idempotencyKey: string;
  startedAt: string;
  /** null while the request is out (or if sportello stopped before the answer was recorded). */
  finishedAt: string | null;
  result: AttemptResult | null;
  faultCode: string | null;
  httpStatus: number | null;
  errorDetail: string | null;
}

export interface AttemptRow {
  id: number;
  message_id: number;
  attempt_no: number;
  idempotency_key: string;
  started_at: string;
  finished_at: string | null;
  result: AttemptResult | null;
  fault_code: string | null;
  http_status: number | null;
  error_detail: string | null;
}

export const attemptFromRow = (r: AttemptRow): DeliveryAttempt => ({
  id: r.id,
  messageId: r.message_id,
  attemptNo: r.attempt_no,
  idempotencyKey: r.idempotency_key,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  result: r.result,
  faultCode: r.fault_code,
  httpStatus: r.http_status,
  errorDetail: r.error_detail,
});

/** The message's last error as shown to staff: the node's fault code if any, else the HTTP status or the result. */
export function lastError(answer: AttemptAnswer): { code: string; message: string | null } {
  const code = answer.faultCode ?? (answer.result === 'http-error' && answer.httpStatus ? `HTTP_${answer.httpStatus}` : answer.result);
  return { code, message: answer.detail ?? null };
}

export function attemptStatements(db: Database.Database) {
  return statements(db, {
    insert: `INSERT INTO delivery_attempt (message_id, attempt_no, idempotency_key, started_at)
             VALUES (@message_id, @attempt_no, @key, @now)`,
    get: 'SELECT * FROM delivery_attempt WHERE id = ?',
    lastNo: 'SELECT coalesce(max(attempt_no), 0) FROM delivery_attempt WHERE message_id = ?',
    openForMessage: 'SELECT id FROM delivery_attempt WHERE message_id = ? AND finished_at IS NULL',
    finish: `UPDATE delivery_attempt SET finished_at = @now, result = @result, fault_code = @fault_code,
               http_status = @http_status, error_detail = @detail
             WHERE id = @id AND finished_at IS NULL`,
    finishOpen: `UPDATE delivery_attempt SET finished_at = @now, result = 'no-response', error_detail = @detail
                 WHERE finished_at IS NULL`,
    finishOpenOne: `UPDATE delivery_attempt SET finished_at = @now, result = 'no-response', error_detail = @detail
                    WHERE message_id = @id AND finished_at IS NULL`,
    byMessage: 'SELECT * FROM delivery_attempt WHERE message_id = ? ORDER BY attempt_no',
  });
}
