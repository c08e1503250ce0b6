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
