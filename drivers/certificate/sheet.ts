/**
 * A PrintDocument laid out on a receipt-shaped sheet, in printer dots, for the previews: the same
 * wrapping and pairs as the ESC/POS encoder (layout.ts, printableCp858), so the SVG and the PDF show
 * the lines the paper shows. Each renderer only maps dots to its own unit.
 */
import { missingCase } from '../../kernel/errors';
import {
  alignLine,
  columnsFor,
  layoutPair,
  printableCp858,
  ruleLine,
  wrapText,
  type Align,
  type Block,
  type PrintDocument,
  type TextStyle,
} from '../printer/index';
import { code128Widths, dataMatrixMatrix, qrMatrix, type ModuleMatrix } from './symbols';

/** Font A cell: 12 dots wide; a line advances 30 dots (24-dot glyphs plus spacing). */
export const CELL_DOTS = 12;
export const LINE_DOTS = 30;
const QR_QUIET = 4;
const DATAMATRIX_QUIET = 1;
const CODE128_QUIET = 10;
const CODE128_HEIGHT_DOTS = 80;

export type SheetItem =
  /** one printed line; `column` counts cells of this line's width (double width: 24 dots) */
  | {
      readonly kind: 'text';
      readonly y: number;
      readonly height: number;
      readonly column: number;
      readonly text: string;
      readonly style: TextStyle;
    }
  | {
      readonly kind: 'matrix';
      readonly y: number;
      readonly height: number;
      readonly x: number;
      readonly moduleDots: number;
      readonly matrix: ModuleMatrix;
      readonly data: string;
    }
  /** widths alternate bar, space, bar..., in modules */
  | {
      readonly kind: 'bars';
      readonly y: number;
      readonly height: number;
      readonly x: number;
      readonly moduleDots: number;
      readonly widths: readonly number[];
      readonly data: string;
    }
  | { readonly kind: 'cut'; readonly y: number; readonly height: 0 };

export interface Sheet {
  readonly columns: number;
  readonly widthDots: number;
  readonly heightDots: number;
  readonly items: readonly SheetItem[];
}

export function layoutSheet(document: PrintDocument, columns: number): Sheet {
  if (!Number.isInteger(columns) || columns < 16) throw new RangeError('a sheet needs at least 16 columns');
  const widthDots = columns * CELL_DOTS;
  const items: SheetItem[] = [];
  let y = 0;
  const lines = (texts: readonly string[], align: Align, style: TextStyle = {}): void => {
    const width = columnsFor(columns, style);
    const height = LINE_DOTS * (style.doubleHeight ? 2 : 1);
    for (const raw of texts) {
      const line = alignLine(raw, width, align).trimEnd();
      const text = line.trimStart();
      if (text !== '') items.push({ kind: 'text', y, height, column: line.length - text.length, text, style });
      y += height;
    }
  };
  const place = (align: Align, sizeDots: number): number =>
    align === 'left' ? 0 : align === 'right' ? widthDots - sizeDots : Math.floor((widthDots - sizeDots) / 2);
  const symbol = (data: string, matrix: ModuleMatrix, quiet: number, align: Align, requested: number | undefined): void => {
    const fit = Math.floor(widthDots / (matrix.cols + 2 * quiet));
    const moduleDots = Math.min(requested ?? (columns >= 48 ? 8 : 6), fit, 16);
    if (moduleDots < 1) throw new RangeError('symbol wider than the sheet');
    const x = place(align, (matrix.cols + 2 * quiet) * moduleDots) + quiet * moduleDots;
    const height = matrix.rows * moduleDots;
    items.push({ kind: 'matrix', y: y + quiet * moduleDots, height, x, moduleDots, matrix, data });
    y += height + 2 * quiet * moduleDots;
  };

  for (const block of document.blocks as readonly Block[]) {
    switch (block.kind) {
      case 'text':
        lines(wrapText(printableCp858(block.text), columnsFor(columns, block.style)), block.align ?? 'left', block.style);
        break;
      case 'pair':
        lines(layoutPair(printableCp858(block.label), printableCp858(block.value), columnsFor(columns, block.style)), 'left', block.style);
        break;
      case 'rule':
        lines([ruleLine(printableCp858(block.char ?? '-'), columns)], 'left');
        break;
      case 'feed':
        y += block.lines * LINE_DOTS;
        break;
      case 'qr':
        symbol(block.data, qrMatrix(block.data), QR_QUIET, block.align ?? 'center', block.moduleDots);
        break;
      case 'datamatrix':
        symbol(block.data, dataMatrixMatrix(block.data), DATAMATRIX_QUIET, block.align ?? 'center', block.moduleDots);
        break;
      case 'code128': {
        const widths = code128Widths(block.data);
        const modules = widths.reduce((a, b) => a + b, 0) + 2 * CODE128_QUIET;
        const moduleDots = Math.min(3, Math.floor(widthDots / modules));
        if (moduleDots < 1) throw new RangeError('Code 128 symbol wider than the sheet');
        const x = place(block.align ?? 'center', modules * moduleDots) + CODE128_QUIET * moduleDots;
        items.push({ kind: 'bars', y, height: CODE128_HEIGHT_DOTS, x, moduleDots, widths, data: block.data });
        y += CODE128_HEIGHT_DOTS;
        if (block.showText ?? true) lines([block.data], block.align ?? 'center');
        break;
      }
      case 'cut':
        items.push({ kind: 'cut', y, height: 0 });
        y += LINE_DOTS; // room for the tear line in a preview
        break;
      case 'drawer':
        break; // nothing to see on paper
      default:
        missingCase(block);
    }
  }
  return { columns, widthDots, heightDots: y, items };
}
