/**
 * Checks shared by verify, verificaBollettino and activate: is the creditor known and its station
 * reachable, does the creditor have the notice, and can it still be paid. Each failure throws the
 * NodeFault the node would answer.
 */
import { missingCase } from '../../kernel/errors';
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
  if (!position && !stationKnown(ctx, creditor, noticeNumber)) {
    throw new NodeFault(
      nodeFault('PPT_STAZIONE_INT_PA_SCONOSCIUTA', `Nessuna stazione dell'ente ${creditor.fiscalCode} per l'avviso ${noticeNumber}`),
    );
  }
  if (!position) {
    throw new NodeFault(creditorFault(creditor.fiscalCode, 'PAA_PAGAMENTO_SCONOSCIUTO', `Avviso ${noticeNumber} non presente in archivio`));
  }
  return position;
}

/**
 * The node finds the creditor's station from the notice number before asking it anything
 * (SEM_VPNR_11, SEM_APNR_12): aux digit 3 carries the segregation code, aux digit 0 the application
 * code; aux digits 1 and 2 carry no station code; others do not exist. Choice: a creditor's stations
 * are those of its positions' prefixes, plus segregation codes 01 (seeded notices) and 02
 * (spontaneous payments), so only a notice number no station of the creditor could have issued
 * gets PPT_STAZIONE_INT_PA_SCONOSCIUTA; any other unknown notice is the creditor's
 * PAA_PAGAMENTO_SCONOSCIUTO.
 */
function stationKnown(ctx: SimContext, creditor: Creditor, noticeNumber: string): boolean {
  const key = stationKey(noticeNumber);
  if (key === undefined) return false;
  if (key === '301' || key === '302') return true;
  return ctx.state.positions().some((p) => p.fiscalCode === creditor.fiscalCode && stationKey(p.noticeNumber) === key);
}

function stationKey(noticeNumber: string): string | undefined {
  const aux = noticeNumber[0];
  if (aux === '0' || aux === '3') return noticeNumber.slice(0, 3);
  if (aux === '1' || aux === '2') return aux;
  return undefined;
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
  if (holdingSession(ctx, p)) {
    throw new NodeFault(nodeFault('PPT_PAGAMENTO_IN_CORSO', `Pagamento dell'avviso ${p.noticeNumber} in corso`));
  }
}

/**
 * The session currently holding the notice, if any: one without an outcome whose token is still
 * valid, or expired but not yet released by the node's cancel job (expiry is not instant).
 */
export function holdingSession(ctx: SimContext, p: Position): Session | undefined {
  const now = ctx.clock.now();
  for (let i = p.tokens.length - 1; i >= 0; i--) {
    const s = ctx.state.session(p.tokens[i] as string);
    if (s && holds(ctx, s, now)) return s;
  }
  return undefined;
}

export function holds(ctx: SimContext, s: Session, now: number): boolean {
  const status = sessionStatus(s, now);
  return status === 'open' || (status === 'expired' && !ctx.cancelJob.released(s, now));
}
