/**
 * A printer model as the technician picks it: what the terminal must know to drive that model
 * (ESC t number of CP858, columns and dots per paper width, cutter, drawer connector, native QR /
 * Data Matrix or raster, DLE EOT). One file per model in this folder; `registry.ts` lists them.
 */
import type { CutMode, PaperWidth, PrinterProfile, TextMode } from '../profile';

export interface PaperGeometry {
  /** characters per line in font A (12x24) */
  readonly columns: number;
  /** printable dots per line at 203 dpi */
  readonly dotsPerLine: number;
  /** largest QR / Data Matrix module in dots */
  readonly maxModuleDots: number;
}

export interface PrinterModel {
  /** stored in the printer setting: lowercase, digits and dashes, never renamed once shipped */
  readonly id: string;
  /** shown to the technician and on the test page */
  readonly name: string;
  /** the rolls the model takes (a paper guide or a DIP switch selects 58 mm on most) */
  readonly papers: Readonly<Partial<Record<PaperWidth, PaperGeometry>>>;
  /** n of `ESC t n` that selects PC858 on this model */
  readonly codePage: number;
  readonly textMode: TextMode;
  readonly qrMode: 'native' | 'raster';
  /**
   * The model has a native Data Matrix command (`GS ( k` cn=54). Informational: the encoder draws
   * Data Matrix as raster on every model, which prints the same symbol everywhere.
   */
  readonly nativeDataMatrix: boolean;
  readonly cut: CutMode;
  readonly cutFeedDots: number;
  readonly cancelKanjiMode: boolean;
  /** answers DLE EOT (real-time status): paper out, cover open, drawer state */
  readonly statusQuery: boolean;
  /** the drawer kick connector (ESC p): pin and pulse; null when the model has none (kiosk printers) */
  readonly drawer: { readonly pin: 2 | 5; readonly onMs: number; readonly offMs: number } | null;
}

export const ROLL_80MM: PaperGeometry = Object.freeze({ columns: 48, dotsPerLine: 576, maxModuleDots: 8 });
export const ROLL_58MM: PaperGeometry = Object.freeze({ columns: 32, dotsPerLine: 384, maxModuleDots: 6 });

/** What the encoder needs for this model on this paper; a paper the model lacks falls back to its first. */
export function profileOf(model: PrinterModel, paper: PaperWidth): PrinterProfile {
  const known = model.papers[paper] ? paper : (Object.keys(model.papers)[0] as PaperWidth);
  const g = model.papers[known]!;
  return Object.freeze({
    name: model.name,
    model: model.id,
    paper: known,
    columns: g.columns,
    dotsPerLine: g.dotsPerLine,
    maxModuleDots: g.maxModuleDots,
    codePage: model.codePage,
    textMode: model.textMode,
    qrMode: model.qrMode,
    cut: model.cut,
    cutFeedDots: model.cutFeedDots,
    cancelKanjiMode: model.cancelKanjiMode,
    statusQuery: model.statusQuery,
    // a model without a connector still gets a well-formed value; hasDrawer says not to use it
    drawer: model.drawer ?? { pin: 2 as const, onMs: 50, offMs: 500 },
    hasDrawer: model.drawer !== null,
  });
}
