/**
 * Text drawn into bitmaps with the built-in font (font.ts), one bitmap per printed line, for
 * printers without CP858 (profile textMode 'raster'). A cell is the font A cell of the profile
 * (dotsPerLine / columns, 12 dots on both rolls) by 24 dots; double width/height double it.
 */
import { createBitmap, fillRect, type Bitmap } from './bitmap';
import type { Align, TextStyle } from './document';
import { glyph, GLYPH_COLUMNS, GLYPH_ROWS } from './font';

/** dots of paper between two raster text lines (the printer's own line spacing is not applied to images) */
export const LINE_GAP_DOTS = 6;
const SCALE = 2;
const CELL_HEIGHT = GLYPH_ROWS * SCALE;
const FALLBACK = '?';

/** One line of text as a bitmap as wide as the paper. `line` must already fit in the line's columns. */
export function rasterTextLine(line: string, opts: { dotsPerLine: number; columns: number; align: Align; style?: TextStyle }): Bitmap {
  const style = opts.style ?? {};
  const xScale = SCALE * (style.doubleWidth ? 2 : 1);
  const yScale = SCALE * (style.doubleHeight ? 2 : 1);
  const cellWidth = Math.floor(opts.dotsPerLine / opts.columns) * (style.doubleWidth ? 2 : 1);
  const cellHeight = CELL_HEIGHT * (style.doubleHeight ? 2 : 1);
  const chars = Array.from(line);
  const used = chars.length * cellWidth;
  const free = Math.max(0, opts.dotsPerLine - used);
  let x = opts.align === 'left' ? 0 : opts.align === 'center' ? Math.floor(free / 2) : free;
  const top = Math.floor(LINE_GAP_DOTS / 2);
  const bmp = createBitmap(opts.dotsPerLine, cellHeight + LINE_GAP_DOTS);
  const pad = Math.floor((cellWidth - GLYPH_COLUMNS * xScale) / 2);

  for (const ch of chars) {
    const rows = glyph(ch) ?? glyph(FALLBACK) ?? [];
    rows.forEach((mask, r) => {
      for (let c = 0; c < GLYPH_COLUMNS; c++) {
        if (!(mask & (0x10 >> c))) continue;
        // bold strikes each dot once more, one dot to the right, as the printer's emphasis does
        fillRect(bmp, x + pad + c * xScale, top + r * yScale, xScale + (style.bold ? 1 : 0), yScale);
      }
    });
    if (style.underline) fillRect(bmp, x, top + cellHeight - yScale, cellWidth, yScale);
    x += cellWidth;
  }
  return bmp;
}
