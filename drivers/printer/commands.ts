/**
 * ESC/POS command bytes, one function a command, named after what the command does. Numbers
 * follow Epson's ESC/POS reference; nothing here knows about documents or profiles.
 */
import type { Align } from './document';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const EOT = 0x04;
export const LF = 0x0a;

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

/** ESC @: clears the print buffer's modes back to power-on defaults */
export const initialize = (): Uint8Array => bytes(ESC, 0x40);
/** FS .: leaves Kanji/Chinese double-byte mode, which some clones start in */
export const cancelKanjiMode = (): Uint8Array => bytes(FS, 0x2e);
/** ESC t n: character code table */
export const selectCodePage = (n: number): Uint8Array => bytes(ESC, 0x74, byte(n));
/** ESC E n */
export const emphasis = (on: boolean): Uint8Array => bytes(ESC, 0x45, on ? 1 : 0);
/** ESC - n: 0 off, 1 one dot, 2 two dots thick */
export const underline = (dots: 0 | 1 | 2): Uint8Array => bytes(ESC, 0x2d, dots);
/** GS ! n: width and height multipliers 1..8 */
export const characterSize = (width: number, height: number): Uint8Array =>
  bytes(GS, 0x21, ((clamp(width, 1, 8) - 1) << 4) | (clamp(height, 1, 8) - 1));
/** ESC a n */
export const justify = (align: Align): Uint8Array => bytes(ESC, 0x61, align === 'left' ? 0 : align === 'center' ? 1 : 2);
export const lineFeed = (): Uint8Array => bytes(LF);
/** ESC d n: prints the buffer and feeds n lines */
export const feedLines = (n: number): Uint8Array => bytes(ESC, 0x64, clamp(n, 0, 255));

/** GS V 65/66 n: feed n dots, then full (65) or partial (66) cut */
export const cutPaper = (partial: boolean, feedDots: number): Uint8Array => bytes(GS, 0x56, partial ? 66 : 65, clamp(feedDots, 0, 255));

/** ESC p m t1 t2: pulse on drawer pin 2 (m=0) or 5 (m=1), on/off time in 2 ms units */
export const drawerKick = (pin: 2 | 5, onMs: number, offMs: number): Uint8Array =>
  bytes(ESC, 0x70, pin === 2 ? 0 : 1, clamp(Math.round(onMs / 2), 1, 255), clamp(Math.round(offMs / 2), 1, 255));

/** DLE EOT n: real-time status, n = 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor */
export const statusRequest = (n: 1 | 2 | 3 | 4): Uint8Array => bytes(DLE, EOT, n);

/** GS H n (text under the bars or not), GS h n (height), GS w n (module), GS k 73 n data */
export function code128(data: Uint8Array, opts: { moduleDots: number; heightDots: number; showText: boolean }): Uint8Array {
  return concat([
    bytes(GS, 0x48, opts.showText ? 2 : 0),
    bytes(GS, 0x68, clamp(opts.heightDots, 1, 255)),
    bytes(GS, 0x77, clamp(opts.moduleDots, 1, 6)),
    bytes(GS, 0x6b, 73, data.length),
    data,
  ]);
}

/** GS ( k for a model 2 QR: select model, module size, error correction M, store the data, print it */
export function qrCode(data: Uint8Array, moduleDots: number): Uint8Array {
  const stored = data.length + 3;
  return concat([
    bytes(GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0), // fn 165: model 2
    bytes(GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, clamp(moduleDots, 1, 16)), // fn 167: module size
    bytes(GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31), // fn 169: error correction M
    bytes(GS, 0x28, 0x6b, stored & 0xff, stored >> 8, 0x31, 0x50, 0x30), // fn 180: store
    data,
    bytes(GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30), // fn 181: print
  ]);
}

/** GS v 0 m=0: a raster bit image, `bytesPerRow` x `rows`, 8 dots a byte, MSB leftmost */
export function rasterImage(bytesPerRow: number, rows: number, data: Uint8Array): Uint8Array {
  return concat([bytes(GS, 0x76, 0x30, 0, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8), data]);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(n)));
}

function byte(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 255) throw new RangeError(`not a byte: ${n}`);
  return n;
}
