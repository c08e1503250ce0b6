/**
 * DeviceUnavailable: the one error the scanner drivers throw, with the reason as a closed list and
 * an i18next key per reason (locales/<lang>/scanner.json; a unit test holds the locale
 * files to the list). Details say which device, never what it read: a Data Matrix carries a
 * debtor's name and fiscal code.
 */
import { SportelloError } from '../../kernel/errors';
import type { PermissionFix, ScannerStatus, ScanSource, UnavailableReason } from './types';

export const SCANNER_NAMESPACE = 'scanner';

export const statusKey = (kind: ScannerStatus['kind']): string => `${SCANNER_NAMESPACE}:status.${kind}`;
export const reasonKey = (reason: UnavailableReason): string => `${SCANNER_NAMESPACE}:unavailable.${reason}`;
export const fixKey = (fix: PermissionFix): string => `${SCANNER_NAMESPACE}:fix.${fix.kind}`;

/** Reasons where trying again later (next hot-plug poll) can succeed without anyone acting. */
const RETRYABLE: Readonly<Record<UnavailableReason, boolean>> = {
  'not-found': true,
  'permission-denied': false,
  busy: true,
  disconnected: true,
  'driver-missing': false,
  'io-error': true,
};

export class DeviceUnavailable extends SportelloError {
  declare readonly code: 'DEVICE_UNAVAILABLE';
  readonly reason: UnavailableReason;
  readonly messageKey: string;
  /** Present for permission-denied: what the administrator has to do. */
  readonly fix: PermissionFix | null;

  constructor(
    reason: UnavailableReason,
    message: string,
    opts: { source?: ScanSource; device?: string; fix?: PermissionFix; cause?: unknown } = {},
  ) {
    const messageKey = reasonKey(reason);
    super('DEVICE_UNAVAILABLE', message, {
      retryable: RETRYABLE[reason],
      details: {
        reason,
        messageKey,
        ...(opts.source ? { source: opts.source } : {}),
        ...(opts.device ? { device: opts.device } : {}),
        ...(opts.fix ? { fix: opts.fix } : {}),
      },
      cause: opts.cause,
    });
    this.reason = reason;
    this.messageKey = messageKey;
    this.fix = opts.fix ?? null;
  }
}

/**
 * Maps what node-hid (hidapi), serialport and the OS say to a reason. They report errno through
 * `code` sometimes and only through the message text other times (hidapi: "Failed to open a
 * device with path '…': Permission denied"; serialport: "Error: Permission denied, cannot open …").
 */
export function classifyDeviceError(err: unknown): UnavailableReason {
  if (err instanceof DeviceUnavailable) return err.reason;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'EACCES' || code === 'EPERM' || /permission denied|operation not permitted|access denied/i.test(message)) {
    return 'permission-denied';
  }
  if (code === 'EBUSY' || code === 'EAGAIN' || /resource busy|cannot lock port|temporarily unavailable/i.test(message)) return 'busy';
  if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO' || /no such file|no such device|no hid devices|not found/i.test(message)) {
    return 'not-found';
  }
  if (code === 'EIO' || /could not read from hid device|input\/output error|bad file descriptor|disconnected/i.test(message)) {
    return 'disconnected';
  }
  return 'io-error';
}
