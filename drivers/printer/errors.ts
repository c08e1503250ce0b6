/**
 * The typed errors of the printer driver, and the closed list of reasons a job could not be
 * printed. Each reason has an i18next key in locales/<lang>/printer.json (it, en, de);
 * a unit test holds the locale files to this list. Details never carry the document's content:
 * a certificate holds a debtor's data.
 */
import { SportelloError } from '../../kernel/errors';

export const PRINTER_NAMESPACE = 'printer';

export const UNAVAILABLE_REASONS = [
  'offline', // DLE EOT says offline, or the printer does not answer DLE EOT at all
  'paper-end', // roll paper end sensor (before the job, or found right after it)
  'cover-open', // cover open: nothing is sent
  'printer-error', // cutter jam, head overheat, unrecoverable error
  'timeout', // the whole job (open, status, write) did not finish within jobTimeoutMs
  'unplugged', // the device node is gone (USB/serial pulled) or the line hung up mid-job
  'unreachable', // network printer refused or did not take the connection
  'permission-denied', // the device exists but this user may not open it (dialout/lp group, udev rule)
  'transport-error', // any other I/O failure
] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

export const unavailableMessageKey = (reason: UnavailableReason): string => `${PRINTER_NAMESPACE}:unavailable.${reason}`;

/** Printed, but the operator should know. */
export const PRINT_WARNINGS = ['paper-near-end'] as const;
export type PrintWarning = (typeof PRINT_WARNINGS)[number];
export const warningMessageKey = (warning: PrintWarning): string => `${PRINTER_NAMESPACE}:warning.${warning}`;

/** The job did not print; the operator is told `messageKey`, the queue keeps the job. */
export class PrinterUnavailable extends SportelloError {
  declare readonly code: 'PRINTER_UNAVAILABLE';
  readonly reason: UnavailableReason;
  readonly messageKey: string;

  constructor(reason: UnavailableReason, message: string, opts: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    const messageKey = unavailableMessageKey(reason);
    super('PRINTER_UNAVAILABLE', message, {
      retryable: true,
      details: { reason, messageKey, ...(opts.details ?? {}) },
      cause: opts.cause,
    });
    this.reason = reason;
    this.messageKey = messageKey;
  }
}

/** A target string that names no transport we know, or names it wrongly. */
export class PrinterTargetInvalid extends SportelloError {
  declare readonly code: 'PRINTER_TARGET_INVALID';

  constructor(message: string, target: string) {
    super('PRINTER_TARGET_INVALID', message, { details: { target } });
  }
}

/** A document that cannot be encoded (barcode data out of its alphabet, symbol wider than the paper). */
export class PrintDocumentInvalid extends SportelloError {
  declare readonly code: 'PRINT_DOCUMENT_INVALID';

  constructor(message: string, details: Record<string, unknown> = {}) {
    super('PRINT_DOCUMENT_INVALID', message, { details });
  }
}

/** A read or write on a transport that has been closed, or whose line went away. */
export class TransportClosed extends SportelloError {
  declare readonly code: 'PRINTER_TRANSPORT_CLOSED';

  constructor(message: string, cause?: unknown) {
    super('PRINTER_TRANSPORT_CLOSED', message, { retryable: true, cause });
  }
}

/** A read that got fewer bytes than asked for within its time. */
export class TransportReadTimeout extends SportelloError {
  declare readonly code: 'PRINTER_READ_TIMEOUT';

  constructor(wanted: number, got: number, timeoutMs: number) {
    super('PRINTER_READ_TIMEOUT', `printer sent ${got} of ${wanted} bytes within ${timeoutMs} ms`, {
      retryable: true,
      details: { wanted, got, timeoutMs },
    });
  }
}

/** A reprint or discard for a job id the queue does not hold (already printed or discarded). */
export class PrintJobUnknown extends SportelloError {
  declare readonly code: 'PRINT_JOB_UNKNOWN';

  constructor(id: string) {
    super('PRINT_JOB_UNKNOWN', 'no queued print job with this id', { details: { id } });
  }
}
