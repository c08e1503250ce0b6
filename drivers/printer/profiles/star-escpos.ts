/**
 * Star printers (TSP100IV, TSP650II, mC-Print3) switched to ESC/POS emulation: Epson's command
 * set, so PC858 is ESC t 19 and DLE EOT answers; QR native; drawer on pin 2 with a longer pulse
 * (Star's drawer drivers want about 200 ms on).
 */
import { ROLL_58MM, ROLL_80MM, type PrinterModel } from './model';

export const STAR_ESCPOS = Object.freeze<PrinterModel>({
  id: 'star-escpos',
  name: 'Star (ESC/POS emulation)',
  papers: { '80mm': ROLL_80MM, '58mm': ROLL_58MM },
  codePage: 19,
  textMode: 'codepage',
  qrMode: 'native',
  nativeDataMatrix: false,
  cut: 'partial',
  cutFeedDots: 96,
  cancelKanjiMode: false,
  statusQuery: true,
  drawer: { pin: 2, onMs: 200, offMs: 200 },
});
