/**
 * How a call to the node can fail on the way, typed for the outbox. `sent` is what it needs most:
 * false = the request certainly never left (safe to treat as not attempted); true = it may have
 * reached the node, the effect is unknown, so a resend uses the same idempotency key.
 */
import { SportelloError } from '../../kernel/errors';
import type { Primitive } from '../protocol/primitives';

export type UnreachableReason =
  /** nothing listens there (ECONNREFUSED) */
  | 'refused'
  /** the host name does not resolve */
  | 'dns'
  /** no route to the host or network */
  | 'unreachable'
  /** no TCP/TLS connection within the primitive's timeout */
  | 'connect-timeout'
  /** the TLS handshake failed (certificate not trusted, protocol): not fixed by retrying */
  | 'tls'
  /** any other failure before the connection was up (e.g. reset during the handshake) */
  | 'other';

/** The connection never came up: no byte of the request left. */
export class NodeUnreachable extends SportelloError {
  declare readonly code: 'NODE_UNREACHABLE';
  readonly sent = false as const;
  readonly primitive: Primitive;
  readonly reason: UnreachableReason;
  readonly messageKey = 'faults.transport.unreachable';

  constructor(primitive: Primitive, reason: UnreachableReason, details: Record<string, unknown>, cause?: unknown) {
    super('NODE_UNREACHABLE', `${primitive}: node unreachable (${reason})`, {
      retryable: reason !== 'tls',
      details: { primitive, reason, ...details },
      cause,
    });
    this.primitive = primitive;
    this.reason = reason;
  }
}

export type NoResponseReason =
  /** the primitive's timeout passed after the request was sent */
  | 'timeout'
  /** the connection closed or reset after the request may have been sent, before a full answer */
  | 'connection-lost';

/** The request was (or may have been) sent and no complete answer came back: outcome unknown. */
export class NodeNoResponse extends SportelloError {
  declare readonly code: 'NODE_NO_RESPONSE';
  readonly sent = true as const;
  readonly primitive: Primitive;
  readonly reason: NoResponseReason;
  readonly messageKey = 'faults.transport.noResponse';

  constructor(primitive: Primitive, reason: NoResponseReason, details: Record<string, unknown>, cause?: unknown) {
    super('NODE_NO_RESPONSE', `${primitive}: no response from the node (${reason})`, {
      retryable: true,
      details: { primitive, reason, ...details },
      cause,
    });
    this.primitive = primitive;
    this.reason = reason;
  }
}

/** 408, 425, 429 and 5xx can pass; 401/403 are credentials (subscription key), other codes setup. */
export function httpStatusRetryable(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status <= 599);
}

/** An HTTP status other than 2xx, without a readable node answer in the body. */
export class NodeHttpError extends SportelloError {
  declare readonly code: 'NODE_HTTP_ERROR';
  readonly sent = true as const;
  readonly primitive: Primitive;
  readonly status: number;
  readonly messageKey: string;

  constructor(primitive: Primitive, status: number, details: Record<string, unknown> = {}) {
    super('NODE_HTTP_ERROR', `${primitive}: HTTP ${status} from the node`, {
      retryable: httpStatusRetryable(status),
      details: { primitive, status, ...details },
    });
    this.primitive = primitive;
    this.status = status;
    this.messageKey =
      status === 401 || status === 403
        ? 'faults.transport.httpAuth'
        : httpStatusRetryable(status)
          ? 'faults.transport.httpServer'
          : 'faults.transport.httpOther';
  }
}

/** The client's configuration is unusable; details name the field, never a secret's value. */
export class NodeConfigInvalid extends SportelloError {
  declare readonly code: 'NODE_CONFIG_INVALID';
  readonly field: string;

  constructor(field: string, rule: string) {
    super('NODE_CONFIG_INVALID', `node client configuration: ${field} ${rule}`, { retryable: false, details: { field, rule } });
    this.field = field;
  }
}
