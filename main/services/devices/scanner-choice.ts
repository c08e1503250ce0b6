/**
 * The technician's stored scanner choice (a string: main/contract/technician/calls.ts) as the
 * ScannerManager's DeviceChoice. HID devices are named by USB ids (and serial number), which
 * survive a replug; a serial scanner by its port path, with the line the technician set.
 */
import type { DeviceChoice as ManagerChoice } from '../../../drivers/scanner/index';
import { SportelloError } from '../../../kernel/errors';
import type { DeviceChoice } from '../technician/devices';

/** The wedge types into the screen: the core has nothing to open for it. */
export const WEDGE_SOURCE_ID = 'keyboard-wedge';

export class ScannerChoiceInvalid extends SportelloError {
  declare readonly code: 'SCANNER_CHOICE_INVALID';
  constructor(readonly choice: string) {
    super('SCANNER_CHOICE_INVALID', `the stored scanner choice ${JSON.stringify(choice.slice(0, 80))} names no scanner`);
  }
}

const DEFAULT_LINE = { baudRate: 9600, suffix: 'CR' } as const;

/** null for the wedge; the manager's choice otherwise (id = the stored string, stable across replugs). */
export function scannerChoiceOf(choice: Pick<DeviceChoice, 'scanner' | 'scannerLine'>): (ManagerChoice & { id: string }) | null {
  const text = choice.scanner;
  if (text === 'wedge') return null;
  const colon = text.indexOf(':');
  const scheme = colon < 0 ? '' : text.slice(0, colon);
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  if (scheme === 'serial' && rest.startsWith('/')) {
    const line = choice.scannerLine ?? DEFAULT_LINE;
    return { id: text, kind: 'serial', path: rest, baudRate: line.baudRate, suffix: line.suffix };
  }
  if (scheme === 'hid' || scheme === 'hid-keyboard') {
    // vid:pid[:serial number] as deviceKey writes it (four hex digits each); the serial number may hold colons
    const m = /^([0-9a-f]{4}):([0-9a-f]{4})(?::(.+))?$/i.exec(rest);
    const kind = scheme === 'hid' ? 'hid-pos' : 'hid-keyboard';
    if (m) {
      return {
        id: text,
        kind,
        vendorId: Number.parseInt(m[1]!, 16),
        productId: Number.parseInt(m[2]!, 16),
        ...(m[3] ? { serialNumber: m[3] } : {}),
      };
    }
    // a device without USB ids is listed by its path (deviceKey)
    if (rest.startsWith('/')) return { id: text, kind, path: rest };
  }
  throw new ScannerChoiceInvalid(text);
}
