/**
 * activatePaymentNotice (v1) and activatePaymentNoticeV2: open a payment session on a notice and
 * hand out its paymentToken. The session holds the notice until an outcome arrives or the token
 * expires on the simulated clock.
 *
 * A notice with an @e.bollo transfer can only be activated by a channel that sells stamps (an
 * e-commerce channel): elsewhere the node answers PPT_SEMANTICA "Pagamento non attivabile"
 * (official scenario NMU_MBD_pspNoEcommerce_KO).
 *
 * Choices where the spec is silent (see sim/README.md): an amount other than the creditor's current
 * one is refused by the creditor (PAA_ATTIVA_RPT_IMPORTO_NON_VALIDO); a v1 activation of a notice
 * with an @e.bollo transfer (no IBAN, which v1 cannot express) at an e-commerce channel gets
 * PPT_SEMANTICA; an expirationTime below 1 ms gets PPT_SEMANTICA.
 */
import { centsToAmount } from '../../kernel/money';
import { creditorFault, nodeFault, NodeFault } from '../faults';
import { leaf, node } from '../xml/write';
import { amountOf, type Position, type Session } from '../model';
import { assertPayable, creditorPosition, reachableCreditor } from './common';
import { metadataXml, transferV1, transferV2 } from './builders';
import type { SimContext } from '../context';
import type { Caller, RequestOf } from '../requests';

type ActivateRequest = RequestOf<'activatePaymentNotice' | 'activatePaymentNoticeV2'>;

export function activatePaymentNotice(ctx: SimContext, r: ActivateRequest): { inner: string; paymentToken: string } {
  const validity = tokenValidity(ctx, r.expirationTime);
  const creditor = reachableCreditor(ctx, r.fiscalCode);
  const p = creditorPosition(ctx, creditor, r.noticeNumber);
  assertPayable(ctx, p);
  const bollo = p.transfers.find((t) => t.marcaDaBollo !== undefined);
  if (bollo && !sellsStamps(ctx, r.caller)) throw new NodeFault(nodeFault('PPT_SEMANTICA', 'Pagamento non attivabile'));
  if (r.op === 'activatePaymentNotice') {
    if (bollo) {
      throw new NodeFault(
        nodeFault(
          'PPT_SEMANTICA',
          `Il trasferimento ${bollo.idTransfer} è una marca da bollo digitale senza IBAN: usare activatePaymentNoticeV2`,
        ),
      );
    }
  }
  const due = amountOf(p);
  if (r.amountCents !== due) {
    throw new NodeFault(
      creditorFault(
        p.fiscalCode,
        'PAA_ATTIVA_RPT_IMPORTO_NON_VALIDO',
        `Importo indicato ${centsToAmount(r.amountCents)}, importo dovuto ${centsToAmount(due)}`,
      ),
    );
  }
  const now = ctx.clock.now();
  const session: Session = {
    paymentToken: ctx.newToken(),
    fiscalCode: p.fiscalCode,
    noticeNumber: p.noticeNumber,
    idPSP: r.caller.idPSP,
    idBrokerPSP: r.caller.idBrokerPSP,
    idChannel: r.caller.idChannel,
    operation: r.op,
    amountCents: due,
    ...(r.idempotencyKey !== undefined ? { idempotencyKey: r.idempotencyKey } : {}),
    activatedAt: now,
    expiresAt: now + validity,
    received: [],
  };
  p.tokens.push(session.paymentToken);
  ctx.state.putSession(session);
  ctx.state.putPosition(p);
  const inner = r.op === 'activatePaymentNotice' ? v1Response(p, session) : v2Response(p, session);
  return { inner, paymentToken: session.paymentToken };
}

function sellsStamps(ctx: SimContext, c: Caller): boolean {
  return ctx.config.psps.some(
    (p) => p.idPSP === c.idPSP && p.idBrokerPSP === c.idBrokerPSP && p.idChannel === c.idChannel && p.ecommerce === true,
  );
}

/** The node's default applies when none is asked for; asking for more than it is refused, not clamped. */
function tokenValidity(ctx: SimContext, requested: number | undefined): number {
  const max = ctx.config.tokenMs;
  if (requested === undefined) return max;
  if (requested > max) throw new NodeFault(nodeFault('PPT_AUTORIZZAZIONE', `expirationTime deve essere <= ${max}`));
  if (requested < 1) throw new NodeFault(nodeFault('PPT_SEMANTICA', 'expirationTime deve essere > 0'));
  return requested;
}

/** The elements v1 and V2 answers share, in the XSD's order, up to the token. */
function sessionHead(p: Position, s: Session): string[] {
  return [
    leaf('totalAmount', centsToAmount(s.amountCents)),
    leaf('paymentDescription', p.paymentDescription),
    leaf('fiscalCodePA', p.fiscalCode),
    leaf('companyName', p.companyName),
    leaf('officeName', p.officeName),
    leaf('paymentToken', s.paymentToken),
  ];
}

function v1Response(p: Position, s: Session): string {
  return [
    ...sessionHead(p, s),
    node('transferList', p.transfers.map(transferV1)),
    leaf('creditorReferenceId', p.creditorReferenceId),
    leaf('standin', p.standin),
  ].join('');
}

function v2Response(p: Position, s: Session): string {
  return [
    ...sessionHead(p, s),
    node('transferList', p.transfers.map(transferV2)),
    metadataXml(p.metadata),
    leaf('creditorReferenceId', p.creditorReferenceId),
    leaf('allCCP', p.allCCP),
    leaf('standin', p.standin),
  ].join('');
}
