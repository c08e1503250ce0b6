export * from './types';
export { newSession, transition } from './session';
export { feeFor, buildTender, TenderInvalid, type FeeRule } from './fees';
export { PaymentEngine, SessionNotFound, EventRefused, faultInfo, type EngineSettings } from './engine';
export { Outbox, keyFor, type OutboxOptions } from './outbox';
export { systemClock, manualClock, type Clock } from './clock';
export { CRASH_POINTS, type CrashPoint } from './crash-points';
export { cardKindOf, outcomeDetails } from './outcome-details';
export { stampDocuments, stampTransfers } from './stamps';
