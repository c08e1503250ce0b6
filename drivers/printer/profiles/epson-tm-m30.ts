/** Epson TM-m30 (compact, front or top exit): PC858 is ESC t 19; QR and Data Matrix native; drawer on pin 2. */
import { ROLL_58MM, ROLL_80MM, type PrinterModel } from './model';

export const EPSON_TM_M30 = Object.freeze<PrinterModel>({
  id: 'epson-tm-m30',
  name: 'Epson TM-m30',
  papers: { '80mm': ROLL_80MM, '58mm': ROLL_58MM },
  codePage: 19,
  textMode: 'codepage',
  qrMode: 'native',
  nativeDataMatrix: true,
  cut: 'partial',
  cutFeedDots: 96,
  cancelKanjiMode: false,
  statusQuery: true,
  drawer: { pin: 2, onMs: 50, offMs: 500 },
});
