/**
 * Checks shared by verify, verificaBollettino and activate: is the creditor known and its station
 * reachable, does the creditor have the notice, and can it still be paid. Each failure throws the
 * NodeFault the node would answer.
 */
import { missingCase } from '../../main/errors';
import { creditorFault, nodeFault, NodeFault } from '../faults';
import { sessionStatus, type Creditor, type Position, type Session } from '../model';
import type { SimContext } from '../context';

/** The creditor, known and reachable. */
export function reachableCreditor(ctx: SimContext, fiscalCode: string): Creditor {
  const creditor = ctx.state.creditor(fiscalCode);
  if (!creditor) throw new NodeFault(nodeFault('PPT_DOMINIO_SCONOSCIUTO', `Dominio ${fiscalCode} sconosciuto`));
  if (creditor.station === 'unreachable') {
    throw new NodeFault(nodeFault('PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE', `Stazione dell'ente ${fiscalCode} non raggiungibile`));
  }
  return creditor;
}

/** The creditor's position for the notice, as its station would report it. */
export function creditorPosition(ctx: SimContext, creditor: Creditor, noticeNumber: string): Position {
  const position = ctx.state.position(creditor.fiscalCode, noticeNumber);
  if (!position) {
    throw new NodeFault(creditorFault(creditor.fiscalCode, 'PAA_PAGAMENTO_SCONOSCIUTO', `Avviso ${noticeNumber} non presente in archivio`));
  }
  return position;
}

/** Refuses a position that is closed (paid, expired, cancelled) or has a payment session open. */
export function assertPayable(ctx: SimContext, p: Position): void {
  switch (p.status) {
    case 'paid':
      throw new NodeFault(nodeFault('PPT_PAGAMENTO_DUPLICATO', `L'avviso ${p.noticeNumber} risulta già pagato`));
    case 'expired':
      throw new NodeFault(creditorFault(p.fiscalCode, 'PAA_PAGAMENTO_SCADUTO', `Avviso ${p.noticeNumber} scaduto`));
    case 'cancelled':
      throw new NodeFault(creditorFault(p.fiscalCode, 'PAA_PAGAMENTO_ANNULLATO', `Avviso ${p.noticeNumber} annullato`));
    case 'payable':
      break;
    default:
      missingCase(p.status);
  }
  if (openSession(ctx, p)) {
    throw new NodeFault(nodeFault('PPT_PAGAMENTO_IN_CORSO', `Pagamento dell'avviso ${p.noticeNumber} in corso`));
  }
}

/** The session currently holding the notice, if any (expired sessions release it on their own). */
export function openSession(ctx: SimContext, p: Position): Session | undefined {
  const now = ctx.clock.now();
  for (let i = p.tokens.length - 1; i >= 0; i--) {
    const s = ctx.state.session(p.tokens[i] as string);
    if (s && sessionStatus(s, now) === 'open') return s;
  }
  return undefined;
}
