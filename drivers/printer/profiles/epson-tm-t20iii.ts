/** Epson TM-T20III: the common counter printer. PC858 is ESC t 19; QR native; partial cut; drawer on pin 2. */
import { ROLL_58MM, ROLL_80MM, type PrinterModel } from './model';

export const EPSON_TM_T20III = Object.freeze<PrinterModel>({
  id: 'epson-tm-t20iii',
  name: 'Epson TM-T20III',
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
