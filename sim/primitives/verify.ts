/** verifyPaymentNotice: what is owed on a notice now. No side effects. */
import { leaf, node } from '../xml/write';
import { assertPayable, creditorPosition, reachableCreditor } from './common';
import { paymentOption } from './builders';
import type { SimContext } from '../context';
import type { RequestOf } from '../requests';

export function verifyPaymentNotice(ctx: SimContext, r: RequestOf<'verifyPaymentNotice'>): string {
  const creditor = reachableCreditor(ctx, r.fiscalCode);
  const p = creditorPosition(ctx, creditor, r.noticeNumber);
  assertPayable(ctx, p);
  return [
    node('paymentList', [node('paymentOptionDescription', paymentOption(p))]),
    leaf('paymentDescription', p.paymentDescription),
    leaf('fiscalCodePA', p.fiscalCode),
    leaf('companyName', p.companyName),
    leaf('officeName', p.officeName),
    leaf('standin', p.standin),
  ].join('');
}
