/**
 * The nexo Sale-to-POI messages sportello sends (payment, transaction status, abort, reversal), typed
 * with @adyen/api-library's Terminal API models, and the checks every answer goes through before
 * it means anything. Pure: no I/O, no clock of its own.
 */
import type { MessageHeader } from '@adyen/api-library/lib/src/typings/terminal/messageHeader.js';
import type { SaleToPOIRequest } from '@adyen/api-library/lib/src/typings/terminal/saleToPOIRequest.js';
import { MessageCategoryType } from '@adyen/api-library/lib/src/typings/terminal/messageCategoryType.js';
import { MessageClassType } from '@adyen/api-library/lib/src/typings/terminal/messageClassType.js';
import { MessageType } from '@adyen/api-library/lib/src/typings/terminal/messageType.js';
import { MessageReference } from '@adyen/api-library/lib/src/typings/terminal/messageReference.js';
import { ReversalReasonType } from '@adyen/api-library/lib/src/typings/terminal/reversalReasonType.js';
import { z } from 'zod';
import type { AuthorizationResult, DeclineReason, UnavailableReason, UnresolvedReason } from '../types';
import { centsToDecimal, decimalToCents, fromWire, toWire } from './amounts';

export interface Parties {
  /** Who we are (nexo SaleID). */
  saleId: string;
  /** The terminal (nexo POIID, e.g. "V400m-324688179"). */
  poiId: string;
}

function header(p: Parties, category: MessageCategoryType, serviceId: string): MessageHeader {
  return {
    ProtocolVersion: '3.0',
    MessageClass: MessageClassType.Service,
    MessageCategory: category,
    MessageType: MessageType.Request,
    SaleID: p.saleId,
    ServiceID: serviceId,
    POIID: p.poiId,
  };
}

export function paymentRequest(p: Parties, serviceId: string, reference: string, amountCents: number, now: Date): SaleToPOIRequest {
  return {
    MessageHeader: header(p, MessageCategoryType.Payment, serviceId),
    PaymentRequest: {
      SaleData: { SaleTransactionID: { TransactionID: reference, TimeStamp: now.toISOString() } },
      PaymentTransaction: {
        // A decimal string here; `encode` turns it into the number literal nexo expects, with no float between.
        AmountsReq: { Currency: 'EUR', RequestedAmount: centsToDecimal(amountCents) as unknown as number },
      },
    },
  };
}

/** Asks how the payment sent with `paymentServiceId` ended; without it, the terminal's last payment. */
export function statusRequest(p: Parties, serviceId: string, paymentServiceId: string | null): SaleToPOIRequest {
  return {
    MessageHeader: header(p, MessageCategoryType.TransactionStatus, serviceId),
    TransactionStatusRequest: {
      ReceiptReprintFlag: false,
      ...(paymentServiceId
        ? {
            MessageReference: {
              MessageCategory: MessageReference.MessageCategoryEnum.Payment,
              SaleID: p.saleId,
              ServiceID: paymentServiceId,
            },
          }
        : {}),
    },
  };
}

export function abortRequest(p: Parties, serviceId: string, paymentServiceId: string): SaleToPOIRequest {
  return {
    MessageHeader: header(p, MessageCategoryType.Abort, serviceId),
    AbortRequest: {
      AbortReason: 'MerchantAbort',
      MessageReference: { MessageCategory: MessageReference.MessageCategoryEnum.Payment, SaleID: p.saleId, ServiceID: paymentServiceId },
    },
  };
}

export function reversalRequest(p: Parties, serviceId: string, poiTransactionId: string, timeStamp: string): SaleToPOIRequest {
  return {
    MessageHeader: header(p, MessageCategoryType.Reversal, serviceId),
    ReversalRequest: {
      OriginalPOITransaction: {
        POIID: p.poiId,
        SaleID: p.saleId,
        POITransactionID: { TransactionID: poiTransactionId, TimeStamp: timeStamp },
      },
      ReversalReason: ReversalReasonType.MerchantCancel,
    },
  };
}

/** The plaintext JSON of a request, amounts as number literals. */
export function encode(request: SaleToPOIRequest): string {
  return toWire(JSON.stringify({ SaleToPOIRequest: request }));
}

// ---- answers -------------------------------------------------------------------------------------

const transactionId = z.object({ TransactionID: z.string().min(1).max(128), TimeStamp: z.string().optional() });
const result = z.object({
  Result: z.enum(['Success', 'Failure', 'Partial']),
  ErrorCondition: z.string().optional(),
  AdditionalResponse: z.string().optional(),
});
const headerSchema = z.object({
  MessageCategory: z.string(),
  MessageType: z.string(),
  SaleID: z.string().optional(),
  ServiceID: z.string().optional(),
  POIID: z.string().optional(),
});
const paymentResponse = z.object({
  Response: result,
  SaleData: z.object({ SaleTransactionID: transactionId }),
  POIData: z.object({ POITransactionID: transactionId }).optional(),
  PaymentResult: z
    .object({
      AmountsResp: z.object({ AuthorizedAmount: z.string(), Currency: z.string().optional() }).optional(),
      PaymentInstrumentData: z
        .object({ CardData: z.object({ PaymentBrand: z.string().optional(), MaskedPan: z.string().optional() }).optional() })
        .optional(),
      PaymentAcquirerData: z.object({ ApprovalCode: z.string().optional(), AcquirerTransactionID: transactionId.optional() }).optional(),
    })
    .optional(),
});
export type PaymentResponseWire = z.infer<typeof paymentResponse>;

const answer = z.object({
  SaleToPOIResponse: z.object({
    MessageHeader: headerSchema,
    PaymentResponse: paymentResponse.optional(),
    TransactionStatusResponse: z
      .object({
        Response: result,
        RepeatedMessageResponse: z
          .object({
            MessageHeader: headerSchema,
            RepeatedResponseMessageBody: z.object({ PaymentResponse: paymentResponse.optional() }),
          })
          .optional(),
      })
      .optional(),
    ReversalResponse: z.object({ Response: result, ReversedAmount: z.string().optional() }).optional(),
  }),
});
export type Answer = z.infer<typeof answer>['SaleToPOIResponse'];

/** A plain (unencrypted) event from the terminal: how it says it could not open our envelope. */
const rejectEvent = z.object({
  SaleToPOIRequest: z.object({
    EventNotification: z.object({ EventToNotify: z.string(), EventDetails: z.string().optional() }),
  }),
});

export type Decoded = { kind: 'answer'; answer: Answer } | { kind: 'garbage'; why: string };

/** Parses an opened envelope's plaintext; amounts are read as decimal strings. */
export function decodeAnswer(plaintext: string): Decoded {
  let json: unknown;
  try {
    json = JSON.parse(fromWire(plaintext));
  } catch {
    return { kind: 'garbage', why: 'not JSON' };
  }
  const parsed = answer.safeParse(json);
  if (!parsed.success) return { kind: 'garbage', why: `not a nexo answer: ${parsed.error.issues[0]?.path.join('.') ?? ''}` };
  return { kind: 'answer', answer: parsed.data.SaleToPOIResponse };
}

/** The terminal's unencrypted rejection of our message, if that is what `body` is. */
export function rejection(body: unknown): string | null {
  const parsed = rejectEvent.safeParse(body);
  if (!parsed.success) return null;
  const e = parsed.data.SaleToPOIRequest.EventNotification;
  return `${e.EventToNotify}${e.EventDetails ? `: ${e.EventDetails}` : ''}`;
}

/** `AdditionalResponse` is form-encoded (`message=...&refusalReason=...`). */
function additional(text: string | undefined): { message: string; refusalReason: string } {
  const params = new URLSearchParams(text ?? '');
  return { message: params.get('message') ?? '', refusalReason: params.get('refusalReason') ?? '' };
}

export type Mapped =
  | { kind: 'result'; result: AuthorizationResult }
  /** An answer that cannot be believed as it is; `approvedTransactionId` when it claims an approval. */
  | { kind: 'rejected'; why: 'other-transaction' | 'other-amount' | 'incomplete'; approvedTransactionId?: string; timeStamp?: string };

function declineReason(condition: string, refusal: string): DeclineReason {
  if (condition === 'WrongPin' || /\bpin\b/i.test(refusal)) return 'pin-wrong';
  if (condition === 'InvalidCard' || condition === 'PaymentRestriction' || /not supported|unsupported|invalid card/i.test(refusal))
    return 'card-unsupported';
  if (/balance|insufficient|funds/i.test(refusal)) return 'insufficient-funds';
  if (/expired/i.test(refusal)) return 'card-expired';
  return 'refused';
}

const UNAVAILABLE: Readonly<Record<string, UnavailableReason>> = {
  Busy: 'busy',
  InProgress: 'busy',
  DeviceOut: 'offline',
  UnavailableDevice: 'offline',
  UnavailableService: 'offline',
  UnreachableHost: 'offline',
  NotAllowed: 'not-configured',
  LoggedOut: 'not-configured',
  MessageFormat: 'not-configured',
};

/** What a PaymentResponse means for the authorization of exactly `amountCents` under `reference`. */
export function mapPayment(r: PaymentResponseWire, reference: string, amountCents: number): Mapped {
  if (r.SaleData.SaleTransactionID.TransactionID !== reference) return { kind: 'rejected', why: 'other-transaction' };
  const { Result, ErrorCondition, AdditionalResponse } = r.Response;
  if (Result === 'Failure') {
    const condition = ErrorCondition ?? '';
    const { message, refusalReason } = additional(AdditionalResponse);
    if (condition === 'Cancel') {
      return {
        kind: 'result',
        result: /time ?out|timed out/i.test(message) ? { outcome: 'timeout', reference } : { outcome: 'cancelled', reference },
      };
    }
    if (condition === 'Aborted') return { kind: 'result', result: { outcome: 'cancelled', reference } };
    const unavailable = UNAVAILABLE[condition];
    if (unavailable) return { kind: 'result', result: { outcome: 'unavailable', reference, reason: unavailable } };
    // Refusal, WrongPin, InvalidCard, ... and any condition we do not know: a failure moved no money.
    return { kind: 'result', result: { outcome: 'declined', reference, reason: declineReason(condition, refusalReason || message) } };
  }
  const poiTx = r.POIData?.POITransactionID;
  const authorized = r.PaymentResult?.AmountsResp;
  const cents = authorized ? decimalToCents(authorized.AuthorizedAmount) : null;
  // A partial approval, another amount or another currency is not the approval that was asked for.
  if (Result === 'Partial' || cents !== amountCents || (authorized?.Currency !== undefined && authorized.Currency !== 'EUR')) {
    return {
      kind: 'rejected',
      why: 'other-amount',
      ...(poiTx ? { approvedTransactionId: poiTx.TransactionID, ...(poiTx.TimeStamp ? { timeStamp: poiTx.TimeStamp } : {}) } : {}),
    };
  }
  if (!poiTx) return { kind: 'rejected', why: 'incomplete' };
  const card = r.PaymentResult?.PaymentInstrumentData?.CardData;
  const last4 = /(\d{4})\s*$/.exec(card?.MaskedPan ?? '')?.[1];
  const acquirerReference = r.PaymentResult?.PaymentAcquirerData?.AcquirerTransactionID?.TransactionID;
  return {
    kind: 'result',
    result: {
      outcome: 'approved',
      reference,
      amountCents,
      authCode: r.PaymentResult?.PaymentAcquirerData?.ApprovalCode ?? '',
      transactionId: poiTx.TransactionID,
      cardBrand: (card?.PaymentBrand ?? 'card').toUpperCase(),
      maskedPan: `**** **** **** ${last4 ?? '****'}`,
      ...(acquirerReference ? { acquirerReference } : {}),
    },
  };
}

export type StatusMapped = Mapped | { kind: 'unresolved'; reason: UnresolvedReason };

/**
 * What a TransactionStatusResponse says about the payment `reference` (sent as `paymentServiceId`,
 * or the terminal's last payment when that is null).
 */
export function mapStatus(a: Answer, reference: string, amountCents: number | null, paymentServiceId: string | null): StatusMapped {
  const s = a.TransactionStatusResponse;
  if (!s) return { kind: 'unresolved', reason: 'unreachable' };
  if (s.Response.Result !== 'Success') {
    if (s.Response.ErrorCondition === 'InProgress') return { kind: 'unresolved', reason: 'in-progress' };
    if (s.Response.ErrorCondition === 'NotFound') return { kind: 'unresolved', reason: 'not-found' };
    return { kind: 'unresolved', reason: 'unreachable' };
  }
  const repeated = s.RepeatedMessageResponse;
  const payment = repeated?.RepeatedResponseMessageBody.PaymentResponse;
  if (!repeated || !payment) return { kind: 'unresolved', reason: 'unreachable' };
  if (paymentServiceId !== null && repeated.MessageHeader.ServiceID !== paymentServiceId)
    return { kind: 'rejected', why: 'other-transaction' };
  // Asked for the last payment: if it is someone else's, ours never reached the terminal.
  if (paymentServiceId === null && payment.SaleData.SaleTransactionID.TransactionID !== reference)
    return { kind: 'unresolved', reason: 'not-found' };
  if (amountCents === null) {
    // After a crash the amount is not known here: believe the terminal's, only for an approval that names us.
    const authorized = payment.PaymentResult?.AmountsResp?.AuthorizedAmount;
    const cents = authorized === undefined ? null : decimalToCents(authorized);
    if (payment.Response.Result === 'Success' && cents === null) return { kind: 'rejected', why: 'incomplete' };
    return mapPayment(payment, reference, cents ?? 1);
  }
  return mapPayment(payment, reference, amountCents);
}
