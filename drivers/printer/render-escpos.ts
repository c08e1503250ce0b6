/**
 * PrintDocument -> ESC/POS bytes for one printer profile. Text goes out in CP858 (textMode
 * 'codepage') or drawn with the built-in font (textMode 'raster'); Data Matrix, and QR on printers
 * without `GS ( k`, go out as raster images centred on a paper-wide canvas. Pure: same document
 * and profile, same bytes.
 */
import { missingCase } from '../../kernel/errors';
import { packRows, placeOnLine, scaleMatrix, type Bitmap } from './bitmap';
import { dataMatrixModules, planCode128, qrModules } from './barcode';
import * as cmd from './commands';
import { encodeCp858, printableCp858 } from './cp858';
import type { Align, Block, PrintDocument, TextStyle } from './document';
import { PrintDocumentInvalid } from './errors';
import { columnsFor, layoutPair, ruleLine, wrapText } from './layout';
import type { PrinterProfile } from './profile';
import { rasterTextLine } from './text-raster';

/** rows per GS v 0 command: keeps each command small for clones with a few KB of receive buffer */
export const RASTER_BAND_ROWS = 240;
const QR_QUIET_MODULES = 4;
const DATAMATRIX_QUIET_MODULES = 1;
const CODE128_HEIGHT_DOTS = 80;

export function renderEscPos(document: PrintDocument, profile: PrinterProfile): Uint8Array {
  const out: Uint8Array[] = [cmd.initialize()];
  if (profile.cancelKanjiMode) out.push(cmd.cancelKanjiMode());
  if (profile.textMode === 'codepage') out.push(cmd.selectCodePage(profile.codePage));
  for (const block of document.blocks) out.push(...renderBlock(block, profile));
  return cmd.concat(out);
}

function renderBlock(block: Block, profile: PrinterProfile): Uint8Array[] {
  switch (block.kind) {
    case 'text': {
      const width = columnsFor(profile.columns, block.style);
      return textLines(wrapText(printableCp858(block.text), width), block.align ?? 'left', block.style, profile);
    }
    case 'pair': {
      const width = columnsFor(profile.columns, block.style);
      return textLines(layoutPair(printableCp858(block.label), printableCp858(block.value), width), 'left', block.style, profile);
    }
    case 'rule':
      return textLines([ruleLine(printableCp858(block.char ?? '-'), profile.columns)], 'left', undefined, profile);
    case 'feed':
      return [cmd.feedLines(block.lines)];
    case 'qr':
      return qr(block.data, block.align ?? 'center', block.moduleDots, profile);
    case 'code128':
      return code128(block.data, block.align ?? 'center', block.showText ?? true, profile);
    case 'datamatrix': {
      const m = dataMatrixModules(block.data);
      const module = moduleSize(m.cols + 2 * DATAMATRIX_QUIET_MODULES, block.moduleDots, profile, 'datamatrix');
      return raster(
        placeOnLine(scaleMatrix(m.modules, m.cols, m.rows, module, DATAMATRIX_QUIET_MODULES), profile.dotsPerLine, block.align ?? 'center'),
      );
    }
    case 'cut':
      return profile.cut === 'none' ? [cmd.feedLines(4)] : [cmd.cutPaper(profile.cut === 'partial', profile.cutFeedDots)];
    case 'drawer':
      return profile.hasDrawer === false ? [] : [cmd.drawerKick(profile.drawer.pin, profile.drawer.onMs, profile.drawer.offMs)];
    default:
      return missingCase(block);
  }
}

function textLines(lines: string[], align: Align, style: TextStyle | undefined, profile: PrinterProfile): Uint8Array[] {
  if (profile.textMode === 'raster') {
    return lines.flatMap((line) =>
      raster(rasterTextLine(line, { dotsPerLine: profile.dotsPerLine, columns: profile.columns, align, style })),
    );
  }
  const out: Uint8Array[] = [];
  const styled = !!(style?.bold || style?.underline || style?.doubleWidth || style?.doubleHeight);
  if (align !== 'left') out.push(cmd.justify(align));
  if (style?.bold) out.push(cmd.emphasis(true));
  if (style?.underline) out.push(cmd.underline(1));
  if (style?.doubleWidth || style?.doubleHeight) out.push(cmd.characterSize(style.doubleWidth ? 2 : 1, style.doubleHeight ? 2 : 1));
  for (const line of lines) out.push(encodeCp858(line), cmd.lineFeed());
  if (styled) out.push(cmd.emphasis(false), cmd.underline(0), cmd.characterSize(1, 1));
  if (align !== 'left') out.push(cmd.justify('left'));
  return out;
}

function qr(data: string, align: Align, moduleDots: number | undefined, profile: PrinterProfile): Uint8Array[] {
  const m = qrModules(data);
  const module = moduleSize(m.cols + 2 * QR_QUIET_MODULES, moduleDots, profile, 'qr');
  if (profile.qrMode === 'raster') {
    return raster(placeOnLine(scaleMatrix(m.modules, m.cols, m.rows, module, QR_QUIET_MODULES), profile.dotsPerLine, align));
  }
  return [cmd.justify(align), cmd.qrCode(new TextEncoder().encode(data), module), cmd.lineFeed(), cmd.justify('left')];
}

function code128(data: string, align: Align, showText: boolean, profile: PrinterProfile): Uint8Array[] {
  const plan = planCode128(data);
  // GS w takes 2..6 on Epson; 3 dots is wide enough for any counter scanner
  const moduleDots = Math.min(3, Math.floor(profile.dotsPerLine / plan.modules));
  if (moduleDots < 2) {
    throw new PrintDocumentInvalid('Code 128 symbol wider than the paper', {
      symbology: 'code128',
      modules: plan.modules,
      dotsPerLine: profile.dotsPerLine,
    });
  }
  return [cmd.justify(align), cmd.code128(plan.data, { moduleDots, heightDots: CODE128_HEIGHT_DOTS, showText }), cmd.justify('left')];
}

/** The requested (or the profile's largest) module size, shrunk until the symbol fits the paper. */
function moduleSize(modulesWide: number, requested: number | undefined, profile: PrinterProfile, symbology: string): number {
  const fit = Math.floor(profile.dotsPerLine / modulesWide);
  const size = Math.min(requested ?? profile.maxModuleDots, fit, 16);
  if (size < 1)
    throw new PrintDocumentInvalid(`${symbology} symbol wider than the paper`, {
      symbology,
      modulesWide,
      dotsPerLine: profile.dotsPerLine,
    });
  return size;
}

function raster(bmp: Bitmap): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let from = 0; from < bmp.height; from += RASTER_BAND_ROWS) {
    const to = Math.min(bmp.height, from + RASTER_BAND_ROWS);
    const { bytesPerRow, data } = packRows(bmp, from, to);
    out.push(cmd.rasterImage(bytesPerRow, to - from, data));
  }
  return out;
}
