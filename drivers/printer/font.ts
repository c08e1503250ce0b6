/**
 * The built-in bitmap font for printers that cannot print CP858 text (textMode 'raster'): printable
 * ASCII, €, °, ±, ß, · and the Italian/German accented vowels, drawn on a 5x12 grid and printed
 * at twice that size, which fills the 12x24 cell of ESC/POS font A.
 *
 * Grid rows: 0-1 accent over a capital, 2 gap, 3-9 the capital's height (baseline at 9), 10-11
 * descenders. Lowercase letters start at row 5, so their accent sits at rows 2-3.
 * Each glyph below is its rows 3..11, one base-32 digit a row (bit 4 = leftmost column).
 */

export const GLYPH_COLUMNS = 5;
export const GLYPH_ROWS = 12;
const BODY_TOP = 3;

const CHARS = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~€°±ßı·';
const CODES = (
  '000000000 444440400 aaa000000 aavavaa00 4fke5u400 op248j300 cik8lid00 448000000 248884200 842224800 ' +
  '04lel4000 044v44000 00000cc48 000v00000 00000cc00 01248g000 ehjlphe00 4c4444e00 eh1248v00 v2421he00 ' +
  '26aiv2200 vgu11he00 68guhhe00 v12488800 ehhehhe00 ehhf12c00 0cc0cc000 0cc0cc480 248g84200 00v0v0000 ' +
  '842124800 eh1240400 eh1dlle00 ehhvhhh00 uhhuhhu00 ehggghe00 sihhhis00 vgguggv00 vgguggg00 ehgnhhf00 ' +
  'hhhvhhh00 e44444e00 72222ic00 hikokih00 ggggggv00 hrllhhh00 hhpljhh00 ehhhhhe00 uhhuggg00 ehhhlid00 ' +
  'uhhukih00 fgge11u00 v44444400 hhhhhhe00 hhhhha400 hhhllla00 hha4ahh00 hhha44400 v1248gv00 e88888e00 ' +
  '0g8421000 e22222e00 4ah000000 0000000v0 842000000 00e1fhf00 ggmphhu00 00egghe00 11djhhf00 00ehvge00 ' +
  '698s88800 00fhhhf1e ggmphhh00 40c444e00 2062222ic ggikoki00 c44444e00 00qllll00 00mphhh00 00ehhhe00 ' +
  '00uhhhugg 00fhhhf11 00mpggg00 00ege1u00 88s889600 00hhhjd00 00hhha400 00hhlla00 00ha4ah00 00hhhhf1e ' +
  '00v248v00 244844200 444444400 844244800 008l20000 78u8u8700 ciic00000 44v440v00 ciimhhm00 00c444e00 ' +
  '000cc0000'
).split(' ');

const ACCENTS = {
  grave: [0b01000, 0b00100],
  acute: [0b00010, 0b00100],
  diaeresis: [0b00000, 0b01010],
  circumflex: [0b00100, 0b01010],
} as const;
type Accent = keyof typeof ACCENTS;

/** accented letter -> base glyph and accent (ì/í/ï/î use the dotless ı) */
const COMPOSED: Readonly<Record<string, readonly [string, Accent]>> = (() => {
  const out: Record<string, readonly [string, Accent]> = {};
  const marks: Record<Accent, string> = { grave: '\u0300', acute: '\u0301', circumflex: '\u0302', diaeresis: '\u0308' };
  for (const base of 'aeiouAEIOU') {
    for (const accent of Object.keys(marks) as Accent[]) {
      out[(base + marks[accent]).normalize('NFC')] = [base === 'i' ? 'ı' : base, accent];
    }
  }
  return out;
})();

const BODIES: ReadonlyMap<string, readonly number[]> = new Map(
  Array.from(CHARS, (ch, i) => [ch, Array.from(CODES[i] ?? '', (d) => parseInt(d, 32))] as const),
);

/**
 * The glyph for one character as GLYPH_ROWS row masks (bit 4 = leftmost column), or undefined
 * when the font has no such character.
 */
export function glyph(ch: string): readonly number[] | undefined {
  const composed = COMPOSED[ch];
  const body = BODIES.get(composed ? composed[0] : ch);
  if (!body) return undefined;
  const rows = new Array<number>(GLYPH_ROWS).fill(0);
  body.forEach((mask, i) => (rows[BODY_TOP + i] = mask));
  if (composed) {
    const at = composed[0] === composed[0].toUpperCase() ? 0 : 2;
    const [first, second] = ACCENTS[composed[1]];
    rows[at] = first;
    rows[at + 1] = second;
  }
  return rows;
}

/** Every character the font can draw (for the test page and tests). */
export function fontCharacters(): string[] {
  return [...CHARS, ...Object.keys(COMPOSED)];
}
