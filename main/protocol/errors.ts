/**
 * The codec's typed errors. `NodeFault`: the node answered KO (a business answer: the idempotency
 * key is spent). `NodeBadResponse`: whatever came back cannot be read as the expected answer
 * (outcome unknown: resend with the same key). `RequestInvalid`: refused before sending.
 * `details` never carry the password or the subscription key.
 */
import { SportelloError } from '../../kernel/errors';
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
  /** an element breaks its XSD type (length, pattern, enumeration, amount, boolean, date, occurrences...): `field` and `rule` say which */
  | 'bad-field'
  /** an activation whose transfers do not add up to its totalAmount */
  | 'transfers-mismatch'
  /** other values that contradict each other (two transfers with the same idTransfer) */
  | 'inconsistent'
  /** the body exceeded the size sportello accepts */
  | 'too-large';

/** At most this many characters of a refused value are shown (details.value). */
const EXCERPT_CHARS = 32;

/**
 * A value from an answer made safe to show in an error, a log or a screen: control and
 * direction-changing characters written as `\uXXXX`, at most 32 characters (then `…`).
 */
export function excerpt(value: string): string {
  const cps = [...value.slice(0, EXCERPT_CHARS * 2)].slice(0, EXCERPT_CHARS);
  const shown = cps
    .map((c) =>
      /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/.test(c)
        ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
        : c,
    )
    .join('');
  return cps.length < [...value].length ? `${shown}…` : shown;
}

/**
 * The answer could not be read. Retryable: the request may or may not have taken effect, so the
 * same request goes again with the same idempotency key (which makes that safe).
 * When one element is to blame, `field` names it (`transferList/transfer[2]/IBAN`) and `rule` the
 * XSD type it breaks; `details.value` then holds an `excerpt` of the value, never the raw text.
 */
export class NodeBadResponse extends SportelloError {
  declare readonly code: 'NODE_BAD_RESPONSE';
  readonly primitive: Primitive;
  readonly reason: BadResponseReason;
  /** the element to blame, as a path below the body element */
  readonly field?: string;
  /** the XSD type or rule it breaks */
  readonly rule?: string;
  /** the request reached the node (we got bytes back): its effect is unknown */
  readonly sent = true as const;
  readonly #summary: string;

  constructor(primitive: Primitive, reason: BadResponseReason, message: string, details: Record<string, unknown> = {}) {
    super('NODE_BAD_RESPONSE', `${primitive}: unreadable answer (${reason}): ${message}`, {
      retryable: true,
      details: { primitive, reason, ...details },
    });
    this.primitive = primitive;
    this.reason = reason;
    this.#summary = message;
    if (typeof details.field === 'string') this.field = details.field;
    if (typeof details.rule === 'string') this.rule = details.rule;
  }

  /** The same refusal with more details (e.g. the activation's token, so it can still get its KO). */
  withDetails(extra: Record<string, unknown>): NodeBadResponse {
    return new NodeBadResponse(this.primitive, this.reason, this.#summary, { ...this.details, ...extra });
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
