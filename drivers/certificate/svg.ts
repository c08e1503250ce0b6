/**
 * A PrintDocument as an SVG picture of the paper: the on-screen preview. Drawn in printer dots
 * (viewBox), shown at half size; text keeps the monospaced cells through textLength, so alignment
 * holds whatever monospace font the screen has. Symbols are drawn module by module.
 */
import { missingCase } from '../../kernel/errors';
import type { PrintDocument } from '../printer/index';
import { CELL_DOTS, LINE_DOTS, layoutSheet, type SheetItem } from './sheet';

export interface SvgOptions {
  /** characters per line: 48 for 80 mm paper (default), 32 for 58 mm */
  readonly columns?: number;
  /** screen pixels per printer dot (default 0.5) */
  readonly scale?: number;
  /** accessible name of the picture */
  readonly title?: string;
}

const MARGIN_DOTS = 24;
const FONT_DOTS = 20;
const BASELINE_DOTS = 22;

export function renderSvg(document: PrintDocument, opts: SvgOptions = {}): string {
  const sheet = layoutSheet(document, opts.columns ?? 48);
  const scale = opts.scale ?? 0.5;
  const w = sheet.widthDots + 2 * MARGIN_DOTS;
  const h = sheet.heightDots + 2 * MARGIN_DOTS;
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${w * scale}" height="${h * scale}" viewBox="0 0 ${w} ${h}" role="img">`];
  if (opts.title) out.push(`<title>${escapeXml(opts.title)}</title>`);
  out.push(`<rect width="${w}" height="${h}" fill="#fff"/>`);
  out.push(
    `<g transform="translate(${MARGIN_DOTS} ${MARGIN_DOTS})" font-family="'DejaVu Sans Mono', 'Courier New', monospace" font-size="${FONT_DOTS}" fill="#000">`,
  );
  for (const item of sheet.items) out.push(svgItem(item, sheet.widthDots));
  out.push('</g>', '</svg>');
  return `${out.join('\n')}\n`;
}

function svgItem(item: SheetItem, widthDots: number): string {
  switch (item.kind) {
    case 'text': {
      const sx = item.style.doubleWidth ? 2 : 1;
      const sy = item.style.doubleHeight ? 2 : 1;
      const attrs = [
        `textLength="${item.text.length * CELL_DOTS}"`,
        'lengthAdjust="spacingAndGlyphs"',
        'xml:space="preserve"',
        item.style.bold ? 'font-weight="bold"' : '',
        item.style.underline ? 'text-decoration="underline"' : '',
      ]
        .filter(Boolean)
        .join(' ');
      const at = `translate(${item.column * CELL_DOTS * sx} ${item.y}) scale(${sx} ${sy})`;
      return `<text transform="${at}" x="0" y="${BASELINE_DOTS}" ${attrs}>${escapeXml(item.text)}</text>`;
    }
    case 'matrix': {
      const m = item.moduleDots;
      let d = '';
      for (let r = 0; r < item.matrix.rows; r++) {
        for (let c = 0; c < item.matrix.cols; c++) {
          if (item.matrix.modules[r * item.matrix.cols + c]) d += `M${item.x + c * m} ${item.y + r * m}h${m}v${m}h-${m}z`;
        }
      }
      return `<path class="symbol" data-cols="${item.matrix.cols}" data-module="${m}" d="${d}"/>`;
    }
    case 'bars': {
      let d = '';
      let x = item.x;
      item.widths.forEach((wd, i) => {
        const px = wd * item.moduleDots;
        if (i % 2 === 0) d += `M${x} ${item.y}h${px}v${item.height}h-${px}z`;
        x += px;
      });
      return `<path class="bars" d="${d}"/>`;
    }
    case 'cut':
      return `<line class="cut" x1="${-MARGIN_DOTS}" y1="${item.y + LINE_DOTS / 2}" x2="${widthDots + MARGIN_DOTS}" y2="${item.y + LINE_DOTS / 2}" stroke="#888" stroke-width="2" stroke-dasharray="12 8"/>`;
    default:
      return missingCase(item);
  }
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}
