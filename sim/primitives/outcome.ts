/**
 * sendPaymentOutcome (v1) and sendPaymentOutcomeV2: the PSP says how a session ended. OK closes
 * the position (PAID), KO releases it. Expiry follows the node (official scenarios in sim/README.md):
 *
 * - until the cancel job releases an expired token, its outcome is taken as if in time (OK or KO
 *   answered OK: retry_PaNew_01, retry_PaNew_03);
 * - once released, a token whose notice another token now holds or has paid gets
 *   PPT_PAGAMENTO_DUPLICATO whatever its outcome, and nothing changes (retry_PaNew_05/06/07/09);
 * - otherwise a released token's KO changes nothing (PPT_TOKEN_SCADUTO_KO: retry_PaNew_04), and its
 *   OK is refused with PPT_TOKEN_SCADUTO but still settled with the creditor (the node's late-outcome
 *   retry: retry_PaNew_02, retry_PaNew_08).
 *
 * KO answers that change state (the late OK) are thrown after the state is written: the
 * dispatcher catches NodeFault inside the transaction, so those writes are kept.
 */
import { centsToAmount } from '../../kernel/money';
import { nodeFault, NodeFault, type NodeFaultCode } from '../faults';
import type { AcquiredOutcome, Position, Session } from '../model';
import type { SimContext } from '../context';
import type { RequestOf } from '../requests';
import { holdingSession } from './common';

type OutcomeRequest = RequestOf<'sendPaymentOutcome' | 'sendPaymentOutcomeV2'>;

export function sendPaymentOutcome(ctx: SimContext, r: OutcomeRequest): string {
  const sessions = r.paymentTokens.map((token) => {
    const s = ctx.state.session(token);
    // A token is only known to the channel that activated it.
    if (!s || s.idPSP !== r.caller.idPSP || s.idChannel !== r.caller.idChannel) {
      throw new NodeFault(nodeFault('PPT_TOKEN_SCONOSCIUTO', 'token unknown'));
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
  if (session.activationPending) refuse(ctx, session, r, 'PPT_SEMANTICA', 'Outcome non accettabile per stato pagamento');
  const position = ctx.state.position(session.fiscalCode, session.noticeNumber) as Position;
  if (r.outcome === 'OK' && !stampsMatch(position, session, r)) refuse(ctx, session, r, 'PPT_SEMANTICA', 'Check marca da bollo');
  const now = ctx.clock.now();
  const expired = now >= session.expiresAt;
  const released = expired && ctx.cancelJob.released(session, now);
  const holder = holdingSession(ctx, position);
  const closedByOther = position.status === 'paid' && position.paid?.paymentToken !== session.paymentToken;
  if (closedByOther || (holder !== undefined && holder.paymentToken !== session.paymentToken)) {
    refuse(
      ctx,
      session,
      r,
      'PPT_PAGAMENTO_DUPLICATO',
      `L'avviso ${position.noticeNumber} è stato pagato o è in pagamento con un altro token`,
    );
  }
  if (released && r.outcome === 'KO') refuse(ctx, session, r, 'PPT_TOKEN_SCADUTO_KO', 'paymentToken scaduto: esito KO non acquisito');
  session.acquired = acquired(r, now, released, expired && !released);
  if (r.outcome === 'OK') {
    position.status = 'paid';
    position.paid = { paymentToken: session.paymentToken, at: now, late: released };
    ctx.state.putPosition(position);
  }
  if (released) {
    refuse(ctx, session, r, 'PPT_TOKEN_SCADUTO', 'paymentToken scaduto: esito OK acquisito in ritardo, pagamento chiuso');
  }
  receive(ctx, session, r, 'OK');
  return '';
}

/**
 * @e.bollo: an OK must carry exactly one stamp document for each transfer that asked for one, each
 * naming this token (sendPaymentOutcomeV2_MBD); a stamp for a transfer that asked for none, or a
 * missing one, is refused. The stamp document's own content is not checked (choice).
 */
function stampsMatch(p: Position, s: Session, r: OutcomeRequest): boolean {
  const wanted = p.transfers.filter((t) => t.marcaDaBollo !== undefined).map((t) => t.idTransfer);
  const given = r.details?.marcheDaBollo ?? [];
  if (wanted.length === 0 && given.length === 0) return true;
  if (given.some((m) => m.paymentToken !== s.paymentToken)) return false;
  const ids = given.map((m) => m.idTransfer).sort((a, b) => a - b);
  return JSON.stringify(ids) === JSON.stringify([...wanted].sort((a, b) => a - b));
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

function acquired(r: OutcomeRequest, at: number, late: boolean, afterExpiry: boolean): AcquiredOutcome {
  const d = r.details;
  return {
    outcome: r.outcome,
    at,
    late,
    ...(afterExpiry ? { afterExpiry } : {}),
    operation: r.op,
    ...(d
      ? {
          paymentMethod: d.paymentMethod,
          ...(d.paymentChannel !== undefined ? { paymentChannel: d.paymentChannel } : {}),
          feeCents: d.feeCents,
          fee: d.fee,
          ...(d.payerEntityUniqueIdentifierValue !== undefined
            ? { payerEntityUniqueIdentifierValue: d.payerEntityUniqueIdentifierValue }
            : {}),
          applicationDate: d.applicationDate,
          transferDate: d.transferDate,
        }
      : {}),
  };
}

/**
 * The first outcome as the node reports it in PPT_ESITO_GIA_ACQUISITO: keys in alphabetical order,
 * the fee as a JSON number written as the PSP wrote it, the payer's identifier; a field the first
 * outcome did not carry (a KO without details) is left out (choice: the suite only shows full OKs).
 */
function firstOutcomeJson(s: Session): string {
  const a = s.acquired as AcquiredOutcome;
  const fields: Array<[string, string | undefined]> = [
    ['applicationDate', a.applicationDate === undefined ? undefined : JSON.stringify(a.applicationDate)],
    ['fee', a.fee ?? (a.feeCents === undefined ? undefined : centsToAmount(a.feeCents))],
    ['outcome', JSON.stringify(a.outcome)],
    [
      'payerEntityUniqueIdentifierValue',
      a.payerEntityUniqueIdentifierValue === undefined ? undefined : JSON.stringify(a.payerEntityUniqueIdentifierValue),
    ],
    ['paymentChannel', a.paymentChannel === undefined ? undefined : JSON.stringify(a.paymentChannel)],
    ['paymentMethod', a.paymentMethod === undefined ? undefined : JSON.stringify(a.paymentMethod)],
    ['paymentToken', JSON.stringify(s.paymentToken)],
    ['transferDate', a.transferDate === undefined ? undefined : JSON.stringify(a.transferDate)],
  ];
  return `{${fields
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([k, v]) => `${JSON.stringify(k)}:${v}`)
    .join(',')}}`;
}
