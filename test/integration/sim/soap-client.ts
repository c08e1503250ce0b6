/**
 * A deliberately small SOAP client for the simulator's tests: hand-written request bodies, plain
 * fetch, and every answer checked against the official XSD (the body element against
 * nodeForPsp.xsd, the envelope against the SOAP 1.1 schema). Independent of main/protocol on purpose.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { xsdValidator, SCHEMA_DIR } from '../../../sim/xsd';

export const NFP = 'http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd';
export const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

export interface Creds {
  idPSP: string;
  idBrokerPSP: string;
  idChannel: string;
  password: string;
  subscriptionKey?: string;
}

export interface SimLike {
  url: string;
  credentials: Creds & { subscriptionKey: string };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const el = (name: string, v: string | number | undefined) => (v === undefined ? '' : `<${name}>${esc(String(v))}</${name}>`);

export function envelope(body: string): string {
  return `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV}" xmlns:nfp="${NFP}"><soapenv:Header/><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

function who(c: Creds): string {
  return el('idPSP', c.idPSP) + el('idBrokerPSP', c.idBrokerPSP) + el('idChannel', c.idChannel) + el('password', c.password);
}

const qr = (fc: string, nn: string) => `<qrCode>${el('fiscalCode', fc)}${el('noticeNumber', nn)}</qrCode>`;

export interface OutcomeDetails {
  fee?: string;
  applicationDate?: string;
  paymentMethod?: string;
  paymentChannel?: string;
  /** the payer's fiscal code (entityUniqueIdentifierValue); default RSSMRA80A01H501U */
  payer?: string;
  /** V2 only: @e.bollo documents bought, one per stamp transfer (details/marcheDaBollo) */
  stamps?: Array<{ token: string; idTransfer: number; document?: string }>;
}

function details(d: OutcomeDetails | undefined): string {
  if (!d) return '';
  const stamps = d.stamps
    ? '<marcheDaBollo>' +
      d.stamps
        .map(
          (m) =>
            `<marcaDaBollo>${el('paymentToken', m.token)}${el('idTransfer', m.idTransfer)}${el('MBDAttachment', Buffer.from(m.document ?? '<marcaDaBollo/>').toString('base64'))}</marcaDaBollo>`,
        )
        .join('') +
      '</marcheDaBollo>'
    : '';
  return (
    '<details>' +
    el('paymentMethod', d.paymentMethod ?? 'cash') +
    el('paymentChannel', d.paymentChannel ?? 'frontOffice') +
    el('fee', d.fee ?? '1.00') +
    '<payer><uniqueIdentifier><entityUniqueIdentifierType>F</entityUniqueIdentifierType>' +
    `${el('entityUniqueIdentifierValue', d.payer ?? 'RSSMRA80A01H501U')}</uniqueIdentifier><fullName>Mario Rossi</fullName></payer>` +
    el('applicationDate', d.applicationDate ?? '2026-01-15') +
    el('transferDate', '2026-01-16') +
    stamps +
    '</details>'
  );
}

/** Request bodies, each the body element only (wrap with `envelope`). */
export const body = {
  verify: (c: Creds, fc: string, nn: string) => `<nfp:verifyPaymentNoticeReq>${who(c)}${qr(fc, nn)}</nfp:verifyPaymentNoticeReq>`,
  activate: (c: Creds, a: { fc: string; nn: string; amount: string; key?: string; expirationTime?: number; v2?: boolean }) => {
    const name = a.v2 ? 'activatePaymentNoticeV2Request' : 'activatePaymentNoticeReq';
    const v2extra = a.v2 ? el('paymentMethod', 'PO') + el('touchPoint', 'PSP') : '';
    return `<nfp:${name}>${who(c)}${el('idempotencyKey', a.key)}${qr(a.fc, a.nn)}${el('expirationTime', a.expirationTime)}${el('amount', a.amount)}${v2extra}</nfp:${name}>`;
  },
  outcome: (c: Creds, a: { token: string; outcome: 'OK' | 'KO'; key?: string; details?: OutcomeDetails }) =>
    `<nfp:sendPaymentOutcomeReq>${who(c)}${el('idempotencyKey', a.key)}${el('paymentToken', a.token)}${el('outcome', a.outcome)}${details(a.details)}</nfp:sendPaymentOutcomeReq>`,
  outcomeV2: (c: Creds, a: { tokens: string[]; outcome: 'OK' | 'KO'; key?: string; details?: OutcomeDetails }) =>
    `<nfp:sendPaymentOutcomeV2Request>${who(c)}${el('idempotencyKey', a.key)}<paymentTokens>${a.tokens.map((t) => el('paymentToken', t)).join('')}</paymentTokens>` +
    `${el('outcome', a.outcome)}${details(a.details)}</nfp:sendPaymentOutcomeV2Request>`,
  verificaBollettino: (c: Creds, ccPost: string, nn: string) =>
    `<nfp:verificaBollettinoReq>${who(c)}${el('ccPost', ccPost)}${el('noticeNumber', nn)}</nfp:verificaBollettinoReq>`,
  demand: (c: Creds, idSoggettoServizio: string, datiXml: string) =>
    `<nfp:demandPaymentNoticeRequest>${who(c)}${el('idSoggettoServizio', idSoggettoServizio)}${el('datiSpecificiServizio', Buffer.from(datiXml).toString('base64'))}</nfp:demandPaymentNoticeRequest>`,
  catalogue: (c: Creds, f: { dominio?: string; categoria?: string; commissione?: 'Y' | 'N' } = {}) =>
    `<nfp:nodoChiediCatalogoServiziV2Request>${el('identificativoPSP', c.idPSP)}${el('identificativoIntermediarioPSP', c.idBrokerPSP)}` +
    `${el('identificativoCanale', c.idChannel)}${el('password', c.password)}${el('identificativoDominio', f.dominio)}${el('categoria', f.categoria)}` +
    `${el('commissione', f.commissione)}</nfp:nodoChiediCatalogoServiziV2Request>`,
};

export interface Fault {
  faultCode: string;
  faultString: string;
  id: string;
  description?: string;
  originalFaultCode?: string;
  originalFaultString?: string;
  originalDescription?: string;
}

/**
 * Parsed XML or JSON: shape known only at run time, read by tests that assert on it right away.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed documents are dynamic by nature
export type Parsed = any;

export interface SoapAnswer {
  status: number;
  text: string;
  /** local name of the body element */
  element: string;
  /** the body element's content, parsed (every value a string) */
  res: Parsed;
  outcome: 'OK' | 'KO';
  fault?: Fault;
}

const parser = new XMLParser({
  removeNSPrefix: true,
  parseTagValue: false,
  ignoreAttributes: true,
  isArray: (name) => ['transfer', 'paymentOptionDescription', 'mapEntry', 'catalogoServizi', 'soggettoErogante'].includes(name),
});

export async function validateNodeMessage(bodyXml: string): Promise<void> {
  const v = await (await xsdValidator()).validate(bodyXml);
  assert.ok(v.valid, `response body not valid against nodeForPsp.xsd: ${v.errors.join('; ')}\n${bodyXml}`);
}

export async function validateEnvelope(text: string): Promise<void> {
  const v = await (await xsdValidator(join(SCHEMA_DIR, 'xsd-common/envelope.xsd'))).validate(text);
  assert.ok(v.valid, `not a valid SOAP 1.1 envelope: ${v.errors.join('; ')}\n${text}`);
}

/** The body element of a response envelope, as text (it declares its own namespace). */
export function bodyElement(text: string): string {
  const m = /<soapenv:Body>([\s\S]*)<\/soapenv:Body>/.exec(text);
  assert.ok(m, `no soapenv:Body in ${text}`);
  return m[1] as string;
}

/** Parses and validates a SOAP answer; fails the test when it is not XSD-valid. */
export async function readAnswer(status: number, text: string): Promise<SoapAnswer> {
  await validateEnvelope(text);
  const bodyXml = bodyElement(text);
  await validateNodeMessage(bodyXml);
  const doc = parser.parse(bodyXml) as Record<string, Parsed>;
  const element = Object.keys(doc)[0] as string;
  const res = doc[element];
  return { status, text, element, res, outcome: res.outcome, ...(res.fault ? { fault: res.fault as Fault } : {}) };
}

export interface CallOptions {
  /** override the SOAPAction header (null: leave it out) */
  soapAction?: string | null;
  /** override the subscription key (null: leave it out) */
  key?: string | null;
}

/** POSTs one SOAP request; the operation's name (the SOAPAction) is read off the body element. */
export async function post(sim: SimLike, bodyXml: string, opts: CallOptions = {}): Promise<Response> {
  const element = /^<nfp:(\w+)/.exec(bodyXml)?.[1] ?? '';
  const op = element.replace(/(Req|Request)$/, '');
  const headers: Record<string, string> = { 'Content-Type': 'text/xml; charset=utf-8' };
  const action = opts.soapAction === undefined ? op : opts.soapAction;
  if (action !== null) headers.SOAPAction = action;
  const key = opts.key === undefined ? sim.credentials.subscriptionKey : opts.key;
  if (key !== null) headers['Ocp-Apim-Subscription-Key'] = key;
  return fetch(sim.url, { method: 'POST', headers, body: envelope(bodyXml) });
}

export async function call(sim: SimLike, bodyXml: string, opts: CallOptions = {}): Promise<SoapAnswer> {
  const r = await post(sim, bodyXml, opts);
  return readAnswer(r.status, await r.text());
}

export function assertOk(a: SoapAnswer): void {
  assert.equal(a.outcome, 'OK', `expected OK, got ${JSON.stringify(a.fault)}`);
  assert.equal(a.status, 200);
}

export function assertFault(a: SoapAnswer, faultCode: string, original?: string): Fault {
  assert.equal(a.status, 200);
  assert.equal(a.outcome, 'KO', `expected KO ${faultCode}, got OK`);
  const f = a.fault as Fault;
  assert.equal(f.faultCode, faultCode, `fault: ${JSON.stringify(f)}`);
  if (original !== undefined) assert.equal(f.originalFaultCode, original);
  return f;
}

/** A fresh idempotency key in the XSD's shape: 2..18 alphanumerics, '_', 10 alphanumerics. */
let keySeq = 0;
export function newKey(prefix = '12345678901'): string {
  keySeq++;
  return `${prefix}_${String(keySeq).padStart(4, '0')}${Math.random().toString(36).slice(2, 8).padEnd(6, 'x')}`;
}

export async function adminJson(
  sim: { adminUrl: string },
  method: string,
  path: string,
  json?: unknown,
): Promise<{ status: number; body: Parsed }> {
  const r = await fetch(`${sim.adminUrl}${path}`, {
    method,
    ...(json !== undefined
      ? { headers: { 'Content-Type': 'application/json' }, body: typeof json === 'string' ? json : JSON.stringify(json) }
      : {}),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}
