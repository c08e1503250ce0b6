/**
 * Custom KUBE II, the kiosk printer: 80 mm, full cut (the citizen takes a whole ticket), no drawer
 * connector. Custom's code table numbers are their own; 19 is the PC858 entry in the KUBE II
 * command manual used here, and the test page shows at once if a firmware numbers it otherwise.
 * QR is sent as raster, which every Custom firmware prints.
 */
import { ROLL_80MM, type PrinterModel } from './model';

export const CUSTOM_KUBE_II = Object.freeze<PrinterModel>({
  id: 'custom-kube-ii',
  name: 'Custom KUBE II',
  papers: { '80mm': ROLL_80MM },
  codePage: 19,
  textMode: 'codepage',
  qrMode: 'raster',
  nativeDataMatrix: false,
  cut: 'full',
  cutFeedDots: 120,
  cancelKanjiMode: false,
  statusQuery: true,
  drawer: null,
});
