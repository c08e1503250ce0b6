/**
 * The codec's typed errors. `NodeFault`: the node answered KO (a business answer: the idempotency
 * key is spent). `NodeBadResponse`: whatever came back cannot be read as the expected answer
 * (outcome unknown: resend with the same key). `RequestInvalid`: refused before sending.
 * `details` never carry the password or the subscription key.
 */
import { SportelloError } from '../errors';
import { classifyFault, type FaultClassification } from './classify';
import type { Primitive } from './primitives';
import type { FaultBean } from './types';

const definedOnly = (o: object): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** A request field breaks its XSD type or a pagoPA rule; nothing was sent. */
export class RequestInvalid extends SportelloError {
  declare readonly code: 'REQUEST_INVALID';
  readonly element: string;

  /** `element` is a path like `details/payer/fullName`; the value itself is never included. */
  constructor(element: string, rule: string, opts: { primitive?: Primitive; cause?: unknown } = {}) {
    super('REQUEST_INVALID', `${element}: does not satisfy ${rule}`, {
      retryable: false,
      details: { element, rule, ...(opts.primitive ? { primitive: opts.primitive } : {}) },
      cause: opts.cause,
    });
    this.element = element;
  }
}

export type BadResponseReason =
  /** empty body */
  | 'empty'
  /** not well-formed XML, or a DTD */
  | 'not-xml'
  /** XML, but not a SOAP 1.1 envelope with one body */
  | 'not-soap'
  /** a soap:Fault in the body (the node signals business errors with KO, so this comes from a gateway or a crash) */
  | 'soap-fault'
  /** a body element other than the expected response, or in another namespace */
  | 'wrong-body'
  /** outcome missing or not OK/KO */
  | 'bad-outcome'
  /** KO without a usable fault bean */
  | 'bad-fault'
  /** an element an OK answer must carry is missing */
  | 'missing-field'
  /** an element's value is not of its type (amount, boolean, date, base64...) */
  | 'bad-field'
  /** values contradict each other (transfers not summing to totalAmount) */
  | 'inconsistent'
  /** the body exceeded the size sportello accepts */
  | 'too-large';

/**
 * The answer could not be read. Retryable: the request may or may not have taken effect, so the
 * same request goes again with the same idempotency key (which makes that safe).
 */
export class NodeBadResponse extends SportelloError {
  declare readonly code: 'NODE_BAD_RESPONSE';
  readonly primitive: Primitive;
  readonly reason: BadResponseReason;
  /** the request reached the node (we got bytes back): its effect is unknown */
  readonly sent = true as const;

  constructor(primitive: Primitive, reason: BadResponseReason, message: string, details: Record<string, unknown> = {}) {
    super('NODE_BAD_RESPONSE', `${primitive}: unreadable answer (${reason}): ${message}`, {
      retryable: true,
      details: { primitive, reason, ...details },
    });
    this.primitive = primitive;
    this.reason = reason;
  }
}

/**
 * The node answered KO with a fault bean. `classification` says what it means for this primitive
 * and what to do (see classify.ts); `retryable` is the classification's.
 */
export class NodeFault extends SportelloError implements FaultBean {
  declare readonly code: 'NODE_FAULT';
  readonly primitive: Primitive;
  readonly faultCode: string;
  readonly faultString: string;
  readonly id: string;
  readonly description?: string;
  readonly serial?: number;
  readonly originalFaultCode?: string;
  readonly originalFaultString?: string;
  readonly originalDescription?: string;
  readonly classification: FaultClassification;
  /** the node answered: the request arrived, and its idempotency key is spent */
  readonly sent = true as const;

  constructor(primitive: Primitive, fault: FaultBean) {
    const classification = classifyFault(fault, primitive);
    super('NODE_FAULT', `${primitive}: ${fault.faultCode} ${fault.faultString}`.trim(), {
      retryable: classification.retryable,
      details: { primitive, ...definedOnly(fault), action: classification.action },
    });
    this.primitive = primitive;
    this.faultCode = fault.faultCode;
    this.faultString = fault.faultString;
    this.id = fault.id;
    this.description = fault.description;
    this.serial = fault.serial;
    this.originalFaultCode = fault.originalFaultCode;
    this.originalFaultString = fault.originalFaultString;
    this.originalDescription = fault.originalDescription;
    this.classification = classification;
  }

  get faultBean(): FaultBean {
    const { faultCode, faultString, id, description, serial, originalFaultCode, originalFaultString, originalDescription } = this;
    return { faultCode, faultString, id, description, serial, originalFaultCode, originalFaultString, originalDescription };
  }
}
