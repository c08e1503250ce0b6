/**
 * A receipt described once, independent of the printer language: a list of blocks (text, label and
 * value pairs, rules, barcodes, cut, drawer). render-escpos.ts turns it into ESC/POS bytes; a
 * preview (SVG/PDF) can render the same document through layout.ts. Plain JSON, so a queued job
 * can be stored and printed again later, possibly on another printer.
 */

export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  readonly bold?: boolean;
  readonly underline?: boolean;
  readonly doubleWidth?: boolean;
  readonly doubleHeight?: boolean;
}

export type Block =
  /** a paragraph, word-wrapped to the paper; '\n' starts a new line */
  | { readonly kind: 'text'; readonly text: string; readonly align?: Align; readonly style?: TextStyle }
  /** label on the left, value on the right of the same line ("Importo ....... 12,50 €") */
  | { readonly kind: 'pair'; readonly label: string; readonly value: string; readonly style?: TextStyle }
  /** a full-width line of one character */
  | { readonly kind: 'rule'; readonly char?: string }
  | { readonly kind: 'feed'; readonly lines: number }
  | { readonly kind: 'qr'; readonly data: string; readonly align?: Align; readonly moduleDots?: number }
  | { readonly kind: 'code128'; readonly data: string; readonly align?: Align; readonly showText?: boolean }
  | { readonly kind: 'datamatrix'; readonly data: string; readonly align?: Align; readonly moduleDots?: number }
  | { readonly kind: 'cut' }
  | { readonly kind: 'drawer' };

export interface PrintDocument {
  readonly blocks: readonly Block[];
}

export type BlockKind = Block['kind'];

// Small constructors so documents read like the receipt they describe.
export const doc = (...blocks: Block[]): PrintDocument => ({ blocks });
export const text = (value: string, opts: { align?: Align; style?: TextStyle } = {}): Block => ({ kind: 'text', text: value, ...opts });
export const pair = (label: string, value: string, style?: TextStyle): Block =>
  style ? { kind: 'pair', label, value, style } : { kind: 'pair', label, value };
export const rule = (char = '-'): Block => ({ kind: 'rule', char });
export const feed = (lines = 1): Block => ({ kind: 'feed', lines });
export const qr = (data: string, opts: { align?: Align; moduleDots?: number } = {}): Block => ({ kind: 'qr', data, ...opts });
export const code128 = (data: string, opts: { align?: Align; showText?: boolean } = {}): Block => ({ kind: 'code128', data, ...opts });
export const datamatrix = (data: string, opts: { align?: Align; moduleDots?: number } = {}): Block => ({
  kind: 'datamatrix',
  data,
  ...opts,
});
export const cut = (): Block => ({ kind: 'cut' });
export const drawer = (): Block => ({ kind: 'drawer' });
