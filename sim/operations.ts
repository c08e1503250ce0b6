/**
 * The eight nodeForPsp operations the simulator serves: SOAPAction (= operation name), request and
 * response body elements as the SANP 3.13.0 XSD names them.
 */
export const NFP_NS = 'http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd';

export const OPERATIONS = {
  verifyPaymentNotice: { request: 'verifyPaymentNoticeReq', response: 'verifyPaymentNoticeRes' },
  activatePaymentNotice: { request: 'activatePaymentNoticeReq', response: 'activatePaymentNoticeRes' },
  activatePaymentNoticeV2: { request: 'activatePaymentNoticeV2Request', response: 'activatePaymentNoticeV2Response' },
  sendPaymentOutcome: { request: 'sendPaymentOutcomeReq', response: 'sendPaymentOutcomeRes' },
  sendPaymentOutcomeV2: { request: 'sendPaymentOutcomeV2Request', response: 'sendPaymentOutcomeV2Response' },
  verificaBollettino: { request: 'verificaBollettinoReq', response: 'verificaBollettinoRes' },
  demandPaymentNotice: { request: 'demandPaymentNoticeRequest', response: 'demandPaymentNoticeResponse' },
  nodoChiediCatalogoServiziV2: { request: 'nodoChiediCatalogoServiziV2Request', response: 'nodoChiediCatalogoServiziV2Response' },
} as const;

export type Operation = keyof typeof OPERATIONS;

export const OPERATION_NAMES = Object.keys(OPERATIONS) as Operation[];

export function isOperation(name: string): name is Operation {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, name);
}

/** The operation whose request element has this local name. */
export function operationByRequest(localName: string): Operation | undefined {
  return OPERATION_NAMES.find((op) => OPERATIONS[op].request === localName);
}

/** The SOAPAction header names the operation; clients may wrap it in double quotes. */
export function soapActionOperation(header: string | undefined): Operation | undefined {
  if (header === undefined) return undefined;
  const name = header
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  return isOperation(name) ? name : undefined;
}
