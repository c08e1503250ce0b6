/**
 * The fleet's wire format: what a terminal publishes to the PSP's MQTT broker and what the back
 * office publishes back. One module, read by both ends, so neither can drift from the other.
 *
 * Topics (the prefix is configurable, default `sportello`; `<t>` is the terminal id):
 * - `<prefix>/t/<t>/journal`  QoS 1, not retained: a batch of consecutive journal entries, as the
 *   terminal's hash-chained journal holds them (db/repos/journal.ts). The back office stores them
 *   idempotently by (terminal, seq) and re-verifies the chain, so a resend after a crash, a broker
 *   outage or days offline is harmless and a gap or an edit is found.
 * - `<prefix>/t/<t>/status`   QoS 1, retained: the terminal's state now; also its MQTT last will
 *   (`online: false`), so a terminal that vanishes is marked offline by the broker itself.
 * - `<prefix>/config/all`, `<prefix>/config/group/<g>`, `<prefix>/config/t/<t>`  QoS 1, retained:
 *   configuration versions. Version numbers are global and increasing (the back office assigns
 *   them); a terminal applies the highest version addressed to it, only while no payment is open.
 * - `<prefix>/t/<t>/resend`   QoS 1, not retained: the back office asks the terminal to ship again
 *   from `fromSeq` (resendRequestSchema).
 * The back office reads journal and status with shared subscriptions (`$share/<group>/...`) so
 * several consumers split the load.
 *
 * Exactly once in effect, end to end: the broker's PUBACK moves the terminal's cursor, but a PUBACK
 * is not proof the back office will get the batch (a broker SIGKILLed before saving it, or one that
 * restarted and delivered it before the back office subscribed again). So the back office, seeing a
 * gap in what it holds or a status whose `journal.shippedSeq` is ahead of its verified head that
 * does not move, publishes a resend request; the terminal moves its cursor back to `fromSeq - 1`
 * and ships from there. Duplicates are harmless: the back office keeps (terminal, seq) once.
 */
import { z } from 'zod';

export const WIRE_VERSION = 1;
export const DEFAULT_TOPIC_PREFIX = 'sportello';
/** At most this many entries in one journal message: bounded size (a few hundred KB at most). */
export const MAX_BATCH = 200;

const terminalId = z
  .string()
  .min(1)
  .max(35)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only (a topic level)');
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const isoTime = z.string().min(10).max(40);
const cents = z.number().int().nonnegative();

export const wireJournalEntrySchema = z.strictObject({
  seq: z.number().int().positive(),
  at: isoTime,
  kind: z.string().min(1).max(80),
  sessionId: z.string().max(80).nullable(),
  payload: z.unknown(),
  prevHash: hash,
  hash,
});
export type WireJournalEntry = z.infer<typeof wireJournalEntrySchema>;

/** Consecutive entries (seq n, n+1, ...) of one terminal. */
export const journalBatchSchema = z
  .strictObject({
    v: z.literal(WIRE_VERSION),
    terminal: terminalId,
    sentAt: isoTime,
    entries: z.array(wireJournalEntrySchema).min(1).max(MAX_BATCH),
  })
  .refine((b) => b.entries.every((e, i) => i === 0 || e.seq === b.entries[i - 1]!.seq + 1), {
    message: 'entries must be consecutive',
  });
export type JournalBatch = z.infer<typeof journalBatchSchema>;

const deviceState = z.strictObject({ kind: z.string().max(40), name: z.string().max(120), state: z.string().max(40) });

export const terminalStatusSchema = z.strictObject({
  v: z.literal(WIRE_VERSION),
  terminal: terminalId,
  online: z.boolean(),
  at: isoTime,
  /** Absent in the last will (the broker publishes it for a terminal that can no longer speak). */
  detail: z
    .strictObject({
      kind: z.enum(['counter', 'kiosk']),
      group: z.string().max(64).nullable(),
      softwareVersion: z.string().max(40),
      configVersion: z.number().int().nonnegative().nullable(),
      outbox: z.strictObject({
        /** outcomes not yet accepted or settled */
        depth: z.number().int().nonnegative(),
        /** the nearest token deadline among them (ISO), null when none */
        nearestDeadline: isoTime.nullable(),
        stalled: z.number().int().nonnegative(),
        parked: z.number().int().nonnegative(),
      }),
      openSessions: z.number().int().nonnegative(),
      devices: z.array(deviceState).max(32),
      printer: z.string().max(40).nullable(),
      clock: z.strictObject({ plausible: z.boolean(), wallMs: z.number().int() }),
      journal: z.strictObject({ headSeq: z.number().int().nonnegative(), shippedSeq: z.number().int().nonnegative() }),
      /** what this terminal collected today (Europe/Rome), per creditor: the X report's figures */
      today: z.array(z.strictObject({ fiscalCode: z.string().max(35), payments: z.number().int().nonnegative(), cents })).max(500),
    })
    .optional(),
});
export type TerminalStatus = z.infer<typeof terminalStatusSchema>;

/**
 * What the back office may set on a terminal: never a secret (credentials stay on the terminal,
 * entered by its technician). Every field optional: a version sets what it names.
 */
export const fleetSettingsSchema = z.strictObject({
  fees: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('none') }),
      z.strictObject({ kind: z.literal('flat'), cents }),
      z.strictObject({ kind: z.literal('per-notice'), cents }),
      z.strictObject({
        kind: z.literal('percent'),
        basisPoints: z.number().int().min(0).max(10_000),
        minCents: cents,
        maxCents: cents,
      }),
    ])
    .optional(),
  kiosk: z
    .strictObject({
      idleSeconds: z.number().int().min(5).max(600).optional(),
      warningSeconds: z.number().int().min(1).max(300).optional(),
      abandonSeconds: z.number().int().min(30).max(1_500).optional(),
    })
    .optional(),
  /** idSoggettoServizio of the spontaneous-payment services the kiosk offers */
  services: z.array(z.string().min(1).max(35)).max(200).optional(),
  /** the node's endpoint (https URL); its credentials are not here */
  nodeEndpoint: z.url().optional(),
});
export type FleetSettings = z.infer<typeof fleetSettingsSchema>;

export const configTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({
    kind: z.literal('group'),
    group: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_.-]+$/),
  }),
  z.strictObject({ kind: z.literal('terminal'), terminal: terminalId }),
]);
export type ConfigTarget = z.infer<typeof configTargetSchema>;

export const configVersionSchema = z.strictObject({
  v: z.literal(WIRE_VERSION),
  version: z.number().int().positive(),
  issuedAt: isoTime,
  target: configTargetSchema,
  settings: fleetSettingsSchema,
});
export type ConfigVersion = z.infer<typeof configVersionSchema>;

/** The back office's request: ship again from `fromSeq` (its verified head + 1). */
export const resendRequestSchema = z.strictObject({
  v: z.literal(WIRE_VERSION),
  terminal: terminalId,
  fromSeq: z.number().int().min(1),
  requestedAt: isoTime,
});
export type ResendRequest = z.infer<typeof resendRequestSchema>;

export function journalTopic(prefix: string, terminal: string): string {
  return `${prefix}/t/${terminal}/journal`;
}
export function statusTopic(prefix: string, terminal: string): string {
  return `${prefix}/t/${terminal}/status`;
}
export function resendTopic(prefix: string, terminal: string): string {
  return `${prefix}/t/${terminal}/resend`;
}
export function configTopic(prefix: string, target: ConfigTarget): string {
  if (target.kind === 'all') return `${prefix}/config/all`;
  if (target.kind === 'group') return `${prefix}/config/group/${target.group}`;
  return `${prefix}/config/t/${target.terminal}`;
}
/** The terminal's subscriptions for its configuration. */
export function configTopicsFor(prefix: string, terminal: string, group: string | null): string[] {
  return [
    configTopic(prefix, { kind: 'all' }),
    ...(group ? [configTopic(prefix, { kind: 'group', group })] : []),
    configTopic(prefix, { kind: 'terminal', terminal }),
  ];
}
/** The back office's shared subscriptions. */
export function backOfficeTopics(prefix: string, shareGroup = 'backoffice'): string[] {
  return [`$share/${shareGroup}/${prefix}/t/+/journal`, `$share/${shareGroup}/${prefix}/t/+/status`];
}
/** Which terminal and which stream a topic belongs to; null for anything else. */
export function parseTerminalTopic(prefix: string, topic: string): { terminal: string; stream: 'journal' | 'status' } | null {
  const parts = topic.split('/');
  const base = prefix.split('/');
  if (parts.length !== base.length + 3 || base.some((p, i) => parts[i] !== p) || parts[base.length] !== 't') return null;
  const terminal = parts[base.length + 1]!;
  const stream = parts[base.length + 2];
  if (!terminalId.safeParse(terminal).success || (stream !== 'journal' && stream !== 'status')) return null;
  return { terminal, stream };
}
