/**
 * The node client: `NodeClient` sends the codec's messages over HTTP(S) and types every failure.
 * Re-exports the codec's error classes so callers can `instanceof` everything from one place.
 */
export { NodeClient, type WithIdempotencyKey } from './client';
export { DEFAULT_TIMEOUTS_MS, timeoutGroup, redactEndpoint, type NodeClientConfig, type NodeExchange, type TimeoutGroup } from './config';
export {
  NodeUnreachable,
  NodeNoResponse,
  NodeHttpError,
  NodeConfigInvalid,
  httpStatusRetryable,
  type UnreachableReason,
  type NoResponseReason,
} from './errors';
export { messageKeyFor } from './messages';
export { NodeFault, NodeBadResponse, RequestInvalid } from '../protocol/errors';
