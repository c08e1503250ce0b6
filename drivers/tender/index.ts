// The tender-device drivers' public surface; other folders import from here.
export type {
  Approval,
  AuthorizationOutcome,
  AuthorizationResult,
  DeclineReason,
  TenderDevice,
  TenderDeviceState,
  TenderDeviceStatus,
  UnavailableReason,
  VoidResult,
} from './types';
export { TenderRequestInvalid } from './errors';
export {
  SimulatedCardTerminal,
  parseScript,
  abortableSleep,
  DECLINE_REASONS,
  type SimulatedOutcome,
  type SimulatedCardTerminalOptions,
} from './simulated';
export type { UnresolvedAuthorization, UnresolvedReason } from './types';
export { TenderConfigInvalid, NexoEnvelopeInvalid, TenderKeyRejected, TenderAnswerRejected, TenderOutcomeUnknown } from './errors';
export { NexoCardTerminal, type NexoCardTerminalOptions } from './nexo/terminal';
export { seal as sealNexo, open as openNexo, type NexoKey } from './nexo/envelope';
