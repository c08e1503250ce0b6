/**
 * Alt+numpad character codes, the way Windows reads them and some scanners send them to stay
 * layout-independent: Alt held, the decimal code on the numeric keypad, Alt released.
 * With a leading 0 the code is in the ANSI code page (windows-1252 on Italian and US systems);
 * without, in the OEM code page (437/850), of which we only know the ASCII half: higher OEM codes
 * come out as U+FFFD so the payload parser rejects the reading instead of getting a wrong digit.
 */
const ansi = new TextDecoder('windows-1252');

export function altCodeChar(digits: string): string | null {
  if (!/^[0-9]{1,4}$/.test(digits)) return null;
  const value = Number(digits) % 256; // Windows takes the code modulo 256
  if (value === 0) return null;
  if (value < 0x80) return String.fromCharCode(value);
  return digits.startsWith('0') ? ansi.decode(new Uint8Array([value])) : '\uFFFD';
}
