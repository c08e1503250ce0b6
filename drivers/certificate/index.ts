// The certificate's public surface: build the model once, render it anywhere. Import from here.
export type {
  CertificateContext,
  CertificateModel,
  CertificateSession,
  CertificateSessionStatus,
  CertificateNoticeInput,
  CertificateNoticePhase,
  CertifiedNotice,
  Language,
  PaymentMethod,
  TenderDetails,
} from './types';
export { certificateFor, DEFAULT_TIME_ZONE, maskCard } from './model';
export { certificateDocument } from './document';
export { formatAmount, formatDateTime } from './format';
export { certificateText, isLanguage, LANGUAGES, type CertificateTranslate } from './messages';
export { layoutSheet, CELL_DOTS, LINE_DOTS, type Sheet, type SheetItem } from './sheet';
export { renderSvg, type SvgOptions } from './svg';
export { renderPdf, type PdfOptions, type PdfPage } from './pdf';
export { parseOutput, formatOutput, deliver, PAPERS, type OutputTarget, type Paper, type Delivery, type DeliveryOptions } from './output';
export * from './errors';
