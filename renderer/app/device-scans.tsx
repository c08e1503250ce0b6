/**
 * Scans from the scanners the core reads (HID POS, hidraw keyboard, serial), pushed as
 * `scanner.scan`: handed to the same handler stack as the wedge's (scanner.tsx), so the screen that
 * is active parses and answers a device scan exactly as a keyboard-wedge scan.
 */
import type { ScanEvent } from '../../drivers/scanner/types';
import type { ScannerScan } from '../../main/contract/events';
import { useEvent } from './ClientProvider';

/** The pushed scan as the wedge delivers one. */
export function scanEventOf(s: ScannerScan): ScanEvent {
  return { text: s.text, symbology: s.symbology, source: { kind: s.kind, id: s.sourceId }, at: s.at };
}

/** Calls `deliver` with every device scan while `enabled`. */
export function useDeviceScans(enabled: boolean, deliver: (scan: ScanEvent) => void): void {
  useEvent('scanner.scan', (s) => {
    if (enabled) deliver(scanEventOf(s));
  });
}
