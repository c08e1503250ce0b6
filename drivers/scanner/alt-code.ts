/**
 * Alt+numpad character codes, the way Windows reads them and some scanners send them to stay
 * layout-independent: Alt held, the decimal code on the numeric keypad, Alt released.
 * With a leading 0 the code is in the ANSI code page (windows-1252 on Italian and US systems);
 * without, in the OEM code page (437/850), of which we only know the ASCII half: higher OEM codes
 * come out as U+FFFD so the payload parser rejects the reading instead of getting a wrong digit.
 */

/** windows-1252 0x80..0x9F (the rest of its upper half is Latin-1). Written out because Node's
 *  TextDecoder treats the 'windows-1252' label as plain Latin-1. */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function altCodeChar(digits: string): string | null {
  if (!/^[0-9]{1,4}$/.test(digits)) return null;
  const value = Number(digits) % 256; // Windows takes the code modulo 256
  if (value === 0) return null;
  if (value < 0x80) return String.fromCharCode(value);
  if (!digits.startsWith('0')) return '\uFFFD';
  return String.fromCharCode(value < 0xa0 ? (CP1252_80_9F[value - 0x80] ?? value) : value);
}
