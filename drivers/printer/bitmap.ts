/**
 * One-bit images: what raster text, Data Matrix and raster QR are drawn into before they become
 * `GS v 0` bands. One byte per pixel while drawing (1 = black) keeps the drawing code simple; the
 * packing to 8 pixels a byte, most significant bit leftmost, happens once in packRows.
 */
import type { Align } from './document';

export interface Bitmap {
  readonly width: number;
  readonly height: number;
  /** row-major, width*height entries, 1 = black */
  readonly pixels: Uint8Array;
}

export function createBitmap(width: number, height: number): Bitmap {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`bad bitmap size ${width}x${height}`);
  }
  return { width, height, pixels: new Uint8Array(width * height) };
}

export function setPixel(bmp: Bitmap, x: number, y: number): void {
  if (x >= 0 && y >= 0 && x < bmp.width && y < bmp.height) bmp.pixels[y * bmp.width + x] = 1;
}

export function getPixel(bmp: Bitmap, x: number, y: number): number {
  if (x < 0 || y < 0 || x >= bmp.width || y >= bmp.height) return 0;
  return bmp.pixels[y * bmp.width + x] ?? 0;
}

export function fillRect(bmp: Bitmap, x: number, y: number, w: number, h: number): void {
  for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) setPixel(bmp, xx, yy);
}

/** A module matrix (QR, Data Matrix) scaled to `module` dots with a quiet zone of `quiet` modules. */
export function scaleMatrix(modules: ArrayLike<number>, cols: number, rows: number, module: number, quiet: number): Bitmap {
  const bmp = createBitmap((cols + 2 * quiet) * module, (rows + 2 * quiet) * module);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (modules[r * cols + c]) fillRect(bmp, (c + quiet) * module, (r + quiet) * module, module, module);
    }
  }
  return bmp;
}

/** Places a bitmap on a full paper-width canvas, so alignment does not depend on the printer honouring ESC a. */
export function placeOnLine(bmp: Bitmap, lineWidth: number, align: Align): Bitmap {
  if (bmp.width >= lineWidth) return bmp;
  const free = lineWidth - bmp.width;
  const left = align === 'left' ? 0 : align === 'center' ? Math.floor(free / 2) : free;
  const out = createBitmap(lineWidth, bmp.height);
  for (let y = 0; y < bmp.height; y++) {
    out.pixels.set(bmp.pixels.subarray(y * bmp.width, (y + 1) * bmp.width), y * lineWidth + left);
  }
  return out;
}

/** Rows `from`..`to` packed 8 pixels a byte, MSB = leftmost, each row padded to whole bytes. */
export function packRows(bmp: Bitmap, from = 0, to = bmp.height): { bytesPerRow: number; data: Uint8Array } {
  const bytesPerRow = Math.ceil(bmp.width / 8);
  const data = new Uint8Array(bytesPerRow * (to - from));
  for (let y = from; y < to; y++) {
    for (let x = 0; x < bmp.width; x++) {
      if (bmp.pixels[y * bmp.width + x]) data[(y - from) * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { bytesPerRow, data };
}
