/**
 * Text from outside (node fault codes and descriptions, scans, file and device names) made safe to
 * show on a terminal or a screen: ANSI/VT escape sequences (CSI, OSC, DCS...) are removed whole,
 * then every remaining control character (C0 but tab, line feed and carriage return; DEL; C1) and
 * the bidirectional overrides that can make text read differently from what it is. Imports nothing:
 * the contract, the CLI and the tests share it.
 */

// ESC [ ... final byte (CSI), ESC ] ... BEL or ST (OSC), ESC P/X/^/_ ... ST (DCS, SOS, PM, APC), ESC + one char; and the 8-bit CSI/OSC forms.
const ESCAPES =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?|\x1b[ -~]?/g;
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}

/** One line: printable, with line breaks and tabs as spaces (a CLI table cell, a status bar). */
export function printableLine(text: string): string {
  return printable(text).replace(/[\t\r\n]+/g, ' ');
}

/** Every string inside a JSON-like value made printable; other values untouched. */
export function printableDeep<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map((v) => printableDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = printableDeep(v);
    return out as T;
  }
  return value;
}

/** True when the text holds nothing `printable` would remove (cheap check before copying). */
export function isPrintable(text: string): boolean {
  ESCAPES.lastIndex = 0;
  CONTROLS.lastIndex = 0;
  const clean = !ESCAPES.test(text) && !CONTROLS.test(text);
  ESCAPES.lastIndex = 0;
  CONTROLS.lastIndex = 0;
  return clean;
}
