/**
 * Idempotency keys of activatePaymentNotice(V2) and sendPaymentOutcome(V2), scoped to the PSP.
 * Same key and same parameters: the first response, verbatim, without side effects (KO answers
 * included). Same key, other parameters (or another operation): PPT_ERRORE_IDEMPOTENZA.
 * A key lapses when its validity ends and, for an activation, once that token's outcome is taken;
 * a lapsed key is simply new again. An activation's key is valid min(key validity, token validity)
 * (IDMP_ACT_1_1..1_6): once the token expires the same request is new, and finds the notice still
 * held by that token until the cancel job releases it (PPT_PAGAMENTO_IN_CORSO: IDMP_ACT_19).
 */
import type { IdempotencyRecord } from './model';
import type { Operation } from './operations';
import type { SimContext } from './context';

export const IDEMPOTENT_OPERATIONS: ReadonlySet<Operation> = new Set([
  'activatePaymentNotice',
  'activatePaymentNoticeV2',
  'sendPaymentOutcome',
  'sendPaymentOutcomeV2',
]);

export type IdempotencyVerdict =
  { kind: 'new' } | { kind: 'replay'; record: IdempotencyRecord } | { kind: 'mismatch'; record: IdempotencyRecord };

export function checkIdempotency(ctx: SimContext, idPSP: string, key: string, op: Operation, fingerprint: string): IdempotencyVerdict {
  const record = ctx.state.idempotency(idPSP, key);
  if (!record || !inForce(ctx, record)) return { kind: 'new' };
  return record.operation === op && record.fingerprint === fingerprint ? { kind: 'replay', record } : { kind: 'mismatch', record };
}

function inForce(ctx: SimContext, r: IdempotencyRecord): boolean {
  if (ctx.clock.now() >= r.validUntil) return false;
  if (r.paymentToken !== undefined && ctx.state.session(r.paymentToken)?.acquired) return false;
  return true;
}

export interface Answered {
  idPSP: string;
  key: string;
  operation: Operation;
  fingerprint: string;
  response: string;
  outcome: 'OK' | 'KO';
  faultCode?: string;
  paymentToken?: string;
}

export function rememberIdempotency(ctx: SimContext, a: Answered): void {
  const now = ctx.clock.now();
  const activation = a.operation === 'activatePaymentNotice' || a.operation === 'activatePaymentNoticeV2';
  const session = a.paymentToken !== undefined ? ctx.state.session(a.paymentToken) : undefined;
  // An activation's key cannot outlive its token; one that produced no token lasts as long as a
  // token with the node's default validity could have.
  const keyLife = now + ctx.config.idempotencyMs;
  const validUntil = session ? Math.min(keyLife, session.expiresAt) : activation ? Math.min(keyLife, now + ctx.config.tokenMs) : keyLife;
  ctx.state.putIdempotency({
    idPSP: a.idPSP,
    key: a.key,
    operation: a.operation,
    fingerprint: a.fingerprint,
    response: a.response,
    outcome: a.outcome,
    ...(a.faultCode !== undefined ? { faultCode: a.faultCode } : {}),
    createdAt: now,
    validUntil,
    ...(a.paymentToken !== undefined ? { paymentToken: a.paymentToken } : {}),
  });
}
