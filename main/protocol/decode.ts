/**
 * Decoding answers: OK -> the primitive's typed result; KO -> `NodeFault`; anything unreadable ->
 * `NodeBadResponse`. An OK result must carry what the terminal cannot work without (the token
 * and total of an activation, at least one payment option of a verification...): otherwise it is a
 * bad response, not a result with holes.
 */
import { excerpt, NodeBadResponse, NodeFault } from './errors';
import { checkAnswer } from './answer-schema';
import { ST } from './simple-types';
import { NODE_FOR_PSP_NS, PRIMITIVE_INFO, type Primitive } from './primitives';
import { decodeCatalogue } from './catalogue';
import { openEnvelope, type El } from './xml-walk';
import type {
  ActivatePaymentNoticeResult,
  ActivatePaymentNoticeV2Result,
  AmountOption,
  DemandPaymentNoticeResult,
  FaultBean,
  MapEntry,
  PaymentOption,
  PrimitiveTypes,
  RichiestaMarcaDaBollo,
  ResultOf,
  SendPaymentOutcomeResult,
  TransferId,
  TransferV1,
  TransferV2,
  VerificaBollettinoResult,
  VerifyPaymentNoticeResult,
} from './types';

function faultBean(res: El): FaultBean {
  const f = res.opt('fault');
  if (!f) return res.fail('bad-fault', 'outcome KO without a fault');
  const faultCode = f.optText('faultCode')?.trim();
  if (!faultCode) return f.fail('bad-fault', 'fault without faultCode');
  const serialText = f.optText('serial');
  const serial = serialText !== undefined && /^-?\d{1,10}$/.test(serialText.trim()) ? Number(serialText.trim()) : undefined;
  return {
    faultCode,
    faultString: f.optText('faultString') ?? '',
    id: f.optText('id') ?? '',
    description: f.optText('description'),
    serial,
    originalFaultCode: f.optText('originalFaultCode'),
    originalFaultString: f.optText('originalFaultString'),
    originalDescription: f.optText('originalDescription'),
  };
}

function metadata(parent: El): MapEntry[] {
  const m = parent.opt('metadata');
  if (!m) return [];
  return m.all('mapEntry').map((e) => ({ key: e.reqText('key'), value: e.reqText('value') }));
}

/** An xsd:date as the calendar day it names (a timezone suffix, which the XSD allows, is dropped). */
function optDate(parent: El, name: string): string | undefined {
  return parent.optNonEmpty(name)?.slice(0, 10);
}

function paymentOption(o: El): PaymentOption {
  return {
    amount: o.reqAmount('amount'),
    options: o.reqText('options') as AmountOption,
    dueDate: optDate(o, 'dueDate'),
    paymentNote: o.optNonEmpty('paymentNote'),
  };
}

function paymentOptions(res: El, listName: string): El[] {
  const list = res.opt(listName)?.all('paymentOptionDescription') ?? [];
  if (list.length === 0) res.fail('missing-field', `${listName} has no paymentOptionDescription`, { field: listName });
  return list;
}

/** Checked by answer-schema.ts as the xsd:int lexical forms of 1..5. */
const transferId = (t: El): TransferId => Number(t.reqText('idTransfer')) as TransferId;

function transferV1(t: El): TransferV1 {
  return {
    idTransfer: transferId(t),
    transferAmount: t.reqAmount('transferAmount'),
    fiscalCodePA: t.reqText('fiscalCodePA'),
    IBAN: t.reqText('IBAN'),
    remittanceInformation: t.reqText('remittanceInformation'),
    metadata: metadata(t),
  };
}

function transferV2(t: El): TransferV2 {
  const stamp = t.opt('richiestaMarcaDaBollo');
  return {
    idTransfer: transferId(t),
    transferAmount: t.reqAmount('transferAmount'),
    fiscalCodePA: t.reqText('fiscalCodePA'),
    companyName: t.optNonEmpty('companyName'),
    IBAN: t.optNonEmpty('IBAN'),
    richiestaMarcaDaBollo: stamp && {
      hashDocumento: stamp.reqText('hashDocumento'),
      tipoBollo: stamp.reqText('tipoBollo') as RichiestaMarcaDaBollo['tipoBollo'],
      provinciaResidenza: stamp.reqText('provinciaResidenza'),
    },
    remittanceInformation: t.reqText('remittanceInformation'),
    transferCategory: t.optNonEmpty('transferCategory'),
    metadata: metadata(t),
  };
}

/**
 * Common part of activate v1/V2. Beyond the XSD: the token and the total must be there, the
 * transfers must add up to the total (reason `transfers-mismatch`) and name distinct idTransfer.
 */
function activateCommon<T extends { idTransfer: TransferId; transferAmount: number }>(res: El, transfer: (t: El) => T) {
  const paymentToken = res.optNonEmpty('paymentToken');
  if (!paymentToken) res.fail('missing-field', 'paymentToken is missing', { field: 'paymentToken' });
  const totalText = res.opt('totalAmount');
  if (!totalText) res.fail('missing-field', 'totalAmount is missing', { field: 'totalAmount' });
  const transferList = res.opt('transferList')?.all('transfer').map(transfer) ?? [];
  const totalAmount = totalText!.amount();
  const ids = new Set(transferList.map((t) => t.idTransfer));
  if (ids.size !== transferList.length)
    res.fail('inconsistent', 'two transfers have the same idTransfer', { field: 'transferList/transfer/idTransfer' });
  const sum = transferList.reduce((s, t) => s + t.transferAmount, 0);
  if (transferList.length > 0 && sum !== totalAmount) {
    throw new NodeBadResponse(res.primitive, 'transfers-mismatch', `transfers sum to ${sum} cents, totalAmount is ${totalAmount}`, {
      field: 'transferList',
      rule: 'sum(transferAmount) = totalAmount',
      transfersCents: sum,
      totalAmountCents: totalAmount,
    });
  }
  return {
    totalAmount,
    paymentDescription: res.optNonEmpty('paymentDescription'),
    fiscalCodePA: res.optNonEmpty('fiscalCodePA'),
    companyName: res.optNonEmpty('companyName'),
    officeName: res.optNonEmpty('officeName'),
    paymentToken: paymentToken!,
    transferList,
    creditorReferenceId: res.optNonEmpty('creditorReferenceId'),
    standin: res.optBool('standin'),
  };
}

/**
 * The activation's token when it is a valid stPaymentToken, else undefined. A bad activation
 * answer keeps it (`details.paymentToken`) so that whoever handles the error can still close the
 * node's token with a KO; a token that is itself invalid could not be sent back anyway.
 */
function readableToken(res: El): string | undefined {
  try {
    const token = res.optText('paymentToken');
    return token !== undefined && ST.paymentToken.test(token) ? token : undefined;
  } catch {
    return undefined;
  }
}

const ACTIVATIONS: ReadonlySet<Primitive> = new Set(['activatePaymentNotice', 'activatePaymentNoticeV2']);

type Decoders = { [P in Primitive]: (res: El) => PrimitiveTypes[P]['result'] };

const outcomeOk = (): SendPaymentOutcomeResult => ({ outcome: 'OK' });

const DECODERS: Decoders = {
  verifyPaymentNotice: (res): VerifyPaymentNoticeResult => ({
    paymentList: paymentOptions(res, 'paymentList').map(paymentOption),
    paymentDescription: res.optNonEmpty('paymentDescription'),
    fiscalCodePA: res.optNonEmpty('fiscalCodePA'),
    companyName: res.optNonEmpty('companyName'),
    officeName: res.optNonEmpty('officeName'),
    standin: res.optBool('standin'),
  }),
  activatePaymentNotice: (res): ActivatePaymentNoticeResult => activateCommon(res, transferV1),
  activatePaymentNoticeV2: (res): ActivatePaymentNoticeV2Result => ({
    ...activateCommon(res, transferV2),
    metadata: metadata(res),
    suggestedUserFee: res.optAmount('suggestedUserFee'),
    suggestedPaFee: res.optAmount('suggestedPaFee'),
    suggestedIdBundle: res.optNonEmpty('suggestedIdBundle'),
    suggestedIdCiBundle: res.optNonEmpty('suggestedIdCiBundle'),
    allCCP: res.optBool('allCCP'),
  }),
  sendPaymentOutcome: outcomeOk,
  sendPaymentOutcomeV2: outcomeOk,
  verificaBollettino: (res): VerificaBollettinoResult => ({
    paymentBollettinoList: paymentOptions(res, 'paymentBollettinoList').map((o) => ({ ...paymentOption(o), allCCP: o.reqBool('allCCP') })),
    paymentDescription: res.optNonEmpty('paymentDescription'),
    fiscalCodePA: res.optNonEmpty('fiscalCodePA'),
    noticeNumber: res.optNonEmpty('noticeNumber'),
    companyName: res.optNonEmpty('companyName'),
    officeName: res.optNonEmpty('officeName'),
    standin: res.optBool('standin'),
  }),
  demandPaymentNotice: (res): DemandPaymentNoticeResult => {
    const qr = res.opt('qrCode') ?? res.fail('missing-field', 'qrCode is missing', { field: 'qrCode' });
    return {
      qrCode: { fiscalCode: qr.reqText('fiscalCode'), noticeNumber: qr.reqText('noticeNumber') },
      paymentList: paymentOptions(res, 'paymentList').map(paymentOption),
      paymentDescription: res.optNonEmpty('paymentDescription'),
      fiscalCodePA: res.optNonEmpty('fiscalCodePA'),
      companyName: res.optNonEmpty('companyName'),
      officeName: res.optNonEmpty('officeName'),
    };
  },
  nodoChiediCatalogoServiziV2: (res) => decodeCatalogue(res),
};

/**
 * Decodes the node's answer to `primitive`: the result when the outcome is OK; throws `NodeFault`
 * for KO and `NodeBadResponse` for anything else. Never throws anything untyped.
 */
export function decodeResponse<P extends Primitive>(primitive: P, xml: string): ResultOf<P> {
  try {
    const expected = PRIMITIVE_INFO[primitive].responseElement;
    const elements = openEnvelope(xml, primitive);
    const match = elements.find((e) => e.name === expected);
    if (!match) {
      throw new NodeBadResponse(primitive, 'wrong-body', `expected ${expected}`, { expected, found: elements.map((e) => e.name) });
    }
    if (match.namespace !== NODE_FOR_PSP_NS) {
      throw new NodeBadResponse(primitive, 'wrong-body', `${expected} is not in the nodeForPsp namespace`, {
        namespace: match.namespace ?? null,
      });
    }
    const res = match.el;
    const outcome = res.opt('outcome')?.text().trim();
    if (outcome === 'KO') throw new NodeFault(primitive, faultBean(res));
    if (outcome !== 'OK')
      throw new NodeBadResponse(primitive, 'bad-outcome', `outcome is ${JSON.stringify(outcome === undefined ? null : excerpt(outcome))}`);
    try {
      checkAnswer(res, primitive);
      return (DECODERS[primitive] as (res: El) => ResultOf<P>)(res);
    } catch (e) {
      const token = ACTIVATIONS.has(primitive) && e instanceof NodeBadResponse ? readableToken(res) : undefined;
      throw token === undefined ? e : (e as NodeBadResponse).withDetails({ paymentToken: token });
    }
  } catch (e) {
    if (e instanceof NodeFault || e instanceof NodeBadResponse) throw e;
    // A defect in a decoder must still reach the caller as "unreadable answer", never as a crash.
    throw new NodeBadResponse(primitive, 'bad-field', (e as Error)?.message ?? String(e));
  }
}
