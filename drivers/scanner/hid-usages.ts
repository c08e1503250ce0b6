/**
 * HID Keyboard/Keypad page (0x07) usage ids -> physical key names (KeyboardEvent.code), so that
 * hidraw keyboard reports and browser key events share one layout table (layouts.ts). Ids from
 * the USB HID Usage Tables, Keyboard/Keypad Page. 0x31 (US `\|`) and 0x32 (ISO "Non-US # and ~",
 * the key left of Enter) are the same key to Linux and Chromium (`Backslash`), so both map there.
 */

/** Usage ids with a meaning in a report but no key: 0x01 ErrorRollOver fills every slot when too many keys are down. */
export const USAGE_ERROR_ROLLOVER = 0x01;

export const USAGE_ENTER = 0x28;
export const USAGE_TAB = 0x2b;
export const USAGE_KEYPAD_ENTER = 0x58;

const CODES = new Map<number, string>();

for (let i = 0; i < 26; i++) CODES.set(0x04 + i, `Key${String.fromCharCode(0x41 + i)}`);
for (let i = 1; i <= 9; i++) CODES.set(0x1e + i - 1, `Digit${i}`);
CODES.set(0x27, 'Digit0');
for (const [usage, code] of [
  [0x28, 'Enter'],
  [0x29, 'Escape'],
  [0x2a, 'Backspace'],
  [0x2b, 'Tab'],
  [0x2c, 'Space'],
  [0x2d, 'Minus'],
  [0x2e, 'Equal'],
  [0x2f, 'BracketLeft'],
  [0x30, 'BracketRight'],
  [0x31, 'Backslash'],
  [0x32, 'Backslash'],
  [0x33, 'Semicolon'],
  [0x34, 'Quote'],
  [0x35, 'Backquote'],
  [0x36, 'Comma'],
  [0x37, 'Period'],
  [0x38, 'Slash'],
  [0x39, 'CapsLock'],
  [0x54, 'NumpadDivide'],
  [0x55, 'NumpadMultiply'],
  [0x56, 'NumpadSubtract'],
  [0x57, 'NumpadAdd'],
  [0x58, 'NumpadEnter'],
  [0x62, 'Numpad0'],
  [0x63, 'NumpadDecimal'],
  [0x64, 'IntlBackslash'],
] as const) {
  CODES.set(usage, code);
}
for (let i = 1; i <= 9; i++) CODES.set(0x59 + i - 1, `Numpad${i}`);
for (let i = 1; i <= 12; i++) CODES.set(0x3a + i - 1, `F${i}`);

export function codeForUsage(usage: number): string | null {
  return CODES.get(usage) ?? null;
}

/** The usage id of a physical key (inverse of codeForUsage; Backslash -> 0x31, the US key). */
export function usageForCode(code: string): number | null {
  for (const [usage, c] of CODES) if (c === code) return usage;
  return null;
}

/** Numpad digit keys, for Alt+numpad character codes. */
export function numpadDigit(code: string): number | null {
  const m = /^Numpad([0-9])$/.exec(code);
  return m ? Number(m[1]) : null;
}
