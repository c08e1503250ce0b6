/**
 * Keyboard-mode scanner read through hidraw: boot-protocol keyboard input reports -> scans.
 * Pure: fed with report buffers.
 *
 * Report format (HID 1.11, Appendix B.1, boot keyboard): byte 0 modifier bits (0 LCtrl, 1 LShift,
 * 2 LAlt, 3 LGUI, 4 RCtrl, 5 RShift, 6 RAlt = AltGr, 7 RGUI), byte 1 reserved, bytes 2..7 up to six
 * Keyboard-page usage ids of the keys down now. A report says which keys are *down*, so a
 * character is typed on the press edge only: a key in this report that was not in the previous
 * one. A key held over several reports types once; the same key typed twice needs a report
 * without it in between (scanners send one). Rollover: several new keys in one report are typed
 * in report order; ErrorRollOver (0x01) in the slots means "too many keys", and the report is
 * ignored. Keys become characters through the layout the scanner emulates (layouts.ts).
 */
import { altCodeChar } from './alt-code';
import { USAGE_ERROR_ROLLOVER, codeForUsage, numpadDigit } from './hid-usages';
import { charFor } from './layouts';
import type { KeyboardLayout, Terminator } from './types';

export const MOD_LCTRL = 0x01;
export const MOD_LSHIFT = 0x02;
export const MOD_LALT = 0x04;
export const MOD_LGUI = 0x08;
export const MOD_RCTRL = 0x10;
export const MOD_RSHIFT = 0x20;
export const MOD_RALT = 0x40;
export const MOD_RGUI = 0x80;

export interface BootKeyboardOptions {
  layout: KeyboardLayout;
  terminator: Terminator;
  /** set when the device numbers its reports: byte 0 is the id and reports with another id are skipped */
  reportId: number | null;
  /** read Left Alt + keypad digit sequences as one character (code page as in alt-code.ts) */
  altNumpad: boolean;
}

export const BOOT_KEYBOARD_DEFAULTS: BootKeyboardOptions = { layout: 'us', terminator: 'Enter', reportId: null, altNumpad: true };

/** A longer run without terminator is not a barcode: the text is dropped. */
export const MAX_SCAN_CHARS = 8192;

export class BootKeyboardDecoder {
  readonly options: BootKeyboardOptions;
  private down: number[] = [];
  private text = '';
  private altDigits: string | null = null;

  constructor(options: Partial<BootKeyboardOptions> = {}) {
    this.options = { ...BOOT_KEYBOARD_DEFAULTS, ...options };
  }

  /** Feeds one report; returns the scans it completed (usually none, or one at the terminator). */
  push(report: Uint8Array): string[] {
    const start = this.options.reportId === null ? 0 : 1;
    if (this.options.reportId !== null && report[0] !== this.options.reportId) return [];
    if (report.length < start + 3) return [];
    const mods = report[start] ?? 0;
    const keys = [...report.subarray(start + 2, start + 8)].filter((k) => k !== 0);
    if (keys.includes(USAGE_ERROR_ROLLOVER)) return [];

    const done: string[] = [];
    const altHeld = (mods & (MOD_LALT | MOD_RALT)) !== 0 && (mods & (MOD_LCTRL | MOD_RCTRL)) === 0;
    if (this.altDigits !== null && !altHeld) this.closeAlt();

    for (const k of keys) {
      if (this.down.includes(k)) continue;
      this.press(k, mods, altHeld, done);
    }
    this.down = keys;
    return done;
  }

  /** Ends the scan in progress (idle timeout with terminator 'none'); null when nothing is pending. */
  flush(): string | null {
    this.closeAlt();
    const text = this.text;
    this.text = '';
    return text === '' ? null : text;
  }

  get pending(): boolean {
    return this.text !== '' || this.altDigits !== null;
  }

  private press(usageId: number, mods: number, altHeld: boolean, done: string[]): void {
    const code = codeForUsage(usageId);
    if (code === null) return;
    const { terminator } = this.options;
    if ((terminator === 'Enter' && (code === 'Enter' || code === 'NumpadEnter')) || (terminator === 'Tab' && code === 'Tab')) {
      const text = this.flush();
      if (text !== null) done.push(text);
      return;
    }
    const digit = numpadDigit(code);
    if (this.options.altNumpad && altHeld && digit !== null) {
      this.altDigits = (this.altDigits ?? '') + String(digit);
      return;
    }
    const ctrl = (mods & (MOD_LCTRL | MOD_RCTRL)) !== 0;
    const alt = (mods & (MOD_LALT | MOD_RALT)) !== 0;
    if ((mods & (MOD_LGUI | MOD_RGUI)) !== 0 || (ctrl && !alt)) return; // shortcuts type nothing
    const shift = (mods & (MOD_LSHIFT | MOD_RSHIFT)) !== 0;
    const altGr = (mods & MOD_RALT) !== 0 || (ctrl && alt);
    if (alt && !altGr) return; // Left Alt + key is a menu shortcut
    const ch = charFor(this.options.layout, code, shift, altGr);
    if (ch !== null) this.append(ch);
  }

  private closeAlt(): void {
    const digits = this.altDigits;
    this.altDigits = null;
    if (digits === null) return;
    const ch = altCodeChar(digits);
    if (ch !== null) this.append(ch);
  }

  private append(ch: string): void {
    this.text = this.text.length >= MAX_SCAN_CHARS ? '' : this.text + ch;
  }
}
