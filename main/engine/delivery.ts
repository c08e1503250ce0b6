/**
 * What one sendPaymentOutcomeV2 attempt's result means: what to record for the attempt, where the
 * outbox message goes next, and what the session learns. Pure: the outbox worker performs it.
 *
 * Invariant 2 of ARCHITECTURE.md: no response -> resend with the SAME key; a retryable fault -> a
 * NEW key; accepted or a final fault -> never sent again.
 */
import { NodeFault, NodeBadResponse, NodeHttpError, NodeNoResponse, NodeUnreachable } from '../node';
import type { AttemptAnswer, NextStep, OutboxMessage } from '../../db';
import { nextAttempt } from './schedule';
import type { AttemptFailure } from './schedule';
import type { FaultInfo, SessionEvent } from './types';

/** Far in the future: a stalled message waits for the node to answer again, or a manual reset. */
export const STALLED_AT_MS = 8_000_000_000_000_000;

export interface DeliveryVerdict {
  answer: AttemptAnswer;
  next: NextStep;
  /** The session event, when the node settled the outcome one way or the other. */
  event: SessionEvent | null;
  /** Journal kind for what deserves a line of its own (late acceptance, refund case, stall). */
  notable: 'late-outcome' | 'refund-required' | 'outcome-discordant' | 'outcome-unsettled' | 'stalled' | null;
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

const info = (e: { code: string; message: string }, faultCode?: string, messageKey?: string): FaultInfo => ({
  code: e.code, message: e.message, ...(faultCode ? { faultCode } : {}), ...(messageKey ? { messageKey } : {}),
});

function retry(ctx: DeliveryContext, failure: AttemptFailure): { next: NextStep; stalled: boolean } {
  const d = nextAttempt({ attempts: ctx.countedAttempts, unsentStreak: ctx.unsentStreak, failure, nowMs: ctx.nowMs, deadlineMs: ctx.message.deadlineMs, ...(ctx.slotMs ? { slotMs: ctx.slotMs } : {}) });
  if (d.kind === 'stalled') return { next: { state: 'pending', nextAttemptAtMs: STALLED_AT_MS }, stalled: true };
  return { next: { state: 'pending', nextAttemptAtMs: d.atMs }, stalled: false };
}

export function judgeDelivery(ctx: DeliveryContext, result: { ok: true } | { ok: false; error: unknown }): DeliveryVerdict {
  const noticeId = ctx.noticeId;
  const isOk = ctx.message.outcome === 'OK';
  if (result.ok) {
    return { answer: { result: 'accepted' }, next: { state: 'accepted' }, event: { type: 'outcome-accepted', noticeId, late: false }, notable: null, nodeAnswered: true };
  }
  const e = result.error;
  if (e instanceof NodeFault) {
    const c = e.classification;
    const answer: AttemptAnswer = { result: 'fault', faultCode: e.faultCode, detail: e.description ?? e.faultString };
    const fault = info(e, e.faultCode, c.messageKey);
    switch (c.action) {
      case 'outcome-accepted':
        return { answer, next: { state: 'accepted' }, event: { type: 'outcome-accepted', noticeId, late: false }, notable: null, nodeAnswered: true };
      case 'outcome-late-accepted':
        // PPT_TOKEN_SCADUTO on an OK: the node takes it late and settles with the creditor itself.
        return { answer, next: { state: 'accepted' }, event: { type: 'outcome-accepted', noticeId, late: isOk }, notable: isOk ? 'late-outcome' : null, nodeAnswered: true };
      case 'refund-customer':
        // On a KO it only means another payment closed the notice: nothing of ours to refund.
        if (!isOk) return { answer, next: { state: 'accepted' }, event: { type: 'outcome-accepted', noticeId, late: false }, notable: null, nodeAnswered: true };
        return { answer, next: { state: 'failed-final' }, event: { type: 'outcome-refund-required', noticeId, error: fault }, notable: 'refund-required', nodeAnswered: true };
      case 'outcome-discordant':
        return { answer, next: { state: 'needs-decision' }, event: { type: 'outcome-needs-decision', noticeId, error: fault }, notable: 'outcome-discordant', nodeAnswered: true };
      default:
        if (c.retryable) {
          const r = retry(ctx, 'retryable-fault');
          return { answer, next: r.next, event: null, notable: r.stalled ? 'stalled' : null, nodeAnswered: true };
        }
        // A final fault sportello cannot settle alone (unknown token, syntax, configuration...).
        return { answer, next: { state: 'needs-decision' }, event: { type: 'outcome-needs-decision', noticeId, error: fault }, notable: 'outcome-unsettled', nodeAnswered: true };
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
