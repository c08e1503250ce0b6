/**
 * One entry for building any request: the body element (what the XSD validates), the SOAP 1.1
 * envelope around it (what goes on the wire) and the SOAPAction header value.
 */
import { PRIMITIVE_INFO, SOAP11_ENVELOPE_NS, type Primitive } from './primitives';
import { RequestInvalid } from './errors';
import {
  activatePaymentNoticeBody,
  activatePaymentNoticeV2Body,
  catalogoServiziBody,
  demandPaymentNoticeBody,
  verificaBollettinoBody,
  verifyPaymentNoticeBody,
} from './build-notice';
import { sendPaymentOutcomeBody, sendPaymentOutcomeV2Body } from './build-outcome';
import type { NodeCredentials, PrimitiveTypes, RequestOf } from './types';

export interface EncodedRequest {
  primitive: Primitive;
  soapAction: string;
  /** the body element alone, a standalone document (it declares its own namespace) */
  body: string;
  /** the full SOAP 1.1 envelope, UTF-8 text with an XML declaration */
  envelope: string;
}

type BodyBuilders = { [P in Primitive]: (c: NodeCredentials, r: PrimitiveTypes[P]['request']) => string };

const BUILDERS: BodyBuilders = {
  verifyPaymentNotice: verifyPaymentNoticeBody,
  activatePaymentNotice: activatePaymentNoticeBody,
  activatePaymentNoticeV2: activatePaymentNoticeV2Body,
  sendPaymentOutcome: sendPaymentOutcomeBody,
  sendPaymentOutcomeV2: sendPaymentOutcomeV2Body,
  verificaBollettino: verificaBollettinoBody,
  demandPaymentNotice: demandPaymentNoticeBody,
  nodoChiediCatalogoServiziV2: catalogoServiziBody,
};

export function buildEnvelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP11_ENVELOPE_NS}"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

/** The body element of `primitive`'s request; throws `RequestInvalid` naming the first bad field. */
export function buildBody<P extends Primitive>(primitive: P, credentials: NodeCredentials, request: RequestOf<P>): string {
  if (request === null || typeof request !== 'object') throw new RequestInvalid('request', 'an object', { primitive });
  const build = BUILDERS[primitive] as (c: NodeCredentials, r: RequestOf<P>) => string;
  try {
    return build(credentials, request);
  } catch (e) {
    if (e instanceof RequestInvalid) throw new RequestInvalid(e.element, String(e.details.rule), { primitive, cause: e.cause });
    throw e;
  }
}

export function encodeRequest<P extends Primitive>(primitive: P, credentials: NodeCredentials, request: RequestOf<P>): EncodedRequest {
  const body = buildBody(primitive, credentials, request);
  return { primitive, soapAction: PRIMITIVE_INFO[primitive].soapAction, body, envelope: buildEnvelope(body) };
}
