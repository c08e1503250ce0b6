/** Builds the status events drivers and the manager emit, each with its locale key. */
import { fixKey, reasonKey, statusKey, type DeviceUnavailable } from './errors';
import type { ScannerStatus, ScanSource } from './types';

export function connectedStatus(source: ScanSource, device: string, at: number): ScannerStatus {
  return { kind: 'connected', source, at, device, messageKey: statusKey('connected') };
}

export function disconnectedStatus(source: ScanSource, device: string, at: number): ScannerStatus {
  return { kind: 'disconnected', source, at, device, messageKey: statusKey('disconnected') };
}

/** The status that tells the operator why `err` keeps the scanner away. */
export function statusForError(err: DeviceUnavailable, source: ScanSource, device: string, at: number): ScannerStatus {
  if (err.reason === 'disconnected') return disconnectedStatus(source, device, at);
  if (err.reason === 'permission-denied' && err.fix) {
    return {
      kind: 'permission-denied',
      source,
      at,
      device,
      fix: err.fix,
      fixKey: fixKey(err.fix),
      messageKey: statusKey('permission-denied'),
    };
  }
  return {
    kind: 'unavailable',
    source,
    at,
    device,
    reason: err.reason,
    reasonKey: reasonKey(err.reason),
    messageKey: statusKey('unavailable'),
  };
}

/** Two statuses say the same thing to the operator (used to report changes only). */
export function sameStatus(a: ScannerStatus | null, b: ScannerStatus): boolean {
  if (!a || a.kind !== b.kind) return false;
  return a.kind !== 'unavailable' || b.kind !== 'unavailable' || a.reason === b.reason;
}
