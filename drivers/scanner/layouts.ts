/**
 * Keyboard layouts a keyboard-mode scanner may emulate, as physical key (KeyboardEvent.code, the
 * names of the UI Events KeyboardEvent code spec) + Shift / AltGr -> character.
 *
 * Why: a scanner "types" by sending key positions, computed for the layout it was programmed
 * with. The host turns positions into characters with *its* layout. A scanner emulating a US
 * keyboard sends Shift + the key right of `]` for `|`; an Italian host reads that key as `ù`,
 * so `PAGOPA|002|…` arrives as `PAGOPA§002§…`. Reading the position (`code`) and mapping it
 * with the scanner's layout gives back what the scanner meant, whatever the host's layout.
 * Letters and digits sit in the same places on both layouts, so only punctuation is at stake.
 *
 * Pure data and lookups: imported by the renderer's wedge detector and the hidraw decoder.
 * Only the characters reachable without dead keys are listed; the rest map to null.
 */
import type { KeyboardLayout } from './types';

/** [plain, with Shift, with AltGr, with AltGr+Shift] */
type KeyChars = readonly [string, string, string?, string?];
type LayoutTable = Readonly<Record<string, KeyChars>>;

function letters(): Record<string, KeyChars> {
  const out: Record<string, KeyChars> = {};
  for (let c = 0x61; c <= 0x7a; c++) {
    const ch = String.fromCharCode(c);
    out[`Key${ch.toUpperCase()}`] = [ch, ch.toUpperCase()];
  }
  return out;
}

/** Numpad0..Numpad9: the digit itself, Shift or not (NumLock on). */
function numpadDigits(): Record<string, KeyChars> {
  const out: Record<string, KeyChars> = {};
  for (let d = 0; d <= 9; d++) out[`Numpad${d}`] = [String(d), String(d)];
  return out;
}

/** Keys whose character does not depend on the layout (NumLock assumed on, as scanners do). */
const COMMON: LayoutTable = {
  ...letters(),
  Space: [' ', ' '],
  ...numpadDigits(),
  NumpadDecimal: ['.', '.'],
  NumpadDivide: ['/', '/'],
  NumpadMultiply: ['*', '*'],
  NumpadSubtract: ['-', '-'],
  NumpadAdd: ['+', '+'],
};

/** US (ANSI; the ISO extra key left of Z repeats backslash). */
const US: LayoutTable = {
  ...COMMON,
  Backquote: ['`', '~'],
  Digit1: ['1', '!'],
  Digit2: ['2', '@'],
  Digit3: ['3', '#'],
  Digit4: ['4', '$'],
  Digit5: ['5', '%'],
  Digit6: ['6', '^'],
  Digit7: ['7', '&'],
  Digit8: ['8', '*'],
  Digit9: ['9', '('],
  Digit0: ['0', ')'],
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  IntlBackslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
};

/** Italian (ISO, as printed on Italian keyboards; `[ ] { } @ # €` need AltGr). */
const IT: LayoutTable = {
  ...COMMON,
  KeyE: ['e', 'E', '€'],
  Backquote: ['\\', '|'],
  Digit1: ['1', '!'],
  Digit2: ['2', '"'],
  Digit3: ['3', '£'],
  Digit4: ['4', '$'],
  Digit5: ['5', '%'],
  Digit6: ['6', '&'],
  Digit7: ['7', '/'],
  Digit8: ['8', '('],
  Digit9: ['9', ')'],
  Digit0: ['0', '='],
  Minus: ["'", '?'],
  Equal: ['ì', '^'],
  BracketLeft: ['è', 'é', '[', '{'],
  BracketRight: ['+', '*', ']', '}'],
  Semicolon: ['ò', 'ç', '@'],
  Quote: ['à', '°', '#'],
  Backslash: ['ù', '§'],
  IntlBackslash: ['<', '>'],
  Comma: [',', ';'],
  Period: ['.', ':'],
  Slash: ['-', '_'],
};

const TABLES: Readonly<Record<KeyboardLayout, LayoutTable>> = { us: US, it: IT };

export const KEYBOARD_LAYOUTS: readonly KeyboardLayout[] = ['us', 'it'];

/** The character `layout` puts on physical key `code`, or null when the key types nothing we know. */
export function charFor(layout: KeyboardLayout, code: string, shift: boolean, altGr = false): string | null {
  const table = TABLES[layout];
  if (!Object.hasOwn(table, code)) return null;
  const chars = table[code];
  if (!chars) return null;
  const ch = altGr ? (shift ? chars[3] : chars[2]) : shift ? chars[1] : chars[0];
  return ch ?? null;
}

/** Physical key + modifiers that type `ch` on `layout` (used to build test streams and fixtures). */
export function keyFor(layout: KeyboardLayout, ch: string): { code: string; shift: boolean; altGr: boolean } | null {
  const table = TABLES[layout];
  // Prefer the main block over the numeric keypad, as a scanner does.
  const codes = Object.keys(table).sort((a, b) => Number(a.startsWith('Numpad')) - Number(b.startsWith('Numpad')));
  for (const code of codes) {
    const chars = table[code];
    if (!chars) continue;
    const at = chars.indexOf(ch);
    if (at >= 0) return { code, shift: at === 1 || at === 3, altGr: at >= 2 };
  }
  return null;
}
