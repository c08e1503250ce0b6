/**
 * Body elements of the requests that read or open a notice: verifyPaymentNotice,
 * activatePaymentNotice(V2), verificaBollettino, demandPaymentNotice, nodoChiediCatalogoServiziV2.
 * Children in XSD sequence order (pagopa-protocol.md §4).
 */
import { PRIMITIVE_INFO, NODE_FOR_PSP_NS } from './primitives';
import { RequestInvalid } from './errors';
import { ST } from './simple-types';
import type {
  ActivatePaymentNoticeRequest,
  ActivatePaymentNoticeV2Request,
  CatalogoServiziRequest,
  DemandPaymentNoticeRequest,
  NodeCredentials,
  QrCode,
  VerificaBollettinoRequest,
  VerifyPaymentNoticeRequest,
} from './types';
import { amountLeaf, bodyElement, credentialLeaves, group, intLeaf, leaf, optLeaf } from './xml-write';

function qrCode(qr: QrCode | undefined): string {
  if (!qr || typeof qr !== 'object') throw new RequestInvalid('qrCode', 'ctQrCode (fiscalCode, noticeNumber)');
  return group(
    'qrCode',
    leaf('qrCode/fiscalCode', qr.fiscalCode, ST.fiscalCodePA),
    leaf('qrCode/noticeNumber', qr.noticeNumber, ST.noticeNumber),
  );
}

export function verifyPaymentNoticeBody(c: NodeCredentials, r: VerifyPaymentNoticeRequest): string {
  return bodyElement(PRIMITIVE_INFO.verifyPaymentNotice.requestElement, NODE_FOR_PSP_NS, credentialLeaves(c), qrCode(r.qrCode));
}

/** The fields activate v1 and V2 share, up to paymentNote. */
function activateFields(r: ActivatePaymentNoticeRequest): string[] {
  return [
    optLeaf('idempotencyKey', r.idempotencyKey, ST.idempotencyKey),
    qrCode(r.qrCode),
    r.expirationTime === undefined ? '' : intLeaf('expirationTime', r.expirationTime, ST.expirationTime),
    amountLeaf('amount', r.amount),
    optLeaf('dueDate', r.dueDate, ST.isoDate),
    optLeaf('paymentNote', r.paymentNote, ST.text210),
  ];
}

export function activatePaymentNoticeBody(c: NodeCredentials, r: ActivatePaymentNoticeRequest): string {
  return bodyElement(PRIMITIVE_INFO.activatePaymentNotice.requestElement, NODE_FOR_PSP_NS, credentialLeaves(c), ...activateFields(r));
}

export function activatePaymentNoticeV2Body(c: NodeCredentials, r: ActivatePaymentNoticeV2Request): string {
  return bodyElement(
    PRIMITIVE_INFO.activatePaymentNoticeV2.requestElement,
    NODE_FOR_PSP_NS,
    credentialLeaves(c),
    ...activateFields(r),
    optLeaf('paymentMethod', r.paymentMethod, ST.paymentMethodFee),
    optLeaf('touchPoint', r.touchPoint, ST.touchpointFee),
  );
}

export function verificaBollettinoBody(c: NodeCredentials, r: VerificaBollettinoRequest): string {
  return bodyElement(
    PRIMITIVE_INFO.verificaBollettino.requestElement,
    NODE_FOR_PSP_NS,
    credentialLeaves(c),
    leaf('ccPost', r.ccPost, ST.postalAccount),
    leaf('noticeNumber', r.noticeNumber, ST.noticeNumber),
  );
}

export function demandPaymentNoticeBody(c: NodeCredentials, r: DemandPaymentNoticeRequest): string {
  if (typeof r.datiSpecificiServizio !== 'string' || r.datiSpecificiServizio.trim() === '') {
    throw new RequestInvalid('datiSpecificiServizio', 'a non-empty XML document');
  }
  const base64 = Buffer.from(r.datiSpecificiServizio, 'utf8').toString('base64');
  return bodyElement(
    PRIMITIVE_INFO.demandPaymentNotice.requestElement,
    NODE_FOR_PSP_NS,
    credentialLeaves(c),
    leaf('idSoggettoServizio', r.idSoggettoServizio, ST.idSoggettoServizio),
    leaf('datiSpecificiServizio', base64, ST.base64),
  );
}

/** The catalogue request names the credentials the older way (identificativoPSP...). */
export function catalogoServiziBody(c: NodeCredentials, r: CatalogoServiziRequest): string {
  if (c === null || typeof c !== 'object') throw new RequestInvalid('credentials', 'an object');
  return bodyElement(
    PRIMITIVE_INFO.nodoChiediCatalogoServiziV2.requestElement,
    NODE_FOR_PSP_NS,
    leaf('identificativoPSP', c.idPSP, ST.text35),
    leaf('identificativoIntermediarioPSP', c.idBrokerPSP, ST.text35),
    leaf('identificativoCanale', c.idChannel, ST.text35),
    leaf('password', c.password, ST.password),
    optLeaf('identificativoDominio', r.identificativoDominio, ST.text35),
    optLeaf('categoria', r.categoria, ST.text35),
    optLeaf('commissione', r.commissione, ST.commissione),
  );
}
