/**
 * Decoding answers: OK -> the primitive's typed result; KO -> `NodeFault`; anything unreadable ->
 * `NodeBadResponse`. An OK result must carry what the terminal cannot work without (the token
 * and total of an activation, at least one payment option of a verification...): otherwise it is a
 * bad response, not a result with holes.
 */
import { NodeBadResponse, NodeFault } from './errors';
import { NODE_FOR_PSP_NS, PRIMITIVE_INFO, type Primitive } from './primitives';
import { decodeCatalogue } from './catalogue';
import { openEnvelope, type El } from './xml-read';
import type {
  ActivatePaymentNoticeResult,
  ActivatePaymentNoticeV2Result,
  AmountOption,
  DemandPaymentNoticeResult,
  FaultBean,
  MapEntry,
  PaymentOption,
  PrimitiveTypes,
  ResultOf,
  SendPaymentOutcomeResult,
  TransferId,
  TransferV1,
  TransferV2,
  VerificaBollettinoResult,
  VerifyPaymentNoticeResult,
} from './types';

const AMOUNT_OPTIONS: readonly string[] = ['EQ', 'LS', 'GT', 'ANY'];

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
  return m.all('mapEntry').map((e) => ({ key: e.reqText('key'), value: e.optText('value') ?? '' }));
}

function paymentOption(o: El): PaymentOption {
  const options = o.reqText('options');
  if (!AMOUNT_OPTIONS.includes(options)) o.fail('bad-field', `options is ${JSON.stringify(options)}`);
  const amount = o.reqAmount('amount');
  if (amount === 0) o.fail('bad-field', 'amount is zero (stAmountNotZero)');
  return { amount, options: options as AmountOption, dueDate: o.optNonEmpty('dueDate'), paymentNote: o.optNonEmpty('paymentNote') };
}

function paymentOptions(res: El, listName: string): El[] {
  const list = res.opt(listName)?.all('paymentOptionDescription') ?? [];
  if (list.length === 0) res.fail('missing-field', `${listName} has no paymentOptionDescription`);
  return list;
}

function transferId(t: El): TransferId {
  const text = t.reqText('idTransfer').trim();
  if (!/^[1-5]$/.test(text)) t.fail('bad-field', `idTransfer is ${JSON.stringify(text)}`);
  return Number(text) as TransferId;
}

function transferV1(t: El): TransferV1 {
  return {
    idTransfer: transferId(t),
    transferAmount: t.reqAmount('transferAmount'),
    fiscalCodePA: t.reqText('fiscalCodePA'),
    IBAN: t.reqText('IBAN'),
    remittanceInformation: t.optText('remittanceInformation') ?? '',
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
      tipoBollo: stamp.reqText('tipoBollo'),
      provinciaResidenza: stamp.reqText('provinciaResidenza'),
    },
    remittanceInformation: t.optText('remittanceInformation') ?? '',
    transferCategory: t.optNonEmpty('transferCategory'),
    metadata: metadata(t),
  };
}

/** Common part of activate v1/V2; checks the transfers add up to what the customer is asked. */
function activateCommon<T extends { transferAmount: number }>(res: El, transfer: (t: El) => T) {
  const paymentToken = res.optNonEmpty('paymentToken');
  // Keep the token in the error: whoever handles it must still send the token a KO outcome.
  const withToken = paymentToken ? { paymentToken } : {};
  const fail = (reason: 'missing-field' | 'inconsistent', message: string): never => {
    throw new NodeBadResponse(res.primitive, reason, message, withToken);
  };
  if (!paymentToken) fail('missing-field', 'paymentToken is missing');
  const totalText = res.opt('totalAmount');
  if (!totalText) fail('missing-field', 'totalAmount is missing');
  const transferList = res.opt('transferList')?.all('transfer').map(transfer) ?? [];
  const totalAmount = totalText!.amount();
  const sum = transferList.reduce((s, t) => s + t.transferAmount, 0);
  if (transferList.length > 0 && sum !== totalAmount) fail('inconsistent', `transfers sum to ${sum} cents, totalAmount is ${totalAmount}`);
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
    const qr = res.req('qrCode');
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
      throw new NodeBadResponse(primitive, 'wrong-body', `${expected} is not in the nodeForPsp namespace`, { namespace: match.namespace ?? null });
    }
    const res = match.el;
    const outcome = res.opt('outcome')?.text().trim();
    if (outcome === 'KO') throw new NodeFault(primitive, faultBean(res));
    if (outcome !== 'OK') throw new NodeBadResponse(primitive, 'bad-outcome', `outcome is ${JSON.stringify(outcome ?? null)}`);
    return (DECODERS[primitive] as (res: El) => ResultOf<P>)(res);
  } catch (e) {
    if (e instanceof NodeFault || e instanceof NodeBadResponse) throw e;
    // A defect in a decoder must still reach the caller as "unreadable answer", never as a crash.
    throw new NodeBadResponse(primitive, 'bad-field', (e as Error)?.message ?? String(e));
  }
}
