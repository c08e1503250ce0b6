/**
 * Barcode data for the printer: the Code 128 data string of `GS k 73` (with its code set
 * selections) and module matrices for QR and Data Matrix from bwip-js. bwip-js's `raw` output is a
 * matrix of modules, so no PNG has to be decoded.
 */
import bwipjs from 'bwip-js/node';
import { PrintDocumentInvalid } from './errors';

export interface ModuleMatrix {
  readonly cols: number;
  readonly rows: number;
  /** row-major from the top-left, 1 = dark module */
  readonly modules: readonly number[];
}

/** Data Matrix, square symbol chosen by size (ECC 200), as the Poste notices print it. */
export function dataMatrixModules(data: string): ModuleMatrix {
  return matrix('datamatrix', data, '');
}

/** QR at error correction level M, the level sportello asks the printer for in native mode too. */
export function qrModules(data: string): ModuleMatrix {
  return matrix('qrcode', data, 'eclevel=M');
}

function matrix(bcid: string, data: string, opts: string): ModuleMatrix {
  const first = encode(bcid, data, opts)[0];
  if (!first || !('pixs' in first)) throw new PrintDocumentInvalid(`${bcid} gave no matrix`, { symbology: bcid });
  return { cols: first.pixx, rows: first.pixy, modules: first.pixs };
}

/** Code 128 as alternating bar and space widths in modules, starting with a bar (for the previews). */
export function code128Widths(data: string): number[] {
  const first = encode('code128', data, '')[0];
  if (!first || !('sbs' in first)) throw new PrintDocumentInvalid('code128 gave no bars', { symbology: 'code128' });
  return first.sbs;
}

type RawSymbol = { sbs: number[] } | { pixs: number[]; pixx: number; pixy: number };

function encode(bcid: string, data: string, opts: string): RawSymbol[] {
  if (data.length === 0) throw new PrintDocumentInvalid(`${bcid} needs data`, { symbology: bcid });
  try {
    return bwipjs.raw(bcid, data, opts) as RawSymbol[];
  } catch (err) {
    throw new PrintDocumentInvalid(`${bcid} cannot encode this data`, {
      symbology: bcid,
      length: data.length,
      cause: String(err).slice(0, 120),
    });
  }
}

export interface Code128Plan {
  /** bytes after `GS k 73 n`: code set selections ({A {B {C) and data */
  readonly data: Uint8Array;
  /** symbol width in modules, quiet zones included */
  readonly modules: number;
}

const QUIET_MODULES = 10;

/**
 * Code set C (two digits a symbol) for runs of digits, code set B for the rest: a pagoPA notice
 * number (18 digits) becomes 9 symbols and fits a 58 mm roll at 2 dots a module.
 */
export function planCode128(text: string): Code128Plan {
  if (text.length === 0) throw new PrintDocumentInvalid('Code 128 needs data', { symbology: 'code128' });
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (ch.length !== 1 || c < 0x20 || c > 0x7e)
      throw new PrintDocumentInvalid('Code 128 (set B) takes printable ASCII only', { symbology: 'code128' });
  }
  const bytes: number[] = [];
  let symbols = 0;
  const allDigits = /^\d+$/.test(text);
  if (allDigits && text.length >= 2) {
    const even = text.length - (text.length % 2);
    bytes.push(0x7b, 0x43); // {C
    for (let i = 0; i < even; i += 2) {
      bytes.push(Number(text.slice(i, i + 2)));
      symbols++;
    }
    if (even < text.length) {
      bytes.push(0x7b, 0x42, text.charCodeAt(even)); // {B and the odd digit
      symbols += 2;
    }
  } else {
    bytes.push(0x7b, 0x42); // {B
    for (const ch of text) {
      if (ch === '{')
        bytes.push(0x7b, 0x7b); // a literal brace is doubled in GS k data
      else bytes.push(ch.charCodeAt(0));
      symbols++;
    }
  }
  if (bytes.length > 255) throw new PrintDocumentInvalid('Code 128 data too long for GS k', { symbology: 'code128', length: text.length });
  // start + data + check symbol (11 modules each) + stop (13)
  const modules = 11 * (symbols + 2) + 13 + 2 * QUIET_MODULES;
  return { data: Uint8Array.from(bytes), modules };
}
