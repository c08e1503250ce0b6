/**
 * The `details` of an OK sendPaymentOutcomeV2 for one notice of a tender. The tender's fee is
 * split over the cart's notices in whole cents (the first notice takes the remainder), so the fees
 * reported to the node add up exactly to what the customer paid.
 */
import type { OutcomeDetailsV2 } from '../protocol';
import type { Tender } from './types';

export function outcomeDetails(t: Tender, index: number, count: number, terminalKind: 'counter' | 'kiosk', nowMs: number): OutcomeDetailsV2 {
  const share = Math.floor(t.feeCents / count);
  const fee = index === 0 ? t.feeCents - share * (count - 1) : share;
  const today = new Date(nowMs).toISOString().slice(0, 10);
  return {
    paymentMethod: t.method === 'cash' ? 'cash' : t.method === 'card' ? 'creditCard' : 'other',
    paymentChannel: terminalKind === 'kiosk' ? 'atm' : 'frontOffice',
    fee,
    applicationDate: today,
    transferDate: today,
  };
}
