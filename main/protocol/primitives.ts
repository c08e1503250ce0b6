/**
 * The node's PSP-side operations sportello speaks, with the names the WSDL gives them
 * (nodeForPsp.wsdl, SANP 3.13.0): SOAPAction = operation name, and the body element of each
 * request and response. The body element names are not uniform (`…Req/…Res` for the first
 * generation, `…Request/…Response` for V2 and later): they come from the XSD, not from a rule.
 */

export const NODE_FOR_PSP_NS = 'http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd';
export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const CATALOGO_SERVIZI_NS = 'http://pagopa-api.pagopa.gov.it/nodeForPsp/xsd/CatalogoServizi';

export const PRIMITIVES = [
  'verifyPaymentNotice',
  'activatePaymentNotice',
  'activatePaymentNoticeV2',
  'sendPaymentOutcome',
  'sendPaymentOutcomeV2',
  'verificaBollettino',
  'demandPaymentNotice',
  'nodoChiediCatalogoServiziV2',
] as const;

export type Primitive = (typeof PRIMITIVES)[number];

interface PrimitiveInfo {
  /** the WSDL binding's soapAction (sent unquoted, as pagoPA's own examples do) */
  soapAction: string;
  requestElement: string;
  responseElement: string;
}

export const PRIMITIVE_INFO: Readonly<Record<Primitive, PrimitiveInfo>> = {
  verifyPaymentNotice: {
    soapAction: 'verifyPaymentNotice',
    requestElement: 'verifyPaymentNoticeReq',
    responseElement: 'verifyPaymentNoticeRes',
  },
  activatePaymentNotice: {
    soapAction: 'activatePaymentNotice',
    requestElement: 'activatePaymentNoticeReq',
    responseElement: 'activatePaymentNoticeRes',
  },
  activatePaymentNoticeV2: {
    soapAction: 'activatePaymentNoticeV2',
    requestElement: 'activatePaymentNoticeV2Request',
    responseElement: 'activatePaymentNoticeV2Response',
  },
  sendPaymentOutcome: {
    soapAction: 'sendPaymentOutcome',
    requestElement: 'sendPaymentOutcomeReq',
    responseElement: 'sendPaymentOutcomeRes',
  },
  sendPaymentOutcomeV2: {
    soapAction: 'sendPaymentOutcomeV2',
    requestElement: 'sendPaymentOutcomeV2Request',
    responseElement: 'sendPaymentOutcomeV2Response',
  },
  verificaBollettino: {
    soapAction: 'verificaBollettino',
    requestElement: 'verificaBollettinoReq',
    responseElement: 'verificaBollettinoRes',
  },
  demandPaymentNotice: {
    soapAction: 'demandPaymentNotice',
    requestElement: 'demandPaymentNoticeRequest',
    responseElement: 'demandPaymentNoticeResponse',
  },
  nodoChiediCatalogoServiziV2: {
    soapAction: 'nodoChiediCatalogoServiziV2',
    requestElement: 'nodoChiediCatalogoServiziV2Request',
    responseElement: 'nodoChiediCatalogoServiziV2Response',
  },
};

export function isPrimitive(value: unknown): value is Primitive {
  return typeof value === 'string' && (PRIMITIVES as readonly string[]).includes(value);
}
