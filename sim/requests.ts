/**
 * Typed requests read from a body element that has already passed the XSD, so every required
 * element is present and well-typed; this file only picks values out.
 */
import { createHash } from 'node:crypto';
import { amountToCents, type Cents } from '../kernel/money';
import { elementsOf, textOf, type XmlElement } from './xml/parse';
import { missingCase } from '../kernel/errors';
import type { Operation } from './operations';

export interface Caller {
  idPSP: string;
  idBrokerPSP: string;
  idChannel: string;
  password: string;
}

export interface OutcomeDetails {
  paymentMethod: string;
  paymentChannel?: string;
  feeCents: Cents;
  /** the fee exactly as written (the node echoes it as a JSON number in PPT_ESITO_GIA_ACQUISITO) */
  fee: string;
  /** details/payer/uniqueIdentifier/entityUniqueIdentifierValue */
  payerEntityUniqueIdentifierValue?: string;
  applicationDate: string;
  transferDate: string;
  /** V2 only: the @e.bollo documents bought (details/marcheDaBollo) */
  marcheDaBollo?: Array<{ paymentToken: string; idTransfer: number }>;
}

export type SimRequest =
  | { op: 'verifyPaymentNotice'; caller: Caller; fiscalCode: string; noticeNumber: string }
  | {
      op: 'activatePaymentNotice' | 'activatePaymentNoticeV2';
      caller: Caller;
      idempotencyKey?: string;
      fiscalCode: string;
      noticeNumber: string;
      expirationTime?: number;
      amountCents: Cents;
    }
  | {
      op: 'sendPaymentOutcome' | 'sendPaymentOutcomeV2';
      caller: Caller;
      idempotencyKey?: string;
      paymentTokens: string[];
      outcome: 'OK' | 'KO';
      details?: OutcomeDetails;
    }
  | { op: 'verificaBollettino'; caller: Caller; ccPost: string; noticeNumber: string }
  | { op: 'demandPaymentNotice'; caller: Caller; idSoggettoServizio: string; datiSpecificiServizio: string }
  | { op: 'nodoChiediCatalogoServiziV2'; caller: Caller; identificativoDominio?: string; categoria?: string; commissione?: 'Y' | 'N' };

export type RequestOf<O extends Operation> = Extract<SimRequest, { op: O }>;

function child(el: XmlElement, name: string): XmlElement | undefined {
  return elementsOf(el).find((c) => c.local === name && c.ns === null);
}
function req(el: XmlElement, name: string): string {
  const c = child(el, name);
  if (!c) throw new Error(`${el.local} has no ${name} (the XSD should have caught this)`);
  return textOf(c);
}
function opt(el: XmlElement, name: string): string | undefined {
  const c = child(el, name);
  return c ? textOf(c) : undefined;
}
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function caller(body: XmlElement): Caller {
  return {
    idPSP: req(body, 'idPSP'),
    idBrokerPSP: req(body, 'idBrokerPSP'),
    idChannel: req(body, 'idChannel'),
    password: req(body, 'password'),
  };
}

export function readRequest(op: Operation, body: XmlElement): SimRequest {
  switch (op) {
    case 'verifyPaymentNotice': {
      const qr = child(body, 'qrCode') as XmlElement;
      return { op, caller: caller(body), fiscalCode: req(qr, 'fiscalCode'), noticeNumber: req(qr, 'noticeNumber') };
    }
    case 'activatePaymentNotice':
    case 'activatePaymentNoticeV2': {
      const qr = child(body, 'qrCode') as XmlElement;
      const exp = opt(body, 'expirationTime');
      return {
        op,
        caller: caller(body),
        ...optional('idempotencyKey', opt(body, 'idempotencyKey')),
        fiscalCode: req(qr, 'fiscalCode'),
        noticeNumber: req(qr, 'noticeNumber'),
        ...optional('expirationTime', exp === undefined ? undefined : Number(exp.trim())),
        amountCents: amountToCents(req(body, 'amount')),
      };
    }
    case 'sendPaymentOutcome':
    case 'sendPaymentOutcomeV2': {
      const tokens =
        op === 'sendPaymentOutcome' ? [req(body, 'paymentToken')] : elementsOf(child(body, 'paymentTokens') as XmlElement).map(textOf);
      const d = child(body, 'details');
      return {
        op,
        caller: caller(body),
        ...optional('idempotencyKey', opt(body, 'idempotencyKey')),
        paymentTokens: tokens,
        outcome: req(body, 'outcome') as 'OK' | 'KO',
        ...optional('details', d && details(d)),
      };
    }
    case 'verificaBollettino':
      return { op, caller: caller(body), ccPost: req(body, 'ccPost'), noticeNumber: req(body, 'noticeNumber') };
    case 'demandPaymentNotice':
      return {
        op,
        caller: caller(body),
        idSoggettoServizio: req(body, 'idSoggettoServizio'),
        datiSpecificiServizio: req(body, 'datiSpecificiServizio'),
      };
    case 'nodoChiediCatalogoServiziV2':
      return {
        op,
        caller: {
          idPSP: req(body, 'identificativoPSP'),
          idBrokerPSP: req(body, 'identificativoIntermediarioPSP'),
          idChannel: req(body, 'identificativoCanale'),
          password: req(body, 'password'),
        },
        ...optional('identificativoDominio', opt(body, 'identificativoDominio')),
        ...optional('categoria', opt(body, 'categoria')),
        ...optional('commissione', opt(body, 'commissione') as 'Y' | 'N' | undefined),
      };
    default:
      return missingCase(op);
  }
}

function details(d: XmlElement): OutcomeDetails {
  const fee = req(d, 'fee').trim();
  const payer = child(d, 'payer');
  const uid = payer && child(payer, 'uniqueIdentifier');
  const stamps = child(d, 'marcheDaBollo');
  return {
    paymentMethod: req(d, 'paymentMethod'),
    ...optional('paymentChannel', opt(d, 'paymentChannel')),
    feeCents: amountToCents(fee),
    fee,
    ...optional('payerEntityUniqueIdentifierValue', uid && req(uid, 'entityUniqueIdentifierValue').trim()),
    applicationDate: req(d, 'applicationDate').trim(),
    transferDate: req(d, 'transferDate').trim(),
    ...optional(
      'marcheDaBollo',
      stamps &&
        elementsOf(stamps).map((m) => ({ paymentToken: req(m, 'paymentToken').trim(), idTransfer: Number(req(m, 'idTransfer').trim()) })),
    ),
  };
}

/**
 * What "same parameters" means for idempotency: the body element's names and values, whatever
 * the prefixes, whitespace between elements or attribute noise. Hashed, because the password
 * is one of the parameters and must not be kept.
 */
export function fingerprint(body: XmlElement): string {
  const canon = (el: XmlElement): unknown => {
    const kids = elementsOf(el);
    return kids.length ? [el.local, kids.map(canon)] : [el.local, textOf(el)];
  };
  return createHash('sha256')
    .update(JSON.stringify(canon(body)))
    .digest('hex');
}
