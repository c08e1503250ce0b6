/**
 * The simulated terminal's state: one transaction per payment request, walking
 * waiting-card → processing → done (or aborted), with the answer it gave kept for status requests
 * and reversals. Pure state and message building; the HTTP side is in server.ts.
 */
import { createHash } from 'node:crypto';
import type { NexoDecline, NexoSimOutcome } from './script';

export type TxState = 'waiting-card' | 'processing' | 'done';

export interface SimTransaction {
  saleId: string;
  serviceId: string;
  reference: string;
  /** The requested amount exactly as it came on the wire ("121.50"). */
  amountText: string;
  outcome: NexoSimOutcome['kind'];
  state: TxState;
  poiTransactionId: string;
  timeStamp: string;
  /** The PaymentResponse given (or to give) for it, amounts as decimal strings. */
  response: Record<string, unknown> | null;
  approved: boolean;
  reversed: boolean;
}

/** "121.5" / "121.50" → cents, exactly; null for anything else. */
export function wireAmountToCents(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

export function centsToWire(cents: number): string {
  const s = String(cents).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

const DECLINE_TEXT: Record<NexoDecline, { condition: string; refusal: string }> = {
  refused: { condition: 'Refusal', refusal: 'Refused' },
  'insufficient-funds': { condition: 'Refusal', refusal: 'Not enough balance' },
  'pin-wrong': { condition: 'WrongPin', refusal: 'Invalid Pin' },
  'card-expired': { condition: 'Refusal', refusal: 'Expired Card' },
  'card-unsupported': { condition: 'Refusal', refusal: 'Not supported' },
};

function digits(seed: string, n: number): string {
  return String(createHash('sha256').update(seed).digest().readUInt32BE(0) % 10 ** n).padStart(n, '0');
}

function base(tx: SimTransaction, result: Record<string, unknown>, otherReference = false): Record<string, unknown> {
  return {
    Response: result,
    SaleData: { SaleTransactionID: { TransactionID: otherReference ? `${tx.reference}-other` : tx.reference, TimeStamp: tx.timeStamp } },
    POIData: { POITransactionID: { TransactionID: tx.poiTransactionId, TimeStamp: tx.timeStamp } },
  };
}

export function approvedResponse(tx: SimTransaction, poiId: string, amountText: string, otherReference = false): Record<string, unknown> {
  return {
    ...base(tx, { Result: 'Success', AdditionalResponse: 'message=Approved' }, otherReference),
    PaymentResult: {
      PaymentType: 'Normal',
      OnlineFlag: true,
      AmountsResp: { Currency: 'EUR', AuthorizedAmount: amountText },
      PaymentInstrumentData: {
        PaymentInstrumentType: 'Card',
        CardData: { PaymentBrand: 'mc', MaskedPan: '541333 **** 9999', EntryMode: ['Contactless'] },
      },
      PaymentAcquirerData: {
        AcquirerPOIID: poiId,
        MerchantID: 'SportelloSimMerchant',
        ApprovalCode: digits(`auth:${tx.poiTransactionId}:${amountText}`, 6),
        AcquirerTransactionID: { TransactionID: digits(`psp:${tx.poiTransactionId}`, 9).padStart(16, '8'), TimeStamp: tx.timeStamp },
      },
    },
  };
}

export function failedResponse(tx: SimTransaction, condition: string, additional: string): Record<string, unknown> {
  return base(tx, { Result: 'Failure', ErrorCondition: condition, AdditionalResponse: additional });
}

export function declinedResponse(tx: SimTransaction, reason: NexoDecline): Record<string, unknown> {
  const d = DECLINE_TEXT[reason];
  return failedResponse(tx, d.condition, `refusalReason=${encodeURIComponent(d.refusal)}`);
}
