// The printer driver's public surface; other folders import from here, not from the files.
export * from './document';
export { documentSchema, blockSchema } from './document-schema';
export { renderEscPos } from './render-escpos';
export { wrapText, layoutPair, alignLine, columnsFor, ruleLine } from './layout';
export { encodeCp858, cp858Byte, printableCp858 } from './cp858';
export {
  PROFILE_58MM,
  PROFILE_80MM,
  EPSON_CP858,
  makeProfile,
  type PrinterProfile,
  type PaperWidth,
  type TextMode,
  type CutMode,
} from './profile';
export { PRINTER_MODELS, DEFAULT_MODEL_ID, printerModel, modelProfile } from './profiles/registry';
export { profileOf, type PrinterModel, type PaperGeometry } from './profiles/model';
export { parseTarget, formatTarget, type PrinterTarget } from './target';
export { openTransport, type PrinterTransport, type TransportOpener } from './transport';
export { parseStatus, statusProblem, queryStatus, isStatusByte, type PrinterStatus, type StatusReport } from './status';
export { Printer, type PrinterOptions, type PrintResult } from './printer';
export { PrintQueue, type JobOutcome, type DocumentPrinter, type PrintQueueOptions } from './queue';
export { MemoryJobStore, JsonFileJobStore, JobStoreCorrupt, type PrintJobStore, type QueuedJob } from './job-store';
export { printTestPage, TEST_CHARACTERS, TEST_CHARACTER_ROWS } from './test-page';
export { printerText, type Language, type Translate } from './messages';
export * from './errors';
