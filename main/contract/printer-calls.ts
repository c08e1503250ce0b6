/**
 * The print queue and the receipt printer as the core owns them (issue 14): every job in the
 * durable queue with its state, the printer's live status (DLE EOT, polled while idle) pushed as
 * `printer.status`, reprint or discard of a kept job, and the printer model the technician picks.
 * Browser-safe (zod).
 */
import { z } from 'zod';

const noFields = z.strictObject({});

export const printJobKind = z.enum(['final', 'pending', 'duplicate', 'report', 'test', 'drawer']);
/** queued: waiting; printing: handed to the printer; printed; failed: kept with the reason; discarded. */
export const printJobState = z.enum(['queued', 'printing', 'printed', 'failed', 'discarded']);

export const printJobSchema = z.object({
  id: z.string(),
  sessionId: z.string().nullable(),
  kind: printJobKind,
  /** what the paper is, without personal data */
  title: z.string(),
  state: printJobState,
  attempts: z.int().nonnegative(),
  createdAt: z.string(),
  printedAt: z.string().nullable(),
  /** why the last attempt failed: a printer reason (paper-end, cover-open, offline...) and its message key */
  lastFailure: z.object({ reason: z.string(), messageKey: z.string(), at: z.string() }).nullable(),
});

export const printerStatusSchema = z.object({
  /** none: no printer chosen; unknown: the printer cannot say (spool file, no DLE EOT) */
  state: z.enum(['none', 'ready', 'unknown', 'problem']),
  target: z.string().nullable(),
  model: z.string(),
  /** with problem: paper-end, cover-open, offline, printer-error, unplugged, unreachable... */
  reason: z.string().nullable(),
  messageKey: z.string().nullable(),
  paperNearEnd: z.boolean(),
  /** the drawer connector's level (DLE EOT 1 bit 2); null when the printer does not say */
  drawerOpen: z.boolean().nullable(),
  /** jobs still to print (queued, printing, kept after a failure), oldest first */
  jobs: z.array(printJobSchema),
  checkedAt: z.string().nullable(),
});

export const printerModelSchema = z.object({
  id: z.string(),
  name: z.string(),
  papers: z.array(z.enum(['80mm', '58mm'])),
  codePage: z.int(),
  qrMode: z.enum(['native', 'raster']),
  nativeDataMatrix: z.boolean(),
  cut: z.enum(['full', 'partial', 'none']),
  drawer: z.boolean(),
  statusQuery: z.boolean(),
});

const jobRequest = z.strictObject({ jobId: z.string().min(1).max(64) });

export const PRINTER_CALLS = {
  /** The printer's status and the jobs still to print (what `printer.status` pushes). */
  'printer.status': { request: noFields, response: printerStatusSchema },
  /** The newest jobs, printed or not (at most `limit`, default 50). */
  'printer.jobs': {
    request: z.strictObject({ limit: z.int().min(1).max(500).optional() }),
    response: z.object({ jobs: z.array(printJobSchema) }),
  },
  /** Tries a kept (or queued) job now; answers with its state after the attempt. */
  'printer.retryJob': { request: jobRequest, response: printJobSchema },
  /** Gives a kept job up (printed elsewhere, no longer wanted); journaled. */
  'printer.discardJob': { request: jobRequest, response: printJobSchema },
  /** The known printer models and the one chosen. */
  'printer.models': { request: noFields, response: z.object({ models: z.array(printerModelSchema), chosen: z.string() }) },
  /** The technician picks the model of the chosen printer; journaled. */
  'printer.chooseModel': { request: z.strictObject({ model: z.string().min(1).max(64) }), response: z.object({ model: z.string() }) },
  /** The model's test page through the queue. */
  'printer.testPage': { request: noFields, response: printJobSchema },
} as const;

export type PrinterStatusPayload = z.output<typeof printerStatusSchema>;
export type PrintJobPayload = z.input<typeof printJobSchema>;
