/**
 * Any ESC/POS printer: Epson's CP858 number, native QR, partial cut, drawer on pin 2, DLE EOT.
 * What every printer setting without a model means (the settings before models existed).
 */
import { ROLL_58MM, ROLL_80MM, type PrinterModel } from './model';

export const GENERIC = Object.freeze<PrinterModel>({
  id: 'generic',
  name: 'ESC/POS',
  papers: { '80mm': ROLL_80MM, '58mm': ROLL_58MM },
  codePage: 19,
  textMode: 'codepage',
  qrMode: 'native',
  nativeDataMatrix: false,
  cut: 'partial',
  cutFeedDots: 96,
  cancelKanjiMode: false,
  statusQuery: true,
  drawer: { pin: 2, onMs: 50, offMs: 500 },
});
