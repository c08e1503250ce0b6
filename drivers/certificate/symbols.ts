/**
 * Module matrices and bar widths for the previews (SVG, PDF): the printer driver's own encoders
 * (bwip-js `raw` output), so a preview shows exactly the symbol the paper gets (QR at level M).
 */
export { code128Widths, type ModuleMatrix } from '../printer/barcode';
export { qrModules as qrMatrix, dataMatrixModules as dataMatrixMatrix } from '../printer/barcode';
