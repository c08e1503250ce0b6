/**
 * The terminal's fee (commissione), shown before the customer pays and sent in the OK outcome's
 * details. Integer arithmetic only: a percentage is in basis points and rounds half up to the cent.
 */
import { SportelloError } from '../../kernel/errors';
import type { Cents } from '../../kernel/money';
import type { CardKind, SuggestedBundle, Tender, TenderMethod } from './types';

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

/**
 * The node's fee for a cart: the sum of each notice's suggested bundle fee, only when the node
 * suggested one for every notice (the node accounts each notice's bundle; a cart where some notice
 * has none is charged by the local rule as a whole, never a mix of the two).
 */
export function nodeFeeFor(bundles: ReadonlyArray<SuggestedBundle | undefined>): Cents | null {
  if (bundles.length === 0 || bundles.some((b) => b === undefined)) return null;
  return bundles.reduce((sum, b) => sum + b!.userFeeCents, 0);
}

/**
 * Each notice's part of the tender's fee, adding up exactly to `feeCents`: the node's own fee per
 * notice when the tender's fee is the sum of the suggestions; else an even split in whole cents, the
 * first notice taking the remainder.
 */
export function feeShares(feeCents: Cents, bundles: ReadonlyArray<SuggestedBundle | undefined>): Cents[] {
  const count = bundles.length;
  if (count === 0) return [];
  if (nodeFeeFor(bundles) === feeCents) return bundles.map((b) => b!.userFeeCents);
  const share = Math.floor(feeCents / count);
  return bundles.map((_, i) => (i === 0 ? feeCents - share * (count - 1) : share));
}

export interface TenderOptions {
  /** The node's fee for the cart (nodeFeeFor), or null: the local rule's fee is charged. */
  nodeFeeCents?: Cents | null;
  /** card only (default creditCard) */
  cardKind?: CardKind;
}

/** Builds a tender the transition function will accept, or says why the money does not add up. */
export function buildTender(
  method: TenderMethod,
  noticeAmounts: readonly Cents[],
  rule: FeeRule,
  givenCents: Cents | null,
  opts: TenderOptions = {},
): Tender {
  const noticesCents = noticeAmounts.reduce((a, b) => a + b, 0);
  const localFeeCents = feeFor(rule, noticeAmounts);
  const nodeFee = opts.nodeFeeCents ?? null;
  const feeCents = nodeFee ?? localFeeCents;
  const dueCents = noticesCents + feeCents;
  // Only a node fee is marked (with the local rule's beside it): a local-rule tender keeps its plain shape.
  const source = nodeFee === null ? {} : { feeSource: 'node' as const, localFeeCents };
  if (method === 'cash') {
    const given = givenCents ?? dueCents;
    if (given < dueCents) throw new TenderInvalid(`cash given (${given}) is less than the amount due (${dueCents})`, { given, dueCents });
    return { method, noticesCents, feeCents, dueCents, givenCents: given, changeCents: given - dueCents, ...source };
  }
  // No kind said: a credit card (outcome-details.ts paymentMethodOf).
  const card = method === 'card' && opts.cardKind ? { cardKind: opts.cardKind } : {};
  return { method, noticesCents, feeCents, dueCents, givenCents: null, changeCents: 0, ...card, ...source };
}
