/**
 * The nodeForPsp SOAP codec: pure functions, no I/O. Build a request with `encodeRequest`, read the
 * answer with `decodeResponse`; both are typed per primitive through `PrimitiveTypes`.
 */
export {
  PRIMITIVES,
  PRIMITIVE_INFO,
  NODE_FOR_PSP_NS,
  SOAP11_ENVELOPE_NS,
  CATALOGO_SERVIZI_NS,
  isPrimitive,
  type Primitive,
} from './primitives';
export { encodeRequest, buildBody, buildEnvelope, type EncodedRequest } from './encode';
export { decodeResponse } from './decode';
export { NodeFault, NodeBadResponse, RequestInvalid, excerpt, type BadResponseReason } from './errors';
export { ANSWER_SCHEMA, CATALOGUE_SCHEMA, type Spec, type LeafSpec, type GroupSpec } from './answer-schema';
export { ST, type SimpleType } from './simple-types';
export {
  classifyFault,
  faultContext,
  parseEsito,
  creditorFaultCode,
  FAULT_ACTIONS,
  KNOWN_FAULT_CODES,
  type FaultAction,
  type FaultClassification,
  type FaultContext,
} from './classify';
export { newIdempotencyKey, isIdempotencyKey, IdempotencyKeyInvalid, IDEMPOTENCY_KEY_RE } from './idempotency';
export { maskSecrets, MASK } from './mask';
export { escapeXml } from './xml-write';
export { centsToAmount, amountToCents, isCents, MAX_CENTS, AmountInvalid, type Cents } from '../../kernel/money';
export type * from './types';
