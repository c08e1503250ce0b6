/**
 * A PrintDocument as a PDF (pdfkit): 'roll' is a page as wide as the paper roll and as long as the
 * receipt (80 mm: 72 mm printed, 48 columns; 58 mm: 48 mm, 32 columns); 'a4' lays the same document
 * out in 80 columns on A4 pages, breaking between lines, never through a symbol. Courier is one of
 * the PDF standard fonts (WinAnsi: €, Italian and German letters), so nothing is embedded.
 */
import PDFDocument from 'pdfkit';
import { missingCase } from '../../kernel/errors';
import type { PrintDocument } from '../printer/index';
import { CELL_DOTS, LINE_DOTS, layoutSheet, type Sheet, type SheetItem } from './sheet';

export type PdfPage = 'roll-80mm' | 'roll-58mm' | 'a4';

export interface PdfOptions {
  readonly page?: PdfPage;
  /** document info: title and creation date (pass the print time: same input, same file) */
  readonly title?: string;
  readonly createdAtMs?: number;
  /** deflate the content streams (default true) */
  readonly compress?: boolean;
}

const MM = 72 / 25.4;
/** Courier advances 600/1000 em: the font size that fills one cell */
const COURIER_ADVANCE = 0.6;
const BASELINE_DOTS = 22;

interface PageGeometry {
  columns: number;
  widthPt: number;
  /** null: one page as long as the content */
  heightPt: number | null;
  marginPt: number;
}

const GEOMETRY: Readonly<Record<PdfPage, PageGeometry>> = {
  'roll-80mm': { columns: 48, widthPt: 80 * MM, heightPt: null, marginPt: 4 * MM },
  'roll-58mm': { columns: 32, widthPt: 58 * MM, heightPt: null, marginPt: 5 * MM },
  a4: { columns: 80, widthPt: 210 * MM, heightPt: 297 * MM, marginPt: 20 * MM },
};

export function renderPdf(document: PrintDocument, opts: PdfOptions = {}): Promise<Uint8Array> {
  const g = GEOMETRY[opts.page ?? 'roll-80mm'];
  const sheet = layoutSheet(document, g.columns);
  const scale = (g.widthPt - 2 * g.marginPt) / sheet.widthDots;
  const pageHeight = g.heightPt ?? sheet.heightDots * scale + 2 * g.marginPt;
  const created = new Date(opts.createdAtMs ?? 0);
  const pdf = new PDFDocument({
    size: [g.widthPt, pageHeight],
    margin: 0,
    autoFirstPage: true,
    compress: opts.compress ?? true,
    info: { Title: opts.title ?? '', Producer: 'sportello', Creator: 'sportello', CreationDate: created, ModDate: created },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });
  drawSheet(pdf, sheet, g, scale, pageHeight);
  pdf.end();
  return done;
}

function drawSheet(pdf: PDFKit.PDFDocument, sheet: Sheet, g: PageGeometry, scale: number, pageHeight: number): void {
  const usable = (pageHeight - 2 * g.marginPt) / scale;
  let top = 0; // sheet dot at the top of the current page
  for (const item of sheet.items) {
    if (g.heightPt !== null && item.y + item.height - top > usable && item.y > top) {
      pdf.addPage({ size: [g.widthPt, pageHeight], margin: 0 });
      top = item.y;
    }
    const at = (xDots: number, yDots: number): [number, number] => [g.marginPt + xDots * scale, g.marginPt + (yDots - top) * scale];
    drawItem(pdf, item, at, scale, sheet.widthDots, g.heightPt !== null);
  }
}

function drawItem(
  pdf: PDFKit.PDFDocument,
  item: SheetItem,
  at: (x: number, y: number) => [number, number],
  scale: number,
  widthDots: number,
  tearLine: boolean,
): void {
  switch (item.kind) {
    case 'text': {
      const sx = item.style.doubleWidth ? 2 : 1;
      const sy = item.style.doubleHeight ? 2 : 1;
      const [x, y] = at(item.column * CELL_DOTS * sx, item.y);
      pdf.save().translate(x, y).scale(sx, sy);
      pdf
        .font(item.style.bold ? 'Courier-Bold' : 'Courier')
        .fontSize((CELL_DOTS * scale) / COURIER_ADVANCE)
        .fillColor('#000');
      pdf.text(item.text, 0, BASELINE_DOTS * scale, { lineBreak: false, baseline: 'alphabetic', underline: item.style.underline ?? false });
      pdf.restore();
      return;
    }
    case 'matrix': {
      const m = item.moduleDots * scale;
      const [x0, y0] = at(item.x, item.y);
      for (let r = 0; r < item.matrix.rows; r++) {
        for (let c = 0; c < item.matrix.cols; c++)
          if (item.matrix.modules[r * item.matrix.cols + c]) pdf.rect(x0 + c * m, y0 + r * m, m, m);
      }
      pdf.fill('#000');
      return;
    }
    case 'bars': {
      let [x] = at(item.x, item.y);
      const [, y] = at(item.x, item.y);
      item.widths.forEach((w, i) => {
        const width = w * item.moduleDots * scale;
        if (i % 2 === 0) pdf.rect(x, y, width, item.height * scale);
        x += width;
      });
      pdf.fill('#000');
      return;
    }
    case 'cut': {
      if (!tearLine) return; // on a roll page the page ends here
      const [x1, y] = at(0, item.y + LINE_DOTS / 2);
      const [x2] = at(widthDots, item.y);
      pdf.save().moveTo(x1, y).lineTo(x2, y).dash(4, { space: 3 }).lineWidth(0.5).stroke('#888').undash().restore();
      return;
    }
    default:
      missingCase(item);
  }
}
