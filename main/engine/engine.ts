/**
 * The payment engine: runs the session state machine against the database and the node.
 *
 * Every event is applied in ONE SQLite transaction: load the session, transition, save what changed,
 * journal it, and perform the effects that must be atomic with it (the tender with its OK outcomes,
 * KO outcomes). Network effects (verify, activate) run after the commit; their answers come back as
 * new events. After a crash, `recover()` derives what is still owed from the persisted state.
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { SportelloError } from '../errors';
import { NodeFault, NodeUnreachable } from '../node';
import type { NodeClient } from '../node';
import type { SessionKind, SportelloDatabase, Json } from '../../db';
import { newSession, transition } from './session';
import { createSession, loadSession, saveSession } from './store';
import { buildTender } from './fees';
import type { FeeRule } from './fees';
import { outcomeDetails } from './outcome-details';
import { crashPoint } from './crash-points';
import type { FaultInfo, NoticeRef, SessionEffect, SessionEvent, SessionState, TenderMethod } from './types';

export interface EngineSettings {
  terminalId: string;
  terminalKind: 'counter' | 'kiosk';
  tokenDurationMs: number;
  fees: FeeRule;
  isPoste: boolean;
  /** Refuses new payments while the wall clock is implausible (clock-guard.ts); absent: never refuses. */
  clockGuard?: { assertPlausible(): void };
}

export class SessionNotFound extends SportelloError {
  constructor(id: string) {
    super('SESSION_NOT_FOUND', `no payment session ${id}`, { details: { sessionId: id } });
  }
}
export class EventRefused extends SportelloError {
  constructor(code: string, message: string, sessionId: string) {
    super(code, message, { details: { sessionId } });
  }
}

export interface EngineEvents {
  session: [SessionState];
  'print-certificate': [string];
  'notify-operator': [{ sessionId: string; reason: string }];
  'outbox-changed': [];
}

/** How a failed call becomes what the session (and the operator) is told. */
export function faultInfo(e: unknown): FaultInfo {
  if (e instanceof NodeFault) return { code: e.code, message: e.message, faultCode: e.faultCode, messageKey: e.classification.messageKey };
  if (e instanceof SportelloError) return { code: e.code, message: e.message };
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

export class PaymentEngine extends EventEmitter<EngineEvents> {
  constructor(
    readonly db: SportelloDatabase,
    readonly node: NodeClient,
    readonly settings: EngineSettings,
    /** Engine time (epoch ms, advancing monotonically within a run): also the database's clock. */
    readonly now: () => number,
  ) {
    super();
  }

  /** `shiftId`: the counter shift whose drawer takes the money (its tender rows count in the X/Z reports). */
  startSession(kind: SessionKind, operatorId: string | null = null, shiftId: string | null = null): SessionState {
    this.settings.clockGuard?.assertPlausible();
    const s = newSession(randomUUID());
    this.db.transaction(() => {
      createSession(this.db, s, kind, this.settings.terminalId, operatorId, shiftId);
      this.db.journal.append('session-started', { kind, operatorId, shiftId }, s.id);
    });
    crashPoint('session-created');
    return s;
  }

  get(sessionId: string): SessionState {
    const l = loadSession(this.db, sessionId);
    if (!l) throw new SessionNotFound(sessionId);
    return l.state;
  }

  /**
   * Applies one event inside the caller's transaction (or its own): returns the new state and the
   * effects that happen after the commit. Transactional effects are performed here.
   */
  applyInTransaction(sessionId: string, event: SessionEvent): { state: SessionState; after: SessionEffect[] } {
    return this.db.transaction(() => {
      const loaded = loadSession(this.db, sessionId);
      if (!loaded) throw new SessionNotFound(sessionId);
      const r = transition(loaded.state, event);
      if (!r.ok) throw new EventRefused(r.code, r.message, sessionId);
      saveSession(this.db, loaded, r.state);
      this.db.journal.append(event.type, journalPayload(event, r.state), sessionId);
      const after: SessionEffect[] = [];
      for (const effect of r.effects) {
        if (effect.kind === 'commit-tender') this.commitTender(r.state, effect.noticeIds);
        else if (effect.kind === 'queue-ko') this.queueKo(r.state, effect.noticeIds);
        else after.push(effect);
      }
      return { state: r.state, after };
    });
  }

  /** Applies an event and performs its network effects; resolves when they have been answered. */
  async apply(sessionId: string, event: SessionEvent): Promise<SessionState> {
    const { state, after } = this.applyInTransaction(sessionId, event);
    crashPoint(event.type === 'tender-submitted' ? 'tender-committed' : 'event-committed');
    this.emit('session', state);
    if (event.type === 'tender-submitted' || event.type === 'cancel-requested' || event.type === 'token-expired' || event.type === 'abandoned') {
      this.emit('outbox-changed');
    }
    await this.performEffects(sessionId, after);
    return this.get(sessionId);
  }

  /** The effects that follow a committed event (network calls, printing, telling the operator). */
  performEffects(sessionId: string, effects: SessionEffect[]): Promise<void> {
    return Promise.all(effects.map((effect) => this.perform(sessionId, effect))).then(() => undefined);
  }

  addNotice(sessionId: string, ref: NoticeRef): Promise<SessionState> {
    return this.apply(sessionId, { type: 'notice-added', ref });
  }

  activate(sessionId: string): Promise<SessionState> {
    return this.apply(sessionId, { type: 'activate-requested' });
  }

  /** The amounts owed now, the fee and the total: shown before the customer pays. */
  quote(sessionId: string, method: TenderMethod, givenCents: number | null = null) {
    const s = this.get(sessionId);
    const amounts = s.notices.filter((n) => n.phase === 'activated').map((n) => n.activation!.totalAmountCents);
    return buildTender(method, amounts, this.settings.fees, givenCents);
  }

  tender(sessionId: string, method: TenderMethod, givenCents: number | null = null): Promise<SessionState> {
    return this.apply(sessionId, { type: 'tender-submitted', tender: this.quote(sessionId, method, givenCents) });
  }

  cancel(sessionId: string): Promise<SessionState> {
    return this.apply(sessionId, { type: 'cancel-requested' });
  }

  private async perform(sessionId: string, effect: SessionEffect): Promise<void> {
    switch (effect.kind) {
      case 'verify':
        return this.verify(sessionId, effect.noticeId);
      case 'activate':
        return this.activateNotice(sessionId, effect.noticeId);
      case 'print-certificate':
        this.emit('print-certificate', sessionId);
        return;
      case 'notify-operator':
        this.emit('notify-operator', { sessionId, reason: effect.reason });
        return;
      case 'commit-tender':
      case 'queue-ko':
        return; // performed inside the transaction
    }
  }

  private async verify(sessionId: string, noticeId: number): Promise<void> {
    const n = this.get(sessionId).notices.find((x) => x.id === noticeId);
    if (!n) return;
    let event: SessionEvent;
    try {
      if (this.settings.isPoste && n.ref.postalAccount) {
        const r = await this.node.verificaBollettino({ ccPost: n.ref.postalAccount, noticeNumber: n.ref.noticeNumber });
        const opt = r.paymentBollettinoList[0]!;
        event = { type: 'verify-succeeded', noticeId, verification: {
          amountCents: opt.amount, description: r.paymentDescription ?? '', companyName: r.companyName ?? '', officeName: r.officeName ?? null,
          dueDate: opt.dueDate ?? null, standin: r.standin ?? false,
        } };
      } else {
        const r = await this.node.verifyPaymentNotice({ qrCode: { fiscalCode: n.ref.fiscalCode, noticeNumber: n.ref.noticeNumber } });
        const opt = r.paymentList[0]!;
        event = { type: 'verify-succeeded', noticeId, verification: {
          amountCents: opt.amount, description: r.paymentDescription ?? '', companyName: r.companyName ?? '', officeName: r.officeName ?? null,
          dueDate: opt.dueDate ?? null, standin: r.standin ?? false,
        } };
      }
    } catch (e) {
      event = { type: 'verify-failed', noticeId, error: faultInfo(e) };
    }
    await this.applyQuietly(sessionId, event);
  }

  private async activateNotice(sessionId: string, noticeId: number, reuseKey?: string): Promise<void> {
    const n = this.get(sessionId).notices.find((x) => x.id === noticeId);
    const row = this.db.notices.findByPosition(sessionId, noticeId);
    if (!n || !row || !n.verification) return;
    // Invariant 2: the key is persisted before the request leaves, so a resend after a crash reuses it.
    const key = reuseKey ?? row.activateIdempotencyKey ?? this.node.newIdempotencyKey();
    if (row.activateIdempotencyKey !== key) this.db.notices.recordActivateKey(row.id, key);
    crashPoint('activate-key-persisted');
    const started = this.now();
    let event: SessionEvent;
    try {
      const r = await this.node.activatePaymentNoticeV2({
        idempotencyKey: key,
        qrCode: { fiscalCode: n.ref.fiscalCode, noticeNumber: n.ref.noticeNumber },
        expirationTime: this.settings.tokenDurationMs,
        amount: n.verification.amountCents,
        paymentMethod: 'PO',
        touchPoint: this.settings.terminalKind === 'kiosk' ? 'ATM' : 'PSP',
      });
      event = { type: 'activate-succeeded', noticeId, activation: {
        paymentToken: r.paymentToken,
        // The token's window is counted from when we asked: never later than the node's own.
        expiresAtMs: started + this.settings.tokenDurationMs,
        durationMs: this.settings.tokenDurationMs,
        creditorReferenceId: r.creditorReferenceId ?? n.ref.noticeNumber.slice(1),
        totalAmountCents: r.totalAmount,
        companyName: r.companyName ?? n.verification.companyName,
        description: r.paymentDescription ?? n.verification.description,
        fiscalCodePA: r.fiscalCodePA ?? n.ref.fiscalCode,
      } };
    } catch (e) {
      const info = faultInfo(e);
      // No answer: the node may hold a token we do not know. Keep the key; recover() asks again.
      const unknown = !(e instanceof NodeFault) && !(e instanceof NodeUnreachable);
      event = { type: 'activate-failed', noticeId, error: unknown ? { ...info, code: 'ACTIVATION_UNKNOWN' } : info };
    }
    crashPoint('activate-answered');
    await this.applyQuietly(sessionId, event);
  }

  /** Applies an answer; an answer the session no longer wants (cancelled meanwhile) is journaled only. */
  private async applyQuietly(sessionId: string, event: SessionEvent): Promise<void> {
    try {
      await this.apply(sessionId, event);
    } catch (e) {
      if (!(e instanceof EventRefused)) throw e;
      this.db.journal.append('event-ignored', { event: event.type, reason: e.message }, sessionId);
    }
  }

  private commitTender(s: SessionState, noticeIds: number[]): void {
    const t = s.tender!;
    const owner = this.db.sessions.get(s.id);
    this.db.tenders.record({
      sessionId: s.id, method: t.method, amountCents: t.noticesCents, feeCents: t.feeCents,
      givenCents: t.givenCents, changeCents: t.changeCents, terminalId: this.settings.terminalId,
      operatorId: owner?.operatorId ?? null, shiftId: owner?.shiftId ?? null,
    });
    const held = s.notices.filter((n) => noticeIds.includes(n.id));
    held.forEach((n, i) => {
      this.enqueue(s.id, n.id, n.activation!.paymentToken, 'OK', n.activation!.expiresAtMs,
        outcomeDetails(t, i, held.length, this.settings.terminalKind, this.now()) as unknown as Json);
    });
  }

  private queueKo(s: SessionState, noticeIds: number[]): void {
    for (const n of s.notices.filter((x) => noticeIds.includes(x.id))) {
      this.enqueue(s.id, n.id, n.activation!.paymentToken, 'KO', n.activation!.expiresAtMs, null);
    }
  }

  private enqueue(sessionId: string, noticeId: number, token: string, outcome: 'OK' | 'KO', deadlineMs: number, details: Json): void {
    const row = this.db.notices.findByPosition(sessionId, noticeId)!;
    this.db.outbox.enqueue({ sessionId, noticeId: row.id, paymentToken: token, outcome, details, deadlineMs });
  }

  /**
   * At startup, before anything else: attempts cut by a crash are due again with their key; sessions
   * caught mid-activation ask the node again with the same key; activated sessions never tendered are
   * abandoned (a KO on an unattended kiosk, an operator decision at a counter).
   */
  async recover(): Promise<{ requeued: number; reactivated: number; abandoned: number }> {
    const requeued = this.db.outbox.requeueInterrupted();
    let reactivated = 0;
    let abandoned = 0;
    for (const rec of this.db.sessions.listByState(['activating'])) {
      for (const n of this.get(rec.id).notices.filter((x) => x.phase === 'activating')) {
        const row = this.db.notices.findByPosition(rec.id, n.id);
        reactivated++;
        if (row?.activateIdempotencyKey) await this.activateNotice(rec.id, n.id, row.activateIdempotencyKey);
        else await this.applyQuietly(rec.id, { type: 'activate-failed', noticeId: n.id, error: { code: 'NODE_UNREACHABLE', message: 'stopped before the activation was sent' } });
      }
    }
    // A cart cut by a crash holds no token: close it so no session is left without a decision.
    for (const rec of this.db.sessions.listByState(['cart'])) {
      await this.applyQuietly(rec.id, { type: 'abandoned', unattended: true });
    }
    for (const rec of this.db.sessions.listByState(['activated'])) {
      abandoned++;
      await this.applyQuietly(rec.id, { type: 'abandoned', unattended: this.settings.terminalKind === 'kiosk' || rec.kind === 'cli' });
    }
    await this.recoverUnknownActivations();
    return { requeued, reactivated, abandoned };
  }

  /**
   * Activations that never got an answer may have opened a session at the node. Asking again with the
   * same key returns the original answer; a token found that way is closed with a KO (invariant 3).
   */
  async recoverUnknownActivations(): Promise<number> {
    let closed = 0;
    for (const rec of this.db.sessions.listByState(['activated', 'activation-refused', 'outcome-pending', 'completed', 'certified', 'cancelling', 'cancelled', 'token-expired'])) {
      for (const row of this.db.notices.listBySession(rec.id)) {
        const err = row.lastError as { code?: string } | null;
        if (row.phase !== 'activation-refused' || err?.code !== 'ACTIVATION_UNKNOWN' || !row.activateIdempotencyKey || row.activation) continue;
        const n = this.get(rec.id).notices.find((x) => x.id === row.position);
        if (!n?.verification) continue;
        try {
          const r = await this.node.activatePaymentNoticeV2({
            idempotencyKey: row.activateIdempotencyKey,
            qrCode: { fiscalCode: row.fiscalCode, noticeNumber: row.noticeNumber },
            expirationTime: this.settings.tokenDurationMs,
            amount: n.verification.amountCents,
            paymentMethod: 'PO',
            touchPoint: this.settings.terminalKind === 'kiosk' ? 'ATM' : 'PSP',
          });
          const enqueued = this.db.transaction(() => {
            // Another sweep may have closed it while this one waited for the node.
            const fresh = this.db.notices.findByPosition(rec.id, row.position);
            if (!fresh || fresh.activation) return false;
            const deadlineMs = this.now() + this.settings.tokenDurationMs;
            // The notice row holds the token first: the outbox only takes outcomes for tokens its notice holds.
            this.db.notices.recordActivation(row.id, {
              paymentToken: r.paymentToken, expiresAtMs: deadlineMs, durationMs: this.settings.tokenDurationMs,
              creditorReferenceId: r.creditorReferenceId ?? null, totalAmountCents: r.totalAmount, fiscalCodePA: r.fiscalCodePA ?? null,
              companyName: r.companyName ?? null, description: r.paymentDescription ?? null, transfers: null,
              suggestedUserFeeCents: null, suggestedPaFeeCents: null, suggestedIdBundle: null, suggestedIdCiBundle: null,
            });
            this.db.outbox.enqueue({ sessionId: rec.id, noticeId: row.id, paymentToken: r.paymentToken, outcome: 'KO', details: null, deadlineMs });
            this.db.notices.update(row.id, { lastError: { code: 'ACTIVATION_RECOVERED', message: 'token found after a lost answer; closed with KO' } });
            this.db.journal.append('orphan-token-closed', { noticeNumber: row.noticeNumber, paymentToken: r.paymentToken }, rec.id);
            return true;
          });
          if (!enqueued) continue;
          closed++;
          this.emit('outbox-changed');
        } catch (e) {
          if (e instanceof NodeFault) {
            this.db.notices.update(row.id, { lastError: faultInfo(e) as unknown as Json });
          }
          // Still no answer: try again on the next sweep.
        }
      }
    }
    return closed;
  }

  /**
   * An unattended kiosk: a session activated but not paid for longer than `idleMs` (the citizen walked
   * away, or the kiosk page died) is abandoned, and its tokens get their KO now, not at expiry.
   */
  async abandonIdle(idleMs: number): Promise<number> {
    let n = 0;
    for (const rec of this.db.sessions.listByState(['activated', 'cart'])) {
      if (Date.parse(rec.updatedAt) + idleMs > this.now()) continue;
      n++;
      await this.applyQuietly(rec.id, { type: 'abandoned', unattended: true });
    }
    return n;
  }

  /** Sessions whose tokens are about to lapse without money taken get their KO now. */
  async expireLapsing(marginMs: number): Promise<number> {
    let n = 0;
    for (const rec of this.db.sessions.listByState(['activated', 'needs-decision'])) {
      const s = this.get(rec.id);
      if (s.tender) continue;
      const lapsing = s.notices.find((x) => x.phase === 'activated' && x.activation!.expiresAtMs - marginMs <= this.now());
      if (lapsing) {
        n++;
        await this.applyQuietly(rec.id, { type: 'token-expired', noticeId: lapsing.id });
      }
    }
    return n;
  }
}

function journalPayload(event: SessionEvent, state: SessionState): Json {
  const base: Record<string, Json> = { status: state.status };
  switch (event.type) {
    case 'notice-added':
      return { ...base, noticeNumber: event.ref.noticeNumber, fiscalCode: event.ref.fiscalCode, source: event.ref.source };
    case 'activate-succeeded':
      return { ...base, noticeId: event.noticeId, paymentToken: event.activation.paymentToken, amountCents: event.activation.totalAmountCents };
    case 'tender-submitted':
      return { ...base, ...(event.tender as unknown as Record<string, Json>) };
    case 'verify-failed':
    case 'activate-failed':
    case 'outcome-refund-required':
    case 'outcome-needs-decision':
      return { ...base, noticeId: event.noticeId, error: event.error as unknown as Json };
    default:
      return { ...base, ...('noticeId' in event ? { noticeId: event.noticeId } : {}) };
  }
}
