/**
 * What one sendPaymentOutcomeV2 attempt's result means: what to record for the attempt, where the
 * outbox message goes next, and what the session learns. Pure: the outbox worker performs it.
 *
 * Invariant 2 of ARCHITECTURE.md, with the SANP's resend discipline: no response -> resend with the
 * SAME key (that is what the key is for); an answered fault -> resend (with a NEW key) only when the
 * fault is transient; a configuration refusal -> parked until the configuration changes (the node
 * answers those before it changes anything); accepted or a final fault -> never sent again. Resends
 * are bounded: after MAX_ATTEMPTS the message is `stalled` (one probe at a time), never dropped.
 */
import { NodeFault, NodeBadResponse, NodeHttpError, NodeNoResponse, NodeUnreachable } from '../node';
import type { AttemptAnswer, NextStep, OutboxMessage } from '../../db';
import { nextAttempt } from './schedule';
import type { AttemptFailure } from './schedule';
import type { FaultInfo, SessionEvent } from './types';

export interface DeliveryVerdict {
  answer: AttemptAnswer;
  next: NextStep;
  /** The session event, when the node settled the outcome one way or the other. */
  event: SessionEvent | null;
  /** Journal kind for what deserves a line of its own (late acceptance, refund case, stall, parking). */
  notable: 'late-outcome' | 'refund-required' | 'outcome-discordant' | 'outcome-unsettled' | 'stalled' | 'parked' | 'ko-refused' | null;
  /** The node answered something (even a fault): it is reachable. */
  nodeAnswered: boolean;
}

export interface DeliveryContext {
  message: OutboxMessage;
  /** Counted attempts (those that may have reached the node) including this one. */
  countedAttempts: number;
  /** Consecutive unsent attempts including this one, when it was unsent. */
  unsentStreak: number;
  nowMs: number;
  noticeId: number;
  /** The retry slot: the outcome's timeout (15 s by SANP); tests shorten it. */
  slotMs?: number;
}

/**
 * Outcome faults answered before the node changes anything, that a change on our side can cure:
 * our channel's configuration, or a token the node does not know under it (another idPSP/channel
 * gets PPT_TOKEN_SCONOSCIUTO in the node's own suite). Parked, not decided.
 */
export function parksOutcome(e: NodeFault): boolean {
  return e.classification.action === 'configuration' || e.faultCode === 'PPT_TOKEN_SCONOSCIUTO';
}

const info = (e: { code: string; message: string }, faultCode?: string, messageKey?: string): FaultInfo => ({
  code: e.code,
  message: e.message,
  ...(faultCode ? { faultCode } : {}),
  ...(messageKey ? { messageKey } : {}),
});

function retry(ctx: DeliveryContext, failure: AttemptFailure): { next: NextStep; stalled: boolean } {
  const d = nextAttempt({
    attempts: ctx.countedAttempts,
    unsentStreak: ctx.unsentStreak,
    failure,
    nowMs: ctx.nowMs,
    deadlineMs: ctx.message.deadlineMs,
    ...(ctx.slotMs ? { slotMs: ctx.slotMs } : {}),
  });
  if (d.kind === 'stalled') return { next: { state: 'stalled' }, stalled: true };
  return { next: { state: 'pending', nextAttemptAtMs: d.atMs }, stalled: false };
}

export function judgeDelivery(ctx: DeliveryContext, result: { ok: true } | { ok: false; error: unknown }): DeliveryVerdict {
  const noticeId = ctx.noticeId;
  const isOk = ctx.message.outcome === 'OK';
  const accepted = (answer: AttemptAnswer, late = false, notable: DeliveryVerdict['notable'] = null): DeliveryVerdict => ({
    answer,
    next: { state: 'accepted' },
    event: { type: 'outcome-accepted', noticeId, late },
    notable,
    nodeAnswered: true,
  });
  if (result.ok) return accepted({ result: 'accepted' });
  const e = result.error;
  if (e instanceof NodeFault) {
    const c = e.classification;
    const answer: AttemptAnswer = { result: 'fault', faultCode: e.faultCode, detail: e.description ?? e.faultString };
    const fault = info(e, e.faultCode, c.messageKey);
    if (parksOutcome(e)) return { answer, next: { state: 'parked' }, event: null, notable: 'parked', nodeAnswered: true };
    switch (c.action) {
      case 'outcome-accepted':
        return accepted(answer);
      case 'outcome-late-accepted':
        // PPT_TOKEN_SCADUTO on an OK: the node takes it late and settles with the creditor itself.
        return accepted(answer, isOk, isOk ? 'late-outcome' : null);
      case 'refund-customer':
        // On a KO it only means another payment closed the notice: nothing of ours to refund.
        if (!isOk) return accepted(answer);
        return {
          answer,
          next: { state: 'failed-final' },
          event: { type: 'outcome-refund-required', noticeId, error: fault },
          notable: 'refund-required',
          nodeAnswered: true,
        };
      case 'outcome-discordant':
        return {
          answer,
          next: { state: 'needs-decision' },
          event: { type: 'outcome-needs-decision', noticeId, error: fault },
          notable: 'outcome-discordant',
          nodeAnswered: true,
        };
      default:
        if (c.retryable) {
          // Transient (the node's own error, the payment "state" not ready yet): the key is spent, a new one next time.
          const r = retry(ctx, 'retryable-fault');
          return { answer, next: r.next, event: null, notable: r.stalled ? 'stalled' : null, nodeAnswered: true };
        }
        // A KO refused for good changes nothing for money: no customer paid, and the node lets the token lapse.
        if (!isOk) return { ...accepted(answer, false, 'ko-refused'), next: { state: 'failed-final' } };
        // A final fault on an OK that sportello cannot settle alone: a person decides, and the decision is final.
        return {
          answer,
          next: { state: 'needs-decision' },
          event: { type: 'outcome-needs-decision', noticeId, error: fault },
          notable: 'outcome-unsettled',
          nodeAnswered: true,
        };
    }
  }
  let answer: AttemptAnswer;
  let failure: AttemptFailure;
  let nodeAnswered = false;
  if (e instanceof NodeUnreachable) {
    answer = { result: 'unreachable', detail: e.message };
    failure = 'unsent';
  } else if (e instanceof NodeHttpError) {
    answer = { result: 'http-error', httpStatus: e.status, detail: e.message };
    failure = 'no-response';
    nodeAnswered = e.status < 500;
  } else if (e instanceof NodeBadResponse) {
    answer = { result: 'bad-response', detail: e.message };
    failure = 'no-response';
  } else if (e instanceof NodeNoResponse) {
    answer = { result: 'no-response', detail: e.message };
    failure = 'no-response';
  } else {
    // Anything unexpected is treated as "maybe sent": resending with the same key is always safe.
    answer = { result: 'no-response', detail: e instanceof Error ? e.message : String(e) };
    failure = 'no-response';
  }
  const r = retry(ctx, failure);
  return { answer, next: r.next, event: null, notable: r.stalled ? 'stalled' : null, nodeAnswered };
}
