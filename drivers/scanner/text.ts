/**
 * Bytes from a scanner -> text. pagoPA QR codes are UTF-8; the Poste Data Matrix is ASCII. When
 * the bytes are not valid UTF-8 (a scanner sending Latin-1, line noise) each byte becomes the
 * code point of the same value, so nothing is lost or replaced and the payload parser sees
 * exactly what came in. Pure: used on both sides.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function bytesToText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    let out = '';
    for (const b of bytes) out += String.fromCharCode(b);
    return out;
  }
}
