/**
 * What scanners add around the code they read: an AIM symbology identifier (ISO/IEC 15424, `]`
 * + code character + modifier) in front, a CR/LF/Tab suffix, NUL padding, a UTF-8 BOM from
 * keyboard-wedge and virtual COM drivers. Removing it is the first step for every reading.
 */

/** Code families named by AIM code characters; anything else is reported as `aim-<char>`. */
const AIM_CODES = {
  A: 'code-39',
  C: 'code-128',
  d: 'data-matrix',
  E: 'ean-upc',
  e: 'gs1-databar',
  F: 'codabar',
  G: 'code-93',
  I: 'itf',
  L: 'pdf417',
  Q: 'qr',
  z: 'aztec',
  X: 'other',
} as const;

export type Symbology = (typeof AIM_CODES)[keyof typeof AIM_CODES] | `aim-${string}`;

export type Unframed = { text: string; aimId: string | null; symbology: Symbology | null };

const AIM_ID = /^\]([A-Za-z])[0-9A-Za-z]/;

export function unframe(raw: string): Unframed {
  const text = trimEdges(raw);
  const m = AIM_ID.exec(text);
  if (!m || !m[1]) return { text, aimId: null, symbology: null };
  return { text: trimEdges(text.slice(m[0].length)), aimId: m[0], symbology: symbologyOf(m[1]) };
}

/** CR, LF, Tab, NUL, space and the BOM. */
const isEdge = (c: number): boolean => c === 0x0d || c === 0x0a || c === 0x09 || c === 0x00 || c === 0x20 || c === 0xfeff;

// A loop rather than a regex: linear on any input, however long its inner runs of spaces.
function trimEdges(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isEdge(s.charCodeAt(start))) start++;
  while (end > start && isEdge(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

export function symbologyOf(codeChar: string): Symbology {
  return Object.hasOwn(AIM_CODES, codeChar) ? AIM_CODES[codeChar as keyof typeof AIM_CODES] : `aim-${codeChar}`;
}
