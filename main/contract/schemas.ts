/**
 * The values that cross the contract, as zod schemas: the payment session as the engine keeps it,
 * and the records the technician screens list. Browser-safe (zod only). The type checks at the
 * bottom keep each schema and the core's own type in step: a field added on one side and not the
 * other fails `tsc`.
 */
import { z } from 'zod';
import type { SessionState as EngineSessionState, Tender } from '../engine/types';
import type { DeliveryAttempt, JournalEntry, OutboxMessage, SessionRecord } from '../../db';

/** Integer euro cents: the only money the contract carries (never floats, never decimal strings). */
export const cents = z.int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const epochMs = z.number().int();
export const sessionId = z.string().min(1).max(64);
/** 18 digits (stNoticeNumber). */
export const noticeNumber = z.string().regex(/^\d{18}$/, 'must be 18 digits');
export const tenderMethod = z.enum(['cash', 'card', 'other']);
/** A card tender's kind (the outcome's paymentMethod): debit PagoBANCOMAT cards are `bancomat`. */
export const cardKind = z.enum(['creditCard', 'bancomat']);
export const sessionKind = z.enum(['counter', 'kiosk', 'cli']);

const faultInfo = z.object({
  code: z.string(),
  message: z.string(),
  faultCode: z.string().optional(),
  messageKey: z.string().optional(),
  action: z.string().optional(),
  amounts: z.object({ shownCents: cents, activatedCents: cents }).optional(),
});

const noticeRef = z.object({
  fiscalCode: z.string(),
  noticeNumber: z.string(),
  scannedAmountCents: cents.nullable(),
  source: z.enum(['qr', 'poste-datamatrix', 'manual', 'service']),
  postalAccount: z.string().nullable().optional(),
  /** A spontaneous payment: the catalogue service and the data entered (printed on the certificate). */
  service: z
    .object({
      idServizio: z.string(),
      idSoggettoServizio: z.string(),
      description: z.string(),
      creditor: z.string(),
      data: z.array(z.object({ path: z.string(), name: z.string(), value: z.string(), optionKey: z.string().optional() })),
    })
    .optional(),
});

const verification = z.object({
  amountCents: cents,
  description: z.string(),
  companyName: z.string(),
  officeName: z.string().nullable(),
  dueDate: z.string().nullable(),
  standin: z.boolean(),
});

const activation = z.object({
  paymentToken: z.string(),
  expiresAtMs: epochMs,
  durationMs: z.number().int(),
  creditorReferenceId: z.string(),
  totalAmountCents: cents,
  companyName: z.string(),
  description: z.string(),
  fiscalCodePA: z.string(),
});

export const noticePhase = z.enum([
  'verifying',
  'verified',
  'verify-failed',
  'activating',
  'activation-unknown',
  'activated',
  'activation-refused',
  'ok-queued',
  'ko-queued',
  'accepted',
  'accepted-late',
  'ko-delivered',
  'refund-required',
  'needs-decision',
]);

export const sessionStatus = z.enum([
  'cart',
  'activating',
  'activated',
  'activation-refused',
  'outcome-pending',
  'completed',
  'certified',
  'cancelling',
  'token-expired',
  'cancelled',
  'refund-required',
  'refunded',
  'needs-decision',
]);

const noticeState = z.object({
  id: z.number().int().positive(),
  ref: noticeRef,
  phase: noticePhase,
  verification: verification.nullable(),
  activation: activation.nullable(),
  amountChanged: z.boolean(),
  lastError: faultInfo.nullable(),
  creditorReportCode: z.union([z.literal(8), z.literal(9)]).nullable(),
});

export const tenderSchema = z.object({
  method: tenderMethod,
  noticesCents: cents,
  feeCents: cents,
  dueCents: cents,
  givenCents: cents.nullable(),
  changeCents: cents,
  cardKind: cardKind.optional(),
  /** 'node': the fee is the node's suggested bundle fee; `localFeeCents` is the terminal's own rule's, shown when it differs. */
  feeSource: z.enum(['node', 'local']).optional(),
  localFeeCents: cents.optional(),
});

export const sessionStateSchema = z.object({
  id: sessionId,
  status: sessionStatus,
  notices: z.array(noticeState),
  nextNoticeId: z.number().int().positive(),
  tender: tenderSchema.nullable(),
  decisionReason: z.string().nullable(),
});

/** A line of the session list: what the session table holds, without loading the notices. */
export const sessionSummarySchema = z.object({
  id: sessionId,
  state: z.string(),
  kind: sessionKind,
  terminalId: z.string(),
  operatorId: z.string().nullable(),
  shiftId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  tender: tenderSchema.nullable(),
  refundRequired: z.boolean(),
  decisionReason: z.string().nullable(),
  operatorDecision: z.enum(['treat-as-paid', 'refund']).nullable(),
  decisionNote: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const outboxState = z.enum(['pending', 'in-flight', 'stalled', 'parked', 'accepted', 'failed-final', 'needs-decision']);

/** An outbox message as staff see it; the outcome details sent to the node stay in the core. */
export const outboxMessageSchema = z.object({
  id: z.number().int(),
  sessionId,
  noticeId: z.number().int(),
  paymentToken: z.string(),
  outcome: z.enum(['OK', 'KO']),
  state: outboxState,
  attempts: z.number().int().nonnegative(),
  nextAttemptAtMs: epochMs,
  deadlineMs: epochMs,
  /** Parked after its last allowed attempt: waits for the node to answer again, or a reset. */
  stalled: z.boolean(),
  idempotencyKey: z.string().nullable(),
  lastErrorCode: z.string().nullable(),
  lastErrorMessage: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const deliveryAttemptSchema = z.object({
  id: z.number().int(),
  messageId: z.number().int(),
  attemptNo: z.number().int(),
  idempotencyKey: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  result: z.enum(['accepted', 'fault', 'no-response', 'unreachable', 'http-error', 'bad-response']).nullable(),
  faultCode: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  errorDetail: z.string().nullable(),
});

export const journalEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  kind: z.string(),
  sessionId: z.string().nullable(),
  payload: z.json(),
  prevHash: z.string(),
  hash: z.string(),
});

export const journalVerificationSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), count: z.number().int().nonnegative() }),
  z.object({ ok: z.literal(false), brokenAt: z.number().int(), reason: z.enum(['edited', 'deleted', 'reordered']) }),
]);

/** A payload warning the operator may accept (bad check digit, amount zero...), with its i18n key. */
export const noticeWarningSchema = z.object({
  code: z.string(),
  messageKey: z.string(),
  details: z.record(z.string(), z.unknown()),
});

// Compile-time agreement between the schemas and the core's types (both directions).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(): T => true as T;
agree<Same<z.output<typeof sessionStateSchema>, EngineSessionState>>();
agree<Same<z.output<typeof tenderSchema>, Tender>>();
agree<Same<z.output<typeof sessionSummarySchema>, Omit<SessionRecord, 'version'>>>();
agree<Same<Omit<z.output<typeof outboxMessageSchema>, 'stalled'>, Omit<OutboxMessage, 'details'>>>();
agree<Same<z.output<typeof deliveryAttemptSchema>, DeliveryAttempt>>();
agree<Same<z.output<typeof journalEntrySchema>, JournalEntry>>();

/** The contract's view of the values, for clients that know only the contract (the renderer). */
export type SessionState = z.output<typeof sessionStateSchema>;
export type NoticeState = SessionState['notices'][number];
export type TenderView = z.output<typeof tenderSchema>;
export type SessionSummary = z.output<typeof sessionSummarySchema>;
export type OutboxMessageView = z.output<typeof outboxMessageSchema>;
export type JournalEntryView = z.output<typeof journalEntrySchema>;
