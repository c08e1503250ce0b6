/**
 * From a SOAP request's text to the node's answer: envelope, operation, SOAPAction, XSD, then
 * idempotency, caller checks and the primitive, all of the state work in one synchronous
 * transaction. Every answer is the operation's own response element (KO + fault for errors),
 * except for a request naming no operation at all, which gets HTTP 400 and a SOAP Fault.
 */
import { missingCase } from '../kernel/errors';
import { centsToAmount } from '../kernel/money';
import { envelope, readEnvelope, responseBody, soapFault } from './soap';
import { NFP_NS, OPERATIONS, operationByRequest, soapActionOperation, type Operation } from './operations';
import { faultXml, nodeFault, NodeFault, type FaultBean } from './faults';
import { fingerprint, readRequest, type SimRequest } from './requests';
import { checkCaller } from './auth';
import { checkIdempotency, rememberIdempotency } from './idempotency';
import { verifyPaymentNotice } from './primitives/verify';
import { activatePaymentNotice } from './primitives/activate';
import { sendPaymentOutcome } from './primitives/outcome';
import { verificaBollettino } from './primitives/verifica-bollettino';
import { nodoChiediCatalogoServiziV2 } from './primitives/catalogue';
import { demandPaymentNotice, prepareDemand } from './primitives/demand';
import type { SimContext } from './context';
import type { XsdValidator } from './xsd';
import type { LogEntry, RequestKeys } from './log';

export interface DispatchContext extends SimContext {
  xsd: XsdValidator;
}

export interface SoapReply {
  status: number;
  body: string;
  contentType: string;
}

interface Handled {
  /** the response body element */
  body: string;
  outcome: 'OK' | 'KO';
  faultCode?: string;
  description?: string;
  paymentToken?: string;
  replayed?: boolean;
}

const XML_TYPE = 'text/xml; charset=utf-8';
const MAX_DESCRIPTION = 2000;

export async function handleSoap(ctx: DispatchContext, soapAction: string | undefined, text: string, entry: LogEntry): Promise<SoapReply> {
  const headerOp = soapActionOperation(soapAction);
  const env = readEnvelope(text);
  if (!env.ok) return unparseable(headerOp, env.reason, entry);
  const op = env.body.ns === NFP_NS ? operationByRequest(env.body.local) : undefined;
  if (!op) return unparseable(headerOp, `elemento del Body sconosciuto {${env.body.ns ?? ''}}${env.body.local}`, entry);
  entry.operation = op;
  if (headerOp !== op) {
    return reply(
      op,
      ko(op, nodeFault('PPT_SOAPACTION_ERRATA', `SOAPAction ${JSON.stringify(soapAction ?? '')} non corrisponde a ${op}`)),
      entry,
    );
  }
  const verdict = await ctx.xsd.validate(env.bodyXml);
  if (!verdict.valid) return reply(op, ko(op, nodeFault('PPT_SINTASSI_EXTRAXSD', clip(verdict.errors.join('; ')))), entry);
  const request = readRequest(op, env.body);
  entry.request = keysOf(request);
  let handled: Handled;
  try {
    handled = await answer(ctx, request, fingerprint(env.body));
  } catch (e) {
    // A simulator bug: answered the way the node answers its own failures, and visible in the log.
    handled = ko(op, nodeFault('PPT_SYSTEM_ERROR', `errore interno del simulatore: ${(e as Error).message}`));
  }
  return reply(op, handled, entry);
}

/** The answer an injected `system-error` gives, for the operation the SOAPAction names. */
export function systemErrorReply(op: Operation, entry: LogEntry): SoapReply {
  return reply(op, ko(op, nodeFault('PPT_SYSTEM_ERROR', 'guasto iniettato dal simulatore')), entry);
}

async function answer(ctx: DispatchContext, r: SimRequest, fp: string): Promise<Handled> {
  if (r.op === 'demandPaymentNotice') {
    let prepared;
    try {
      checkCaller(ctx.config.psps, r.caller);
      prepared = await prepareDemand(ctx, r);
    } catch (e) {
      return koFrom(r.op, e);
    }
    const d = prepared;
    return ctx.state.transaction(() => run(r.op, () => ({ inner: demandPaymentNotice(ctx, r, d) })));
  }
  return ctx.state.transaction(() => {
    const key = 'idempotencyKey' in r ? r.idempotencyKey : undefined;
    if (key !== undefined) {
      const v = checkIdempotency(ctx, r.caller.idPSP, key, r.op, fp);
      if (v.kind === 'replay') {
        const rec = v.record;
        return {
          body: rec.response,
          outcome: rec.outcome,
          ...(rec.faultCode !== undefined ? { faultCode: rec.faultCode } : {}),
          ...(rec.paymentToken !== undefined ? { paymentToken: rec.paymentToken } : {}),
          replayed: true,
        };
      }
      if (v.kind === 'mismatch') {
        return ko(r.op, nodeFault('PPT_ERRORE_IDEMPOTENZA', `idempotencyKey ${key} già usata con parametri diversi`));
      }
    }
    const h = run(r.op, () => {
      checkCaller(ctx.config.psps, r.caller);
      return primitive(ctx, r);
    });
    if (key !== undefined) {
      rememberIdempotency(ctx, {
        idPSP: r.caller.idPSP,
        key,
        operation: r.op,
        fingerprint: fp,
        response: h.body,
        outcome: h.outcome,
        ...(h.faultCode !== undefined ? { faultCode: h.faultCode } : {}),
        ...(h.paymentToken !== undefined ? { paymentToken: h.paymentToken } : {}),
      });
    }
    return h;
  });
}

function primitive(ctx: DispatchContext, r: SimRequest): { inner: string; paymentToken?: string } {
  switch (r.op) {
    case 'verifyPaymentNotice':
      return { inner: verifyPaymentNotice(ctx, r) };
    case 'activatePaymentNotice':
    case 'activatePaymentNoticeV2':
      return activatePaymentNotice(ctx, r);
    case 'sendPaymentOutcome':
    case 'sendPaymentOutcomeV2':
      return { inner: sendPaymentOutcome(ctx, r) };
    case 'verificaBollettino':
      return { inner: verificaBollettino(ctx, r) };
    case 'nodoChiediCatalogoServiziV2':
      return { inner: nodoChiediCatalogoServiziV2(ctx, r) };
    case 'demandPaymentNotice':
      throw new Error('demandPaymentNotice is answered by its own asynchronous path');
    default:
      return missingCase(r);
  }
}

function run(op: Operation, fn: () => { inner: string; paymentToken?: string }): Handled {
  try {
    const { inner, paymentToken } = fn();
    return {
      body: responseBody(OPERATIONS[op].response, `<outcome>OK</outcome>${inner}`),
      outcome: 'OK',
      ...(paymentToken ? { paymentToken } : {}),
    };
  } catch (e) {
    return koFrom(op, e);
  }
}

function koFrom(op: Operation, e: unknown): Handled {
  if (e instanceof NodeFault) return ko(op, e.bean);
  throw e;
}

function ko(op: Operation, fault: FaultBean): Handled {
  return {
    body: responseBody(OPERATIONS[op].response, `<outcome>KO</outcome>${faultXml(fault)}`),
    outcome: 'KO',
    faultCode: fault.faultCode,
    ...(fault.description !== undefined ? { description: fault.description } : {}),
  };
}

function reply(op: Operation, h: Handled, entry: LogEntry): SoapReply {
  entry.operation = op;
  entry.httpStatus = 200;
  entry.outcome = h.outcome;
  if (h.faultCode !== undefined) entry.faultCode = h.faultCode;
  if (h.description !== undefined) entry.description = h.description;
  if (h.paymentToken !== undefined) entry.paymentToken = h.paymentToken;
  if (h.replayed) entry.replayed = true;
  return { status: 200, body: envelope(h.body), contentType: XML_TYPE };
}

function unparseable(headerOp: Operation | undefined, reason: string, entry: LogEntry): SoapReply {
  const description = clip(reason);
  if (headerOp) return reply(headerOp, ko(headerOp, nodeFault('PPT_SINTASSI_EXTRAXSD', description)), entry);
  entry.httpStatus = 400;
  entry.faultCode = 'PPT_SINTASSI_EXTRAXSD';
  entry.description = description;
  return { status: 400, body: soapFault('Client', `PPT_SINTASSI_EXTRAXSD: ${description}`), contentType: XML_TYPE };
}

function clip(s: string): string {
  return s.length > MAX_DESCRIPTION ? `${s.slice(0, MAX_DESCRIPTION - 1)}…` : s;
}

function keysOf(r: SimRequest): RequestKeys {
  const base: RequestKeys = { idPSP: r.caller.idPSP, idChannel: r.caller.idChannel };
  switch (r.op) {
    case 'verifyPaymentNotice':
      return { ...base, fiscalCode: r.fiscalCode, noticeNumber: r.noticeNumber };
    case 'activatePaymentNotice':
    case 'activatePaymentNoticeV2':
      return {
        ...base,
        fiscalCode: r.fiscalCode,
        noticeNumber: r.noticeNumber,
        ...(r.idempotencyKey !== undefined ? { idempotencyKey: r.idempotencyKey } : {}),
        amount: centsToAmount(r.amountCents),
      };
    case 'sendPaymentOutcome':
    case 'sendPaymentOutcomeV2':
      return {
        ...base,
        paymentTokens: r.paymentTokens,
        outcome: r.outcome,
        ...(r.idempotencyKey !== undefined ? { idempotencyKey: r.idempotencyKey } : {}),
      };
    case 'verificaBollettino':
      return { ...base, ccPost: r.ccPost, noticeNumber: r.noticeNumber };
    case 'demandPaymentNotice':
      return { ...base, idSoggettoServizio: r.idSoggettoServizio };
    case 'nodoChiediCatalogoServiziV2':
      return { ...base, ...(r.identificativoDominio !== undefined ? { fiscalCode: r.identificativoDominio } : {}) };
    default:
      return missingCase(r);
  }
}

/** A body that cannot even be read as text. */
export function rejectUnreadable(soapAction: string | undefined, reason: string, entry: LogEntry): SoapReply {
  return unparseable(soapActionOperation(soapAction), reason, entry);
}
