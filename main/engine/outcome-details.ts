/**
 * The `details` of an OK sendPaymentOutcomeV2 for one notice of a tender. The tender's fee is
 * split over the cart's notices in whole cents (the first notice takes the remainder), so the fees
 * reported to the node add up exactly to what the customer paid.
 *
 * Dates are calendar dates in Italy (Europe/Rome), the node's and the creditors' calendar: a UTC
 * date would be yesterday's between midnight and 01:00 (02:00 in summer). They are computed once,
 * at the tender's commit (engine time), and stored with the queued outcome, so every resend of the
 * same outcome carries the same dates (the node compares them in "Esito concorde/discorde").
 * - `applicationDate` ("data applicativa"): the day the payment was made, i.e. the tender's commit.
 * - `transferDate` ("data di disposizione bonifico"): the day the PSP holds the money to transfer to
 *   the creditor, by tender (see `transferDateFor`).
 */
import type { MarcaDaBollo, OutcomeDetailsV2, PaymentChannel, PaymentMethod } from '../protocol';
import { missingCase } from '../../kernel/errors';
import type { CardKind, SuggestedBundle, Tender, TenderMethod } from './types';

const romeDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Italy at `ms` (epoch), as xsd:date `YYYY-MM-DD`. */
export function italianDate(ms: number): string {
  const parts = romeDate.formatToParts(new Date(ms));
  const part = (type: 'year' | 'month' | 'day') => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The day the money is at the PSP's disposal, by tender, given the tender's commit time:
 * - cash: the day it was taken, it is in the drawer;
 * - card: the day the card was authorised; a card tender is committed only after the terminal's
 *   approval (kiosk: card-payment.ts tenders on approval; counter: the operator records it once the
 *   POS approved), so the commit's day is the authorisation's;
 * - other (bank slip, voucher...): the day it was taken at the counter.
 */
export function transferDateFor(method: TenderMethod, committedAtMs: number): string {
  switch (method) {
    case 'cash':
    case 'card':
    case 'other':
      return italianDate(committedAtMs);
    default:
      return missingCase(method);
  }
}

/** The outcome's paymentMethod: a card is `creditCard` unless the card terminal said it was a debit (PagoBANCOMAT) card. */
export function paymentMethodOf(t: Pick<Tender, 'method' | 'cardKind'>): PaymentMethod {
  switch (t.method) {
    case 'cash':
      return 'cash';
    case 'card':
      return t.cardKind ?? 'creditCard';
    case 'other':
      return 'other';
    default:
      return missingCase(t.method);
  }
}

/** What this terminal is, as the outcome's paymentChannel says it (kiosk: atm, counter: frontOffice) unless configured. */
export function paymentChannelOf(channel: 'counter' | 'kiosk' | { paymentChannel: PaymentChannel }): PaymentChannel {
  if (typeof channel === 'object') return channel.paymentChannel;
  return channel === 'kiosk' ? 'atm' : 'frontOffice';
}

/** What one notice adds to its OK: its own fee share (see fees.ts feeShares), the node's bundle, the @e.bollo documents. */
export interface NoticeOutcomeFacts {
  feeCents?: number;
  bundle?: SuggestedBundle;
  marcheDaBollo?: MarcaDaBollo[];
}

export function outcomeDetails(
  t: Tender,
  index: number,
  count: number,
  channel: 'counter' | 'kiosk' | { paymentChannel: PaymentChannel },
  nowMs: number,
  facts: NoticeOutcomeFacts = {},
): OutcomeDetailsV2 {
  const share = Math.floor(t.feeCents / count);
  const fee = facts.feeCents ?? (index === 0 ? t.feeCents - share * (count - 1) : share);
  const b = facts.bundle;
  return {
    paymentMethod: paymentMethodOf(t),
    paymentChannel: paymentChannelOf(channel),
    fee,
    // The node accounts the PSP's bundle only when the OK names it (and the creditor's part of the fee).
    ...(b && b.paFeeCents !== null ? { primaryCiIncurredFee: b.paFeeCents } : {}),
    ...(b?.idBundle ? { idBundle: b.idBundle } : {}),
    ...(b?.idCiBundle ? { idCiBundle: b.idCiBundle } : {}),
    applicationDate: italianDate(nowMs),
    transferDate: transferDateFor(t.method, nowMs),
    ...(facts.marcheDaBollo && facts.marcheDaBollo.length > 0 ? { marcheDaBollo: facts.marcheDaBollo } : {}),
  };
}

/**
 * A card's kind from the card terminal's brand: PagoBANCOMAT (the Italian debit circuit) is
 * `bancomat`, everything else `creditCard` (the XSD has no other card kind).
 */
export function cardKindOf(brand: string | null | undefined): CardKind {
  return /bancomat/i.test(brand ?? '') ? 'bancomat' : 'creditCard';
}
