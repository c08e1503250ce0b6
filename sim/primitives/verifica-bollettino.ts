/**
 * verificaBollettino: verify by postal account (CCP) and notice number, as read from the Poste
 * Data Matrix. An account no creditor owns is "Codifica non riconosciuta".
 */
import { nodeFault, NodeFault } from '../faults';
import { leaf, node } from '../xml/write';
import { assertPayable, creditorPosition, reachableCreditor } from './common';
import { paymentOption } from './builders';
import type { SimContext } from '../context';
import type { RequestOf } from '../requests';

export function verificaBollettino(ctx: SimContext, r: RequestOf<'verificaBollettino'>): string {
  const owner = ctx.state.creditors().find((c) => c.postalAccounts.includes(r.ccPost));
  if (!owner) throw new NodeFault(nodeFault('PPT_SEMANTICA', 'Codifica non riconosciuta'));
  const creditor = reachableCreditor(ctx, owner.fiscalCode);
  const p = creditorPosition(ctx, creditor, r.noticeNumber);
  assertPayable(ctx, p);
  return [
    node('paymentBollettinoList', [node('paymentOptionDescription', [...paymentOption(p), leaf('allCCP', p.allCCP)])]),
    leaf('paymentDescription', p.paymentDescription),
    leaf('fiscalCodePA', p.fiscalCode),
    leaf('noticeNumber', p.noticeNumber),
    leaf('companyName', p.companyName),
    leaf('officeName', p.officeName),
    leaf('standin', p.standin),
  ].join('');
}
