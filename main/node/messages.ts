/**
 * The operator's message key for any error a node call can throw (locales/<lang>/faults.json).
 * Faults carry their classification's key; the transport errors have one key per kind.
 */
import { NodeBadResponse, NodeFault, RequestInvalid } from '../protocol/errors';
import { NodeHttpError, NodeNoResponse, NodeUnreachable } from './errors';

export function messageKeyFor(error: unknown): string {
  if (error instanceof NodeFault) return error.classification.messageKey;
  if (error instanceof NodeUnreachable || error instanceof NodeNoResponse || error instanceof NodeHttpError) return error.messageKey;
  if (error instanceof NodeBadResponse) return 'faults.transport.badResponse';
  if (error instanceof RequestInvalid) return 'faults.transport.requestInvalid';
  return 'faults.transport.unexpected';
}
