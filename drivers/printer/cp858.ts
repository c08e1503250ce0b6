/**
 * Text to code page 858 bytes. CP858 is CP850 (DOS Latin-1) with the euro sign at 0xD5 in place
 * of the dotless i; it holds every Italian and German letter, °, ± and €, which is why printers
 * are switched to it (ESC t, see profile.ts). Lower half = ASCII. Anything else becomes '?', after
 * a few look-alikes common in creditor names (typographic quotes, dashes) are replaced.
 */

/** 0x80..0xFF in order, 16 a row; \u00AD soft hyphen and \u00A0 no-break space are escaped. */
const HIGH_HALF =
  'ÇüéâäàåçêëèïîìÄÅ' +
  'ÉæÆôöòûùÿÖÜø£Ø×ƒ' +
  'áíóúñÑªº¿®¬½¼¡«»' +
  '░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤' +
  'ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀' +
  'ÓßÔÒõÕµþÞÚÛÙýÝ¯´' +
  '\u00AD±‗¾¶§÷¸°¨·¹³²■\u00A0';

const TO_BYTE: ReadonlyMap<string, number> = new Map(Array.from(HIGH_HALF, (ch, i) => [ch, 0x80 + i] as const));

const LOOK_ALIKES: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\t': ' ',
  '\u2022': '·',
};

export const UNMAPPABLE = 0x3f; // '?'

/** The CP858 byte for one character, or undefined when the code page has no such character. */
export function cp858Byte(ch: string): number | undefined {
  const cp = ch.codePointAt(0);
  if (cp === undefined || ch.length > 2) return undefined;
  if (cp >= 0x20 && cp <= 0x7e) return cp;
  return TO_BYTE.get(ch);
}

/** Encodes a line of text (no control characters survive: they print as '?'). */
export function encodeCp858(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = cp858Byte(ch);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    const alike = LOOK_ALIKES[ch];
    if (alike === undefined) out.push(UNMAPPABLE);
    else for (const c of alike) out.push(cp858Byte(c) ?? UNMAPPABLE);
  }
  return Uint8Array.from(out);
}

/** What a CP858 printer will show for `text`: the look-alikes replaced, the rest as '?'. */
export function printableCp858(text: string): string {
  let s = '';
  for (const b of encodeCp858(text)) s += b < 0x80 ? String.fromCharCode(b) : (HIGH_HALF[b - 0x80] ?? '?');
  return s;
}
