/**
 * What the operator types from the card terminal's slip or another means' receipt, checked before
 * it is sent (pure). The contract's `tenderDetails` (main/contract/calls.ts) is the rule and refuses
 * anything else; this only lets the screen say so at once, in the operator's words. Never a full
 * card number: 12 or more digits in a row (spaces or dashes between them) are refused.
 */
import type { TenderMethod } from '../../../main/engine/types';
import type { TenderDetails } from './usePayment';

export interface DetailFields {
  authCode: string;
  brand: string;
  last4: string;
  reference: string;
}

export const EMPTY_DETAILS: DetailFields = { authCode: '', brand: '', last4: '', reference: '' };

const FULL_PAN = /\d(?:[ -]?\d){11,}/;
const RULES: Record<keyof DetailFields, RegExp> = {
  authCode: /^[A-Za-z0-9]{1,12}$/,
  brand: /^[A-Za-z][A-Za-z0-9 .-]{0,19}$/,
  last4: /^\d{4}$/,
  reference: /^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$/,
};
/** Which fields each method offers. */
export const DETAIL_FIELDS: Readonly<Record<Exclude<TenderMethod, 'cash'>, readonly (keyof DetailFields)[]>> = {
  card: ['authCode', 'brand', 'last4'],
  other: ['authCode', 'reference'],
};

/** The details to send (empty fields left out), or the fields that are not acceptable. */
export function detailsOf(
  method: TenderMethod,
  fields: DetailFields,
): { ok: true; details: TenderDetails | undefined } | { ok: false; invalid: (keyof DetailFields)[] } {
  if (method === 'cash') return { ok: true, details: undefined };
  const details: Record<string, string> = {};
  const invalid: (keyof DetailFields)[] = [];
  for (const name of DETAIL_FIELDS[method]) {
    const v = fields[name].trim();
    if (v === '') continue;
    if (!RULES[name].test(v) || FULL_PAN.test(v)) invalid.push(name);
    else details[name] = v;
  }
  if (invalid.length > 0) return { ok: false, invalid };
  return { ok: true, details: Object.keys(details).length > 0 ? (details as TenderDetails) : undefined };
}
