/**
 * The terminal's fee (commissione), shown before the customer pays and sent in the OK outcome's
 * details. Integer arithmetic only: a percentage is in basis points and rounds half up to the cent.
 */
import { SportelloError } from '../errors';
import type { Cents } from '../protocol/money';
import type { Tender, TenderMethod } from './types';

export type FeeRule =
  | { kind: 'none' }
  | { kind: 'flat'; cents: Cents } // one fee per tender, whatever the cart holds
  | { kind: 'per-notice'; cents: Cents } // the same fee for each notice in the cart
  | { kind: 'percent'; basisPoints: number; minCents: Cents; maxCents: Cents }; // of the notices' total

export class TenderInvalid extends SportelloError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('TENDER_INVALID', message, { details });
  }
}

export function feeFor(rule: FeeRule, noticeAmounts: readonly Cents[]): Cents {
  const total = noticeAmounts.reduce((a, b) => a + b, 0);
  switch (rule.kind) {
    case 'none':
      return 0;
    case 'flat':
      return noticeAmounts.length === 0 ? 0 : rule.cents;
    case 'per-notice':
      return rule.cents * noticeAmounts.length;
    case 'percent': {
      // total * bp / 10000, half up, in integers (total <= 5 * 99 999 999 999, bp <= 10000: far below 2^53).
      const raw = Math.floor((total * rule.basisPoints + 5000) / 10000);
      return Math.min(rule.maxCents, Math.max(rule.minCents, raw));
    }
  }
}

/** Builds a tender the transition function will accept, or says why the money does not add up. */
export function buildTender(method: TenderMethod, noticeAmounts: readonly Cents[], rule: FeeRule, givenCents: Cents | null): Tender {
  const noticesCents = noticeAmounts.reduce((a, b) => a + b, 0);
  const feeCents = feeFor(rule, noticeAmounts);
  const dueCents = noticesCents + feeCents;
  if (method === 'cash') {
    const given = givenCents ?? dueCents;
    if (given < dueCents) throw new TenderInvalid(`cash given (${given}) is less than the amount due (${dueCents})`, { given, dueCents });
    return { method, noticesCents, feeCents, dueCents, givenCents: given, changeCents: given - dueCents };
  }
  return { method, noticesCents, feeCents, dueCents, givenCents: null, changeCents: 0 };
}
