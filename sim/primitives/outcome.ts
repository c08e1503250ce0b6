/**
 * sendPaymentOutcome (v1) and sendPaymentOutcomeV2: the PSP says how a session ended. OK closes
 * the position (PAID), KO releases it. Late outcomes follow the node's rules: a late KO changes
 * nothing (PPT_TOKEN_SCADUTO_KO); a late OK is refused with PPT_TOKEN_SCADUTO but still settled with
 * the creditor (the node's late-outcome retry), unless another payment closed the notice meanwhile
 * (PPT_PAGAMENTO_DUPLICATO: the PSP must refund).
 *
 * KO answers that change state (the late OK) are thrown after the state is written: the
 * dispatcher catches NodeFault inside the transaction, so those writes are kept.
 */
import { centsToAmount } from '../../main/protocol/money';
import { nodeFault, NodeFault, type NodeFaultCode } from '../faults';
import type { AcquiredOutcome, Position, Session } from '../model';
import type { SimContext } from '../context';
import type { RequestOf } from '../requests';

type OutcomeRequest = RequestOf<'sendPaymentOutcome' | 'sendPaymentOutcomeV2'>;

export function sendPaymentOutcome(ctx: SimContext, r: OutcomeRequest): string {
  const sessions = r.paymentTokens.map((token) => {
    const s = ctx.state.session(token);
    // A token is only known to the channel that activated it.
    if (!s || s.idPSP !== r.caller.idPSP || s.idChannel !== r.caller.idChannel) {
      throw new NodeFault(nodeFault('PPT_TOKEN_SCONOSCIUTO', `token unknown: ${token}`));
    }
    return s;
  });
  if (sessions.length > 1) {
    for (const s of sessions) receive(ctx, s, r, 'PPT_SEMANTICA');
    throw new NodeFault(nodeFault('PPT_SEMANTICA', 'Outcome non accettabile per token multipli attivati presso il PSP'));
  }
  const session = sessions[0] as Session;
  if (r.outcome === 'OK' && !r.details) refuse(ctx, session, r, 'PPT_SEMANTICA', 'details obbligatorio per outcome OK');
  if (session.acquired) {
    const verdict = session.acquired.outcome === r.outcome ? 'Esito concorde' : 'Esito discorde';
    refuse(ctx, session, r, 'PPT_ESITO_GIA_ACQUISITO', `${verdict}: ${firstOutcomeJson(session)}`);
  }
  const position = ctx.state.position(session.fiscalCode, session.noticeNumber) as Position;
  const now = ctx.clock.now();
  const late = now >= session.expiresAt;
  if (late && r.outcome === 'KO') refuse(ctx, session, r, 'PPT_TOKEN_SCADUTO_KO', 'paymentToken scaduto: esito KO non acquisito');
  if (r.outcome === 'OK' && position.status === 'paid') {
    refuse(ctx, session, r, 'PPT_PAGAMENTO_DUPLICATO', `L'avviso ${position.noticeNumber} è stato pagato con un altro token`);
  }
  session.acquired = acquired(r, now, late);
  if (r.outcome === 'OK') {
    position.status = 'paid';
    position.paid = { paymentToken: session.paymentToken, at: now, late };
    ctx.state.putPosition(position);
  }
  if (late) {
    refuse(ctx, session, r, 'PPT_TOKEN_SCADUTO', 'paymentToken scaduto: esito OK acquisito in ritardo, pagamento chiuso');
  }
  receive(ctx, session, r, 'OK');
  return '';
}

function refuse(ctx: SimContext, s: Session, r: OutcomeRequest, code: NodeFaultCode, description: string): never {
  receive(ctx, s, r, code);
  throw new NodeFault(nodeFault(code, description));
}

function receive(ctx: SimContext, s: Session, r: OutcomeRequest, answer: string): void {
  s.received.push({
    at: ctx.clock.now(),
    operation: r.op,
    outcome: r.outcome,
    ...(r.idempotencyKey !== undefined ? { idempotencyKey: r.idempotencyKey } : {}),
    ...(r.details ? { feeCents: r.details.feeCents, applicationDate: r.details.applicationDate } : {}),
    answer,
  });
  ctx.state.putSession(s);
}

function acquired(r: OutcomeRequest, at: number, late: boolean): AcquiredOutcome {
  const d = r.details;
  return {
    outcome: r.outcome,
    at,
    late,
    operation: r.op,
    ...(d
      ? {
          paymentMethod: d.paymentMethod,
          ...(d.paymentChannel !== undefined ? { paymentChannel: d.paymentChannel } : {}),
          feeCents: d.feeCents,
          applicationDate: d.applicationDate,
          transferDate: d.transferDate,
        }
      : {}),
  };
}

/** The first outcome as the node reports it in PPT_ESITO_GIA_ACQUISITO (keys in alphabetical order). */
function firstOutcomeJson(s: Session): string {
  const a = s.acquired as AcquiredOutcome;
  return JSON.stringify({
    applicationDate: a.applicationDate ?? null,
    fee: a.feeCents === undefined ? null : centsToAmount(a.feeCents),
    outcome: a.outcome,
    paymentMethod: a.paymentMethod ?? null,
    paymentToken: s.paymentToken,
    transferDate: a.transferDate ?? null,
  });
}
