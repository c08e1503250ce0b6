/**
 * db/: sportello's storage. The core opens it once with openDatabase and uses the repositories on
 * the handle; everything else here is exported for tests and diagnostics.
 */
export { openDatabase } from './open';
export type { OpenOptions, SportelloDatabase } from './open';
export * from './errors';
export { MIGRATIONS, LATEST_VERSION } from './migrations/index';
export { migrate, checkRegistry, schemaVersion, SPORTELLO_APPLICATION_ID } from './migrate';
export type { Migration, MigrationReport } from './migrate';
export { canonicalJson } from './json';
export type { Json } from './json';
export type { Repositories } from './repositories';
export type {
  SessionRecord,
  NewSession,
  SessionPatch,
  SessionKind,
  TenderMethod,
  TenderSummary,
  OperatorDecision,
  SessionRepository,
} from './repos/sessions';
export type {
  NoticeRecord,
  NewNotice,
  NoticePatch,
  NoticeVerification,
  NoticeActivation,
  VerificationInput,
  ActivationInput,
  PayloadKind,
  NoticeOutcomeState,
  NoticeRepository,
} from './repos/notices';
export type { TenderRecord, NewTender, TenderKind, TenderTotals, TenderRepository } from './repos/tenders';
export type {
  OutboxMessage,
  NewOutboxMessage,
  OutboxState,
  OutboxOutcome,
  NextStep,
  OutboxDepth,
  AttemptAnswer,
  AttemptResult,
  DeliveryAttempt,
  OutboxRepository,
} from './repos/outbox';
export { GENESIS_HASH, entryHash } from './repos/journal';
export type { JournalEntry, JournalVerification, JournalBreak, JournalRepository, JournalQuery, JournalPage } from './repos/journal';
export type { ShiftRecord, ShiftRepository } from './repos/shifts';
export type { SettingRepository } from './repos/settings';
export { PRINT_JOB_KINDS, PRINT_JOB_STATES } from './repos/print-jobs';
export type { PrintJobRecord, NewPrintJob, PrintJobKind, PrintJobState, PrintJobRepository } from './repos/print-jobs';
export type { CatalogueProviderRow, CatalogueMeta, KeptCatalogue, CatalogueRepository } from './repos/catalogue';
export { readWitness, witnessPath, WITNESS_EVERY_MS } from './witness';
export type { Witness } from './witness';
export { startAfresh, adoptRestored } from './technician';
export type { DeliberateActReport } from './technician';
