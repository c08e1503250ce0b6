/**
 * Module matrices and bar widths for the previews (SVG, PDF), from bwip-js's `raw` output: the
 * same encoder the printer driver uses for its raster symbols, QR at level M as printed.
 */
import bwipjs from 'bwip-js/node';
import { PrintDocumentInvalid } from '../printer/index';

export interface ModuleMatrix {
  readonly cols: number;
  readonly rows: number;
  /** row-major from the top-left, 1 = dark */
  readonly modules: readonly number[];
}

export function qrMatrix(data: string): ModuleMatrix {
  return matrix('qrcode', data, 'eclevel=M');
}

export function dataMatrixMatrix(data: string): ModuleMatrix {
  return matrix('datamatrix', data, '');
}

/** Code 128 as alternating bar and space widths in modules, starting with a bar. */
export function code128Widths(data: string): number[] {
  const first = encode('code128', data, '')[0];
  if (!first || !('sbs' in first)) throw new PrintDocumentInvalid('code128 gave no bars', { symbology: 'code128' });
  return first.sbs;
}

function matrix(bcid: string, data: string, opts: string): ModuleMatrix {
  const first = encode(bcid, data, opts)[0];
  if (!first || !('pixs' in first)) throw new PrintDocumentInvalid(`${bcid} gave no matrix`, { symbology: bcid });
  return { cols: first.pixx, rows: first.pixy, modules: first.pixs };
}

type RawSymbol = { sbs: number[] } | { pixs: number[]; pixx: number; pixy: number };

function encode(bcid: string, data: string, opts: string): RawSymbol[] {
  if (data.length === 0) throw new PrintDocumentInvalid(`${bcid} needs data`, { symbology: bcid });
  try {
    return bwipjs.raw(bcid, data, opts);
  } catch (err) {
    throw new PrintDocumentInvalid(`${bcid} cannot encode this data`, { symbology: bcid, length: data.length, cause: String(err).slice(0, 120) });
  }
}
