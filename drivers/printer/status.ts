/**
 * Real-time status (DLE EOT n) and what it means for a job. Every answer byte has bit 1 and bit 4
 * set and bits 0 and 7 clear (0xx1xx10), which tells a status byte from stray data.
 * Bit meanings per Epson's DLE EOT reference:
 *   n=1 printer:        bit2 drawer connector pin 3 high, bit3 offline
 *   n=2 offline cause:  bit2 cover open, bit3 paper fed by the button, bit5 stopped by paper end, bit6 error
 *   n=3 error cause:    bit2 autocutter error, bit3 unrecoverable error, bit5 auto-recoverable error (head heat)
 *   n=4 paper sensor:   bits 2,3 roll near end, bits 5,6 roll end
 */
import { statusRequest } from './commands';
import type { UnavailableReason } from './errors';
import { TransportReadTimeout } from './errors';
import type { PrinterTransport } from './transport';

export interface PrinterStatus {
  readonly online: boolean;
  readonly coverOpen: boolean;
  readonly paperEnd: boolean;
  readonly paperNearEnd: boolean;
  readonly error: boolean;
  /**
   * Drawer connector pin 3 level: most drawers close that switch when shut, so high reads as
   * open; wiring differs between drawers, so treat it as a hint.
   */
  readonly drawerOpen?: boolean;
  /** the four answer bytes, for diagnostics */
  readonly raw: readonly [number, number, number, number];
}

/** What a transport that cannot read back (spool file) reports. */
export type StatusReport = PrinterStatus | 'unknown';

const bit = (b: number, n: number): boolean => (b & (1 << n)) !== 0;

export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

export function parseStatus(raw: readonly [number, number, number, number]): PrinterStatus {
  const [printer, offline, error, paper] = raw;
  return {
    online: !bit(printer, 3),
    coverOpen: bit(offline, 2),
    paperEnd: bit(offline, 5) || bit(paper, 5) || bit(paper, 6),
    paperNearEnd: bit(paper, 2) || bit(paper, 3),
    error: bit(offline, 6) || bit(error, 2) || bit(error, 3) || bit(error, 5),
    drawerOpen: bit(printer, 2),
    raw,
  };
}

/** Why a job must not be sent to a printer in this state, most actionable cause first; undefined = go. */
export function statusProblem(status: StatusReport): UnavailableReason | undefined {
  if (status === 'unknown') return undefined;
  if (status.coverOpen) return 'cover-open';
  if (status.paperEnd) return 'paper-end';
  if (status.error) return 'printer-error';
  if (!status.online) return 'offline';
  return undefined;
}

/**
 * Asks DLE EOT 1..4 and parses the answers. Transports without read give 'unknown'.
 * Bytes that cannot be status answers (late data, a printer echoing) are skipped.
 * Throws TransportReadTimeout when the printer does not answer within `timeoutMs` per question.
 */
export async function queryStatus(transport: PrinterTransport, timeoutMs: number): Promise<StatusReport> {
  const read = transport.read?.bind(transport);
  if (!read) return 'unknown';
  const answers: number[] = [];
  for (const n of [1, 2, 3, 4] as const) {
    await transport.write(statusRequest(n));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw new TransportReadTimeout(1, 0, timeoutMs);
      const [b] = await read(1, left);
      if (b !== undefined && isStatusByte(b)) {
        answers.push(b);
        break;
      }
    }
  }
  return parseStatus(answers as [number, number, number, number]);
}
