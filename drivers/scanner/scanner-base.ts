/**
 * What every Scanner implementation shares: the listener registry, the source, the clock, and
 * the one way an open failure becomes a status plus a DeviceUnavailable.
 */
import { Emitter } from './emitter';
import { DeviceUnavailable, classifyDeviceError } from './errors';
import { connectedStatus, disconnectedStatus, statusForError } from './status';
import type { PermissionFix, Scanner, ScannerEvents, ScanSource } from './types';

export abstract class BaseScanner implements Scanner {
  protected readonly events = new Emitter<ScannerEvents>();

  protected constructor(
    readonly source: ScanSource,
    /** ids and path for statuses and error details */
    protected readonly device: string,
    protected readonly clock: () => number,
  ) {}

  abstract open(): Promise<void>;
  abstract close(): Promise<void>;
  abstract get isOpen(): boolean;

  on<E extends keyof ScannerEvents>(event: E, listener: (payload: ScannerEvents[E]) => void): () => void {
    return this.events.on(event, listener);
  }

  protected emitScan(text: string, symbology: string | null): void {
    this.events.emit('scan', { text, symbology, source: this.source, at: this.clock() });
  }

  protected emitConnected(): void {
    this.events.emit('status', connectedStatus(this.source, this.device, this.clock()));
  }

  protected emitDisconnected(): void {
    this.events.emit('status', disconnectedStatus(this.source, this.device, this.clock()));
  }

  /** Turns an open/read failure into the typed error and its status; the caller throws it. */
  protected failure(cause: unknown, fixFor: () => PermissionFix): DeviceUnavailable {
    const reason = classifyDeviceError(cause);
    const message = cause instanceof Error ? cause.message : String(cause);
    const err =
      cause instanceof DeviceUnavailable
        ? cause
        : new DeviceUnavailable(reason, `${this.source.kind} scanner ${this.device}: ${message}`, {
            source: this.source,
            device: this.device,
            ...(reason === 'permission-denied' ? { fix: fixFor() } : {}),
            cause,
          });
    this.events.emit('status', statusForError(err, this.source, this.device, this.clock()));
    return err;
  }
}
