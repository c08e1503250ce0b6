/**
 * THE contract: every call the renderer, the CLI and the tests can make of the core, each with its
 * request and response schema. Requests are strict (an unknown field is REQUEST_INVALID, so a typo
 * never silently changes a payment); responses drop whatever they do not declare, so nothing the
 * core holds leaves by accident. Browser-safe.
 */
import { z } from 'zod';
import { configSchema } from '../config/schema';
import { deviceStatusSchema, nodeStatusSchema, outboxStatusSchema } from './events';
import { KIOSK_CALLS } from './kiosk/calls';
import { TECHNICIAN_CALLS } from './technician/calls';
import { OPERATOR_CALLS } from './operator/calls';
import { PRINTER_CALLS } from './printer-calls';
import { CATALOGUE_CALLS } from './catalogue-calls';
import { SERVICE_CALLS } from './service-calls';
import { SERVICE_SETTINGS_CALLS } from './technician/service-settings';
import {
  cardKind,
  cents,
  deliveryAttemptSchema,
  journalEntrySchema,
  journalVerificationSchema,
  noticeWarningSchema,
  outboxMessageSchema,
  outboxState,
  sessionId,
  sessionKind,
  sessionStateSchema,
  sessionSummarySchema,
  tenderMethod,
  tenderSchema,
} from './schemas';
import {
  certificatePreviewSchema,
  certificatePrintRequest,
  certificatePrintSchema,
  certificateRequest,
  language,
} from './certificate-schemas';
import { operatorId, reportKind, shiftId, shiftReportSchema, shiftSchema } from './shift-schemas';
import { sessionSearchRequest, sessionSearchResponse } from './history-schemas';

/** Bumped when a call or event changes incompatibly; system.info reports it. */
export const CONTRACT_VERSION = 1;

const none = z.strictObject({});
const bySession = z.strictObject({ sessionId });
const messageId = z.strictObject({ messageId: z.int().positive() });
/** A card number written out: 12 or more digits, spaces or dashes between them allowed. Never stored. */
const FULL_PAN = /\d(?:[ -]?\d){11,}/;
const noPan = (v: string) => !FULL_PAN.test(v);
/**
 * What the operator copies from the card terminal's slip (card) or the other means' receipt: the
 * authorization code, the card's brand and last 4 digits, a reference. Never a full card number.
 */
export const tenderDetails = z.strictObject({
  authCode: z
    .string()
    .regex(/^[A-Za-z0-9]{1,12}$/, 'letters and digits, at most 12')
    .refine(noPan, 'must not hold a card number')
    .optional(),
  brand: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9 .-]{0,19}$/, 'a card brand name, at most 20 characters')
    .optional(),
  last4: z
    .string()
    .regex(/^\d{4}$/, 'the last 4 digits')
    .optional(),
  reference: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$/, 'letters, digits, space . / -, at most 40')
    .refine(noPan, 'must not hold a card number')
    .optional(),
});
const tenderRequest = z
  .strictObject({
    sessionId,
    method: tenderMethod,
    givenCents: cents.nullable().optional(),
    cardKind: cardKind.optional(),
    details: tenderDetails.optional(),
  })
  // Cash has nothing to copy from a slip; the card's brand and digits belong to a card.
  .refine((r) => !r.details || r.method !== 'cash', { message: 'cash takes no details', path: ['details'] })
  .refine((r) => r.method === 'card' || (r.details?.brand === undefined && r.details?.last4 === undefined), {
    message: "brand and last4 are a card's",
    path: ['details'],
  });
const session = sessionStateSchema;

/** Text as scanned or typed (`fiscalCode/noticeNumber`), or the two fields of the manual entry screen. */
const addNotice = z
  .strictObject({
    sessionId,
    text: z.string().max(65_536).optional(),
    manual: z.strictObject({ fiscalCode: z.string().max(256), noticeNumber: z.string().max(256) }).optional(),
  })
  .refine((r) => (r.text === undefined) !== (r.manual === undefined), { message: 'give either text or manual', path: ['text'] });

const sessions = z.object({ sessions: z.array(sessionSummarySchema) });

export const systemInfoSchema = z.object({
  mode: z.enum(['demo', 'configured']),
  contractVersion: z.number().int(),
  versions: z.object({ sportello: z.string(), node: z.string(), databaseSchema: z.number().int() }),
  dataDir: z.string(),
  terminal: z.object({ id: z.string(), kind: z.enum(['counter', 'kiosk']), locale: z.enum(['it', 'en', 'de']) }),
  /** The node endpoint with any query values masked; in demo mode the simulator's. */
  nodeEndpoint: z.string(),
  startedAt: z.string(),
  recovery: z.object({ requeued: z.number().int(), reactivated: z.number().int(), abandoned: z.number().int() }).nullable(),
  /** The wall clock as the core judges it (main/engine/clock-guard.ts): no new payment while it is not plausible. */
  clock: z
    .object({
      plausible: z.boolean(),
      wallMs: z.number().int(),
      engineMs: z.number().int(),
      reason: z.enum(['behind-records', 'before-release', 'far-ahead']).nullable(),
      newestRecordMs: z.number().int().nullable(),
    })
    .optional(),
});

export const CALLS = {
  /** The citizen kiosk (card terminal, timing) and technician mode (PIN, devices, settings): kiosk/calls.ts, technician/calls.ts. */
  ...KIOSK_CALLS,
  ...TECHNICIAN_CALLS,
  /** Operator accounts and sign-in: access/calls.ts. */
  ...OPERATOR_CALLS,
  /** The print queue, the printer's status and model: printer-calls.ts. */
  ...PRINTER_CALLS,
  /** The service catalogue: status, search as you type, refresh: catalogue-calls.ts. */
  ...CATALOGUE_CALLS,
  /** Spontaneous payments: a catalogue service's form and the notice demanded for it: service-calls.ts. */
  ...SERVICE_CALLS,
  /** The services the kiosk offers, chosen by the technician: technician/service-settings.ts. */
  ...SERVICE_SETTINGS_CALLS,
  'session.start': {
    request: z.strictObject({ kind: sessionKind.optional(), operatorId: z.string().min(1).max(64).nullable().optional() }),
    response: session,
  },
  'session.get': { request: bySession, response: session },
  /** Parsed with drivers/payload, then verified with the node; a bad reading is PAYLOAD_INVALID (details.reason, details.messageKey). */
  'session.addNotice': { request: addNotice, response: z.object({ session, warnings: z.array(noticeWarningSchema) }) },
  'session.removeNotice': { request: z.strictObject({ sessionId, noticeId: z.int().positive() }), response: session },
  'session.activate': { request: bySession, response: session },
  /** What the customer owes now, fee included; nothing is recorded. */
  'session.quote': { request: tenderRequest, response: tenderSchema },
  'session.tender': { request: tenderRequest, response: session },
  'session.cancel': { request: bySession, response: session },
  /** After a discordant or unsettled outcome on a tendered session. An abandoned activation is resumed with tender or closed with cancel. */
  'session.decide': { request: z.strictObject({ sessionId, decision: z.enum(['treat-as-paid', 'refund']) }), response: session },
  'session.recordRefund': { request: z.strictObject({ sessionId, note: z.string().trim().min(1).max(500) }), response: session },
  /** This terminal's screen payments still in progress (a cart with notices, tokens held, outcomes on their way), newest first: what a reloaded screen resumes. */
  'sessions.open': { request: none, response: z.object({ sessions: z.array(session) }) },
  'sessions.list': {
    request: z.strictObject({ limit: z.int().min(1).max(200).optional(), before: z.string().max(64).optional() }),
    response: sessions,
  },
  /** The payment history: filters in history-schemas.ts, newest first, paged. */
  'sessions.search': { request: sessionSearchRequest, response: sessionSearchResponse },
  'outbox.list': {
    request: z.strictObject({
      states: z.array(outboxState).min(1).optional(),
      sessionId: sessionId.optional(),
      limit: z.int().min(1).max(500).optional(),
      beforeId: z.int().positive().optional(),
    }),
    response: z.object({ messages: z.array(outboxMessageSchema) }),
  },
  'outbox.attempts': { request: messageId, response: z.object({ attempts: z.array(deliveryAttemptSchema) }) },
  /** Due now (a stalled message too), attempt counter unchanged. */
  'outbox.retry': { request: messageId, response: outboxMessageSchema },
  /** Attempt counter back to 0 and due now: the technician's reset after the retry limit. */
  'outbox.reset': { request: messageId, response: outboxMessageSchema },
  'outbox.status': { request: none, response: outboxStatusSchema },
  'journal.list': {
    request: z.strictObject({ afterSeq: z.int().nonnegative().optional(), limit: z.int().min(1).max(1000).optional() }),
    response: z.object({ entries: z.array(journalEntrySchema) }),
  },
  'journal.verify': { request: none, response: journalVerificationSchema },
  'journal.exportCsv': {
    request: z.strictObject({ afterSeq: z.int().nonnegative().optional(), limit: z.int().min(1).max(100_000).optional() }),
    response: z.object({ filename: z.string(), csv: z.string(), count: z.number().int(), lastSeq: z.number().int().nullable() }),
  },
  /** The configuration with every secret masked: the password and subscription key never leave the core. */
  'config.get': { request: none, response: z.object({ mode: z.enum(['demo', 'configured']), config: configSchema }) },
  'system.info': { request: none, response: systemInfoSchema },
  'node.status': { request: none, response: nodeStatusSchema },
  'devices.status': { request: none, response: deviceStatusSchema },
  /** The certificate (or pending slip) as SVG: the preview on screen. */
  'certificate.preview': { request: certificateRequest, response: certificatePreviewSchema },
  /** On the configured receipt printer (PRINTER_NOT_CONFIGURED without one); the original certifies the session. */
  'certificate.print': { request: certificatePrintRequest, response: certificatePrintSchema },
  /** The receipt printer the technician chose (no secret in it), for the staff status bar; null without one. */
  'printer.configured': {
    request: none,
    response: z.object({ printer: z.object({ target: z.string(), paper: z.enum(['80mm', '58mm']) }).nullable() }),
  },
  /** The signed-in operator's shift (operatorId, if given, must be theirs; the in-process API names the operator). */
  'shift.open': { request: z.strictObject({ operatorId: operatorId.optional(), floatCents: cents }), response: shiftSchema },
  'shift.current': { request: none, response: z.object({ shift: shiftSchema.nullable() }) },
  /** Counted cash in; the core computes expected and difference, numbers the Z report. */
  'shift.close': { request: z.strictObject({ shiftId, countedCashCents: cents }), response: shiftReportSchema },
  'shift.xReport': { request: none, response: shiftReportSchema },
  /** A closed shift's Z report; without shiftId the terminal's latest. */
  'shift.zReport': { request: z.strictObject({ shiftId: shiftId.optional() }), response: shiftReportSchema },
  'shift.reportCsv': {
    request: z.strictObject({ kind: reportKind, shiftId: shiftId.optional() }),
    response: z.object({ filename: z.string(), csv: z.string() }),
  },
  'shift.printReport': {
    request: z.strictObject({ kind: reportKind, shiftId: shiftId.optional(), locale: language.optional() }),
    response: z.object({ output: z.string(), warnings: z.array(z.string()) }),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export type CallName = keyof typeof CALLS;
/** What a caller passes: the schema's input (optional fields may be left out). */
export type RequestOf<N extends CallName> = z.input<(typeof CALLS)[N]['request']>;
export type ResponseOf<N extends CallName> = z.output<(typeof CALLS)[N]['response']>;
export type SystemInfo = z.output<typeof systemInfoSchema>;

export const CALL_NAMES = Object.keys(CALLS) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CALLS, name);
}
