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
import { SportelloError } from '../../kernel/errors';
import { NodeBadResponse, NodeFault, NodeHttpError, NodeUnreachable } from '../node';
import type { NodeClient } from '../node';
import type { SessionKind, SportelloDatabase, Json } from '../../db';
import { newSession, transition } from './session';
import { createSession, loadSession, saveSession } from './store';
import { buildTender, feeShares, nodeFeeFor } from './fees';
import type { FeeRule } from './fees';
import { outcomeDetails } from './outcome-details';
import { crashPoint } from './crash-points';
import { CARD_HOLD_LAST_RESORT_MS, CARD_JOURNAL_KINDS, cardHoldOpen, cardLedger } from './card-holds';
import { stampDocuments, stampNotSoldHere, stampTransfers } from './stamps';
import type {
  Activation,
  CardKind,
  FaultInfo,
  NoticeRef,
  NoticeState,
  SessionEffect,
  SessionEvent,
  SessionState,
  TenderMethod,
} from './types';
import type { NoticeRecord } from '../../db';
import type { ActivatePaymentNoticeV2Request, PaymentChannel, TouchpointFee } from '../protocol';
import type { WithIdempotencyKey } from '../node';

export interface EngineSettings {
  terminalId: string;
  terminalKind: 'counter' | 'kiosk';
  tokenDurationMs: number;
  fees: FeeRule;
  isPoste: boolean;
  /**
   * How long an activation request may still be processed by the node after it left: the client's
   * activate timeout plus a margin. Nobody asks again with its key before that (a re-ask racing the
   * first request could meet a token the first one opens later).
   */
  activationHorizonMs?: number;
  /**
   * The channel may sell @e.bollo stamps (an e-commerce registration). Default false: counters and
   * kiosks cannot, so a notice asking for one is refused before any money is taken.
   */
  sellsStamps?: boolean;
  /** activateV2's touchPoint; default by terminal kind (kiosk ATM, counter PSP): the PSP's registration decides. */
  touchPoint?: TouchpointFee;
  /** The outcome's paymentChannel; default by terminal kind (kiosk atm, counter frontOffice). */
  paymentChannel?: PaymentChannel;
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
  'outbox-changed': [];
  /** A storage fault while serving (disk full, I/O error), or null when storage works again. */
  'storage-health': [{ code: string; message: string; sinceMs: number } | null];
  /** Something the core did not let fail silently: for the log file and the technician. */
  log: [{ level: 'info' | 'warn' | 'error'; event: string; data: Record<string, unknown> }];
}

/** Asking again an unanswered activation: first after the horizon, then with a doubling wait up to this. */
const MAX_ASK_INTERVAL_MS = 5 * 60_000;
const DEFAULT_HORIZON_MS = 24_000;

/** How a failed call becomes what the session (and the operator) is told. */
export function faultInfo(e: unknown): FaultInfo {
  if (e instanceof NodeFault)
    return {
      code: e.code,
      message: e.message,
      faultCode: e.faultCode,
      messageKey: e.classification.messageKey,
      action: e.classification.action,
    };
  if (e instanceof SportelloError) return { code: e.code, message: e.message };
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

export class PaymentEngine extends EventEmitter<EngineEvents> {
  /** Activated sessions `recover()` left to their open card authorization (see `releaseRecovered`). */
  private readonly heldAtRecovery = new Set<string>();

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
      event = this.unlessTokenHeld(sessionId, event);
      const r = transition(loaded.state, event);
      if (!r.ok) throw new EventRefused(r.code, r.message, sessionId);
      saveSession(this.db, loaded, r.state);
      this.db.journal.append(event.type, journalPayload(event, r.state), sessionId);
      const after: SessionEffect[] = [];
      for (const effect of r.effects) {
        if (effect.kind === 'commit-tender') this.commitTender(r.state, effect.noticeIds);
        else if (effect.kind === 'queue-ko') this.queueKo(r.state, effect.noticeIds);
        else if (effect.kind === 'close-outcomes') this.closeOutcomes(sessionId, effect.noticeIds);
        else after.push(effect);
      }
      return { state: r.state, after };
    });
  }

  /** Applies an event; says whether it queued outcomes (read from the transition's effects). */
  private applyAndTell(sessionId: string, event: SessionEvent): { state: SessionState; after: SessionEffect[]; queued: boolean } {
    let queued = false;
    const r = this.db.transaction(() => {
      const before = this.db.outbox.pending().depth;
      const applied = this.applyInTransaction(sessionId, event);
      queued = this.db.outbox.pending().depth !== before;
      return applied;
    });
    return { ...r, queued };
  }

  /** Applies an event and performs its network effects; resolves when they have been answered. */
  async apply(sessionId: string, event: SessionEvent): Promise<SessionState> {
    const { state, after, queued } = this.applyAndTell(sessionId, event);
    crashPoint(event.type === 'tender-submitted' ? 'tender-committed' : 'event-committed');
    this.emit('session', state);
    if (queued) this.emit('outbox-changed');
    await this.performEffects(sessionId, after);
    return this.get(sessionId);
  }

  /** Reports what must not fail silently (a listener writes it to the log). */
  log(level: 'info' | 'warn' | 'error', event: string, data: Record<string, unknown> = {}): void {
    this.emit('log', { level, event, data });
  }

  /** The effects that follow a committed event (network calls, printing, telling the operator). */
  performEffects(sessionId: string, effects: SessionEffect[]): Promise<void> {
    const activations = effects.flatMap((e) => (e.kind === 'activate' ? [e.noticeId] : []));
    const rest = effects.filter((e) => e.kind !== 'activate');
    return Promise.all([
      ...(activations.length > 0 ? [this.activateAll(sessionId, activations)] : []),
      ...rest.map((effect) => this.perform(sessionId, effect)),
    ]).then(() => undefined);
  }

  /**
   * A token already held by another notice of this terminal is nobody's: the answer naming it is not
   * trustworthy (an activation becomes unknown, to be asked again; a re-ask's finding is ignored).
   * Checked inside the event's transaction, so two answers can never both take one token.
   */
  private unlessTokenHeld(sessionId: string, event: SessionEvent): SessionEvent {
    if (event.type !== 'activate-succeeded' && event.type !== 'activate-refused-token' && event.type !== 'activation-found') return event;
    const holder = this.db.notices.findByPaymentToken(event.activation.paymentToken);
    if (!holder || (holder.sessionId === sessionId && holder.position === event.noticeId)) return event;
    const error = repeatedToken(holder.noticeNumber);
    if (event.type === 'activation-found') throw new EventRefused(error.code, error.message, sessionId);
    return { type: 'activate-unknown', noticeId: event.noticeId, error };
  }

  /**
   * A cart's activations go out together; their answers are applied one by one once all are back.
   * A token named by two answers of the batch is nobody's: both notices become unknown activations,
   * asked again with their own keys (an impostor answer must not win by arriving first).
   */
  private async activateAll(sessionId: string, noticeIds: number[]): Promise<void> {
    const events = (await Promise.all(noticeIds.map((id) => this.askActivation(sessionId, id)))).filter(
      (e): e is ActivationAnswer => e !== null,
    );
    const named = new Map<string, number>();
    for (const e of events) {
      if (e.type === 'activate-succeeded' || e.type === 'activate-refused-token')
        named.set(e.activation.paymentToken, (named.get(e.activation.paymentToken) ?? 0) + 1);
    }
    for (const e of events) {
      const twice =
        (e.type === 'activate-succeeded' || e.type === 'activate-refused-token') && (named.get(e.activation.paymentToken) ?? 0) > 1;
      await this.applyQuietly(sessionId, twice ? { type: 'activate-unknown', noticeId: e.noticeId, error: repeatedToken(null) } : e);
    }
  }

  addNotice(sessionId: string, ref: NoticeRef): Promise<SessionState> {
    return this.apply(sessionId, { type: 'notice-added', ref });
  }

  activate(sessionId: string): Promise<SessionState> {
    return this.apply(sessionId, { type: 'activate-requested' });
  }

  /** The amounts owed now, the fee and the total: shown before the customer pays. */
  /**
   * The fee is the node's (the sum of each notice's suggested bundle fee) when it suggested one for
   * every notice, else the local rule's; the quote carries both so a difference is shown first.
   */
  quote(sessionId: string, method: TenderMethod, givenCents: number | null = null, cardKind?: CardKind) {
    const s = this.get(sessionId);
    const held = s.notices.filter((n) => n.phase === 'activated');
    const amounts = held.map((n) => n.activation!.totalAmountCents);
    const nodeFeeCents = nodeFeeFor(held.map((n) => n.activation!.bundle));
    return buildTender(method, amounts, this.settings.fees, givenCents, { nodeFeeCents, ...(cardKind ? { cardKind } : {}) });
  }

  tender(sessionId: string, method: TenderMethod, givenCents: number | null = null, cardKind?: CardKind): Promise<SessionState> {
    return this.apply(sessionId, { type: 'tender-submitted', tender: this.quote(sessionId, method, givenCents, cardKind) });
  }

  cancel(sessionId: string): Promise<SessionState> {
    // A card the terminal may have charged is settled first (main/services/card): a KO now could
    // leave a citizen charged for a payment the node never gets.
    if (this.cardHeld(sessionId))
      return Promise.reject(
        new EventRefused('CARD_AUTHORIZATION_OPEN', 'a card authorization of this payment is being checked at the terminal', sessionId),
      );
    return this.apply(sessionId, { type: 'cancel-requested' });
  }

  /** An open card authorization holds the session's tokens (card-holds.ts): no KO until the terminal is asked. */
  cardHeld(sessionId: string): boolean {
    const kinds: ReadonlySet<string> = new Set(CARD_JOURNAL_KINDS);
    const entries = this.db.journal.bySession(sessionId).filter((e) => kinds.has(e.kind));
    if (entries.length === 0) return false;
    return cardHoldOpen(cardLedger(entries), this.get(sessionId).tender !== null);
  }

  private async perform(sessionId: string, effect: SessionEffect): Promise<void> {
    switch (effect.kind) {
      case 'verify':
        return this.verify(sessionId, effect.noticeId);
      case 'activate':
        return this.activateAll(sessionId, [effect.noticeId]);
      case 'print-certificate':
        this.emit('print-certificate', sessionId);
        return;
      case 'commit-tender':
      case 'queue-ko':
      case 'close-outcomes':
        return; // performed inside the transaction
    }
  }

  private async verify(sessionId: string, noticeId: number): Promise<void> {
    const n = this.get(sessionId).notices.find((x) => x.id === noticeId);
    if (!n) return;
    let event: SessionEvent;
    try {
      // The postal verify and the QR verify answer the same facts under two list names.
      const postal = this.settings.isPoste && n.ref.postalAccount;
      const r = postal
        ? await this.node.verificaBollettino({ ccPost: n.ref.postalAccount!, noticeNumber: n.ref.noticeNumber })
        : await this.node.verifyPaymentNotice({ qrCode: { fiscalCode: n.ref.fiscalCode, noticeNumber: n.ref.noticeNumber } });
      const opt = 'paymentBollettinoList' in r ? r.paymentBollettinoList[0]! : r.paymentList[0]!;
      event = {
        type: 'verify-succeeded',
        noticeId,
        verification: {
          amountCents: opt.amount,
          description: r.paymentDescription ?? '',
          companyName: r.companyName ?? '',
          officeName: r.officeName ?? null,
          dueDate: opt.dueDate ?? null,
          standin: r.standin ?? false,
        },
      };
    } catch (e) {
      event = { type: 'verify-failed', noticeId, error: faultInfo(e) };
    }
    await this.applyQuietly(sessionId, event);
  }

  /** The one activatePaymentNoticeV2 request for a notice: the first send and every re-ask are identical (same key, same parameters). */
  private activationRequest(
    ref: { fiscalCode: string; noticeNumber: string },
    amountCents: number,
    key: string,
  ): WithIdempotencyKey<ActivatePaymentNoticeV2Request> {
    return {
      idempotencyKey: key,
      qrCode: { fiscalCode: ref.fiscalCode, noticeNumber: ref.noticeNumber },
      expirationTime: this.settings.tokenDurationMs,
      amount: amountCents,
      paymentMethod: 'PO',
      touchPoint: this.settings.touchPoint ?? (this.settings.terminalKind === 'kiosk' ? 'ATM' : 'PSP'),
    };
  }

  /** What a successful activation answer grants, or why it cannot be trusted (a token this terminal already holds). */
  private activationFrom(
    r: Awaited<ReturnType<NodeClient['activatePaymentNoticeV2']>>,
    n: Pick<NoticeState, 'ref' | 'verification'>,
    started: number,
  ): Activation | FaultInfo {
    const holder = this.db.notices.findByPaymentToken(r.paymentToken);
    if (holder) {
      return {
        code: 'ACTIVATION_TOKEN_REPEATED',
        message: `the node answered with a payment token this terminal already holds (notice ${holder.noticeNumber}): not a trustworthy answer`,
      };
    }
    return {
      paymentToken: r.paymentToken,
      // The token's window is counted from when we asked: never later than the node's own.
      expiresAtMs: started + this.settings.tokenDurationMs,
      durationMs: this.settings.tokenDurationMs,
      creditorReferenceId: r.creditorReferenceId ?? n.ref.noticeNumber.slice(1),
      totalAmountCents: r.totalAmount,
      companyName: r.companyName ?? n.verification?.companyName ?? '',
      description: r.paymentDescription ?? n.verification?.description ?? '',
      fiscalCodePA: r.fiscalCodePA ?? n.ref.fiscalCode,
      transfers: r.transferList,
      standin: r.standin ?? false,
      ...(r.suggestedUserFee !== undefined
        ? {
            bundle: {
              userFeeCents: r.suggestedUserFee,
              paFeeCents: r.suggestedPaFee ?? null,
              idBundle: r.suggestedIdBundle ?? null,
              idCiBundle: r.suggestedIdCiBundle ?? null,
            },
          }
        : {}),
    };
  }

  /** An activation this channel may not take (a stamp it may not sell): its token is closed with a KO before any money. */
  private refusedHere(a: Activation): FaultInfo | null {
    if (this.settings.sellsStamps || stampTransfers(a).length === 0) return null;
    return stampNotSoldHere(
      `transfer ${stampTransfers(a)
        .map((t) => t.idTransfer)
        .join(', ')} asks for one`,
    );
  }

  /** The node's own refusal of a stamp notice at a channel without e-commerce, told as the same message. */
  private activationFault(e: unknown): FaultInfo {
    const info = faultInfo(e);
    if (
      !this.settings.sellsStamps &&
      e instanceof NodeFault &&
      e.faultCode === 'PPT_SEMANTICA' &&
      /non attivabile/i.test(e.description ?? '')
    ) {
      return { ...stampNotSoldHere('the node refused the activation (Pagamento non attivabile)'), faultCode: e.faultCode };
    }
    return info;
  }

  /**
   * An answer refused by the codec that still names a valid token (transfers not adding up, a field
   * breaking its type) opened that token at the node: it is closed with a KO, never paid. Its amount
   * is not trusted, so none is recorded (0).
   */
  private refusedToken(e: unknown, n: Pick<NoticeState, 'ref' | 'verification'>, started: number): Activation | null {
    if (!(e instanceof NodeBadResponse)) return null;
    const token = e.details.paymentToken;
    if (typeof token !== 'string' || this.db.notices.findByPaymentToken(token)) return null;
    return {
      paymentToken: token,
      expiresAtMs: started + this.settings.tokenDurationMs,
      durationMs: this.settings.tokenDurationMs,
      creditorReferenceId: n.ref.noticeNumber.slice(1),
      totalAmountCents: 0,
      companyName: n.verification?.companyName ?? '',
      description: n.verification?.description ?? '',
      fiscalCodePA: n.ref.fiscalCode,
    };
  }

  /** Sends one notice's activation (key persisted first) and says what its answer means; applies nothing. */
  private async askActivation(sessionId: string, noticeId: number): Promise<ActivationAnswer | null> {
    const n = this.get(sessionId).notices.find((x) => x.id === noticeId);
    const row = this.db.notices.findByPosition(sessionId, noticeId);
    if (!n || !row || !n.verification) return null;
    // Invariant 2: the key (and when it leaves) is persisted before the request leaves, so a resend after a crash reuses it.
    const key = row.activateIdempotencyKey ?? this.node.newIdempotencyKey();
    const started = this.now();
    this.db.notices.recordActivateKey(row.id, key, started);
    crashPoint('activate-key-persisted');
    let event: ActivationAnswer;
    try {
      const r = await this.node.activatePaymentNoticeV2(this.activationRequest(n.ref, n.verification.amountCents, key));
      const granted = this.activationFrom(r, n, started);
      const refused = 'paymentToken' in granted ? this.refusedHere(granted) : null;
      if (!('paymentToken' in granted)) event = { type: 'activate-unknown', noticeId, error: granted };
      else if (refused) event = { type: 'activate-refused-token', noticeId, activation: granted, error: refused };
      else event = { type: 'activate-succeeded', noticeId, activation: granted };
    } catch (e) {
      const named = this.refusedToken(e, n, started);
      if (named) event = { type: 'activate-refused-token', noticeId, activation: named, error: faultInfo(e) };
      else
        event = activationUnanswered(e)
          ? { type: 'activate-unknown', noticeId, error: { ...faultInfo(e), code: 'ACTIVATION_UNKNOWN' } }
          : { type: 'activate-failed', noticeId, error: this.activationFault(e) };
    }
    crashPoint('activate-answered');
    return event;
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
      sessionId: s.id,
      method: t.method,
      amountCents: t.noticesCents,
      feeCents: t.feeCents,
      givenCents: t.givenCents,
      changeCents: t.changeCents,
      terminalId: this.settings.terminalId,
      operatorId: owner?.operatorId ?? null,
      shiftId: owner?.shiftId ?? null,
    });
    const held = s.notices.filter((n) => noticeIds.includes(n.id));
    // Each notice's fee: its own bundle's when the node's fee was charged; the shares add up to the tender's fee.
    const shares = feeShares(
      t.feeCents,
      held.map((n) => n.activation!.bundle),
    );
    const now = this.now();
    const channel = this.settings.paymentChannel ? { paymentChannel: this.settings.paymentChannel } : this.settings.terminalKind;
    held.forEach((n, i) => {
      const a = n.activation!;
      const facts = {
        feeCents: shares[i]!,
        ...(a.bundle ? { bundle: a.bundle } : {}),
        marcheDaBollo: stampDocuments(a, new Date(now).toISOString()),
      };
      this.enqueue(
        s.id,
        n.id,
        a.paymentToken,
        'OK',
        a.expiresAtMs,
        outcomeDetails(t, i, held.length, channel, now, facts) as unknown as Json,
      );
    });
  }

  private queueKo(s: SessionState, noticeIds: number[]): void {
    for (const n of s.notices.filter((x) => noticeIds.includes(x.id))) {
      this.enqueue(s.id, n.id, n.activation!.paymentToken, 'KO', n.activation!.expiresAtMs, null);
    }
  }

  /** A person decided: the decided notices' unsettled outcome messages become final, never sent again. */
  private closeOutcomes(sessionId: string, noticeIds: number[]): void {
    for (const id of noticeIds) {
      const row = this.db.notices.findByPosition(sessionId, id);
      if (row) this.db.outbox.closeUnsettled(row.id);
    }
  }

  private enqueue(sessionId: string, noticeId: number, token: string, outcome: 'OK' | 'KO', deadlineMs: number, details: Json): void {
    const row = this.db.notices.findByPosition(sessionId, noticeId)!;
    this.db.outbox.enqueue({ sessionId, noticeId: row.id, paymentToken: token, outcome, details, deadlineMs });
  }

  /**
   * At startup, before anything else: attempts cut by a crash are due again with their key; notices
   * caught mid-activation become unknown activations (asked again with their key once the first
   * request cannot still be at the node); carts cut by a crash are closed; activated sessions never
   * tendered are abandoned (a KO on an unattended kiosk, an operator decision at a counter).
   * One session's trouble never stops the others' recovery, nor the outbox from starting.
   */
  async recover(): Promise<{ requeued: number; reactivated: number; abandoned: number }> {
    const requeued = this.db.outbox.requeueInterrupted();
    let reactivated = 0;
    let abandoned = 0;
    for (const rec of this.db.sessions.listByState(['activating'])) {
      await this.isolated('recover-activating', rec.id, async () => {
        for (const n of this.get(rec.id).notices.filter((x) => x.phase === 'activating')) {
          const row = this.db.notices.findByPosition(rec.id, n.id);
          reactivated++;
          const event: SessionEvent = row?.activateIdempotencyKey
            ? {
                type: 'activate-unknown',
                noticeId: n.id,
                error: { code: 'ACTIVATION_UNKNOWN', message: 'sportello stopped before the activation was answered' },
              }
            : {
                type: 'activate-failed',
                noticeId: n.id,
                error: { code: 'NODE_UNREACHABLE', message: 'stopped before the activation was sent' },
              };
          await this.applyQuietly(rec.id, event);
        }
      });
    }
    // A cart cut by a crash holds no token: close it so no session is left without a decision.
    for (const rec of this.db.sessions.listByState(['cart'])) {
      await this.isolated('recover-cart', rec.id, () => this.applyQuietly(rec.id, { type: 'abandoned', unattended: true }));
    }
    for (const rec of this.db.sessions.listByState(['activated'])) {
      // A card that may have been charged is asked about first (main/services/card), never abandoned
      // blind: `releaseRecovered` finishes this step once the card is settled.
      if (this.cardHeld(rec.id)) {
        this.heldAtRecovery.add(rec.id);
        continue;
      }
      abandoned++;
      await this.isolated('recover-activated', rec.id, () =>
        this.applyQuietly(rec.id, { type: 'abandoned', unattended: this.settings.terminalKind === 'kiosk' || rec.kind === 'cli' }),
      );
    }
    await this.resolveUnknownActivations();
    return { requeued, reactivated, abandoned };
  }

  /**
   * A session recovery left to its open card authorization gets recovery's step once the card is
   * settled: still activated without a tender (nothing charged, or the charge reversed) → abandoned
   * like the others. No-op for any other session (a citizen may retry a declined card).
   */
  async releaseRecovered(sessionId: string): Promise<void> {
    if (!this.heldAtRecovery.has(sessionId) || this.cardHeld(sessionId)) return;
    this.heldAtRecovery.delete(sessionId);
    const rec = this.db.sessions.get(sessionId);
    if (!rec || this.get(sessionId).status !== 'activated') return;
    await this.applyQuietly(sessionId, { type: 'abandoned', unattended: this.settings.terminalKind === 'kiosk' || rec.kind === 'cli' });
  }

  /** Runs one session's step; a failure is logged and journaled, never thrown at the caller. */
  private async isolated(step: string, sessionId: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (e) {
      const info = faultInfo(e);
      this.log('error', step, { sessionId, code: info.code, message: info.message });
      try {
        this.db.journal.append('recovery-step-failed', { step, code: info.code, message: info.message }, sessionId);
      } catch {
        // storage itself is failing: the log line above is all that can be kept
      }
    }
  }

  /**
   * Activations that got no trustworthy answer may have opened a token at the node. Each is asked
   * again with its key, never before the previous request can no longer be at the node (the horizon),
   * then with a doubling wait. The node replays its answer for a key it knows: a token found that way
   * gets its KO (invariant 3). A definitive refusal means no token of ours. A transient answer, no
   * answer, or PPT_PAGAMENTO_IN_CORSO (which is also what the node says once our token lapsed and its
   * key with it) settle nothing. Asking stops once the first request's token would have lapsed; the
   * notice is settled when every token any request could have opened has lapsed at the node.
   */
  async resolveUnknownActivations(): Promise<number> {
    let resolved = 0;
    for (const row of this.db.notices.listUnknownActivations()) {
      await this.isolated('resolve-activation', row.sessionId, async () => {
        if (await this.resolveUnknownActivation(row)) resolved++;
      });
    }
    return resolved;
  }

  private async resolveUnknownActivation(row: NoticeRecord): Promise<boolean> {
    const horizon = this.settings.activationHorizonMs ?? DEFAULT_HORIZON_MS;
    const now = this.now();
    const lastSent = row.activateLastSentAtMs ?? row.activateSentAtMs ?? 0;
    const firstSent = row.activateSentAtMs ?? lastSent;
    if (now < lastSent + horizon || (row.activateNextAskAtMs !== null && now < row.activateNextAskAtMs)) return false;
    const key = row.activateIdempotencyKey;
    if (!key || !row.verification) {
      await this.applyQuietly(row.sessionId, {
        type: 'activation-settled',
        noticeId: row.position,
        error: { code: 'NODE_UNREACHABLE', message: 'no activation request ever left for this notice' },
      });
      return true;
    }
    if (now >= firstSent + this.settings.tokenDurationMs) {
      // No more asking: a token opened by any request has lapsed (or will, by lastSent + duration).
      if (now < lastSent + this.settings.tokenDurationMs + horizon) {
        this.db.notices.scheduleActivationAsk(row.id, lastSent + this.settings.tokenDurationMs + horizon, false);
        return false;
      }
      await this.applyQuietly(row.sessionId, {
        type: 'activation-settled',
        noticeId: row.position,
        error: {
          code: 'ACTIVATION_LAPSED',
          message: 'the activation was never answered; any token it opened has lapsed at the node, nothing was collected',
        },
      });
      this.db.journal.append(
        'activation-lapsed',
        { noticeNumber: row.noticeNumber, idempotencyKey: key, firstSentAtMs: firstSent, lastSentAtMs: lastSent },
        row.sessionId,
      );
      return true;
    }
    const wait = Math.min(MAX_ASK_INTERVAL_MS, horizon * 2 ** Math.min(row.activateAsks, 10));
    this.db.notices.recordActivateKey(row.id, key, now);
    this.db.notices.scheduleActivationAsk(row.id, now + wait, true);
    const ref = { fiscalCode: row.fiscalCode, noticeNumber: row.noticeNumber };
    let event: SessionEvent | null = null;
    try {
      const r = await this.node.activatePaymentNoticeV2(this.activationRequest(ref, row.verification.amountCents, key));
      const granted = this.activationFrom(
        r,
        { ref: { ...ref, scannedAmountCents: row.payloadAmountCents, source: row.payloadKind }, verification: null },
        now,
      );
      if ('paymentToken' in granted) event = { type: 'activation-found', noticeId: row.position, activation: granted };
      else this.db.notices.update(row.id, { lastError: granted as unknown as Json });
    } catch (e) {
      const info = faultInfo(e);
      const named = this.refusedToken(
        e,
        { ref: { ...ref, scannedAmountCents: row.payloadAmountCents, source: row.payloadKind }, verification: null },
        now,
      );
      if (named) {
        event = { type: 'activation-found', noticeId: row.position, activation: named };
      } else if (activationUnanswered(e) || (e instanceof NodeFault && e.faultCode === 'PPT_PAGAMENTO_IN_CORSO')) {
        this.db.notices.update(row.id, { lastError: { ...info, code: 'ACTIVATION_UNKNOWN' } as unknown as Json });
      } else {
        event = { type: 'activation-settled', noticeId: row.position, error: info };
      }
    }
    if (!event) return false;
    await this.applyQuietly(row.sessionId, event);
    if (event.type === 'activation-found') {
      this.db.journal.append(
        'orphan-token-closed',
        { noticeNumber: row.noticeNumber, paymentToken: event.activation.paymentToken },
        row.sessionId,
      );
    }
    return true;
  }

  /**
   * A technician sends an unsettled outcome again (outbox reset): the message's counter restarts and,
   * when its notice was waiting for a person, the notice is queued again, in one transaction. Refused
   * once a decision was taken (its messages are final).
   */
  resetOutcome(messageId: number) {
    const m = this.db.transaction(() => {
      const reset = this.db.outbox.reset(messageId);
      const notice = this.db.notices.get(reset.noticeId);
      if (notice?.phase === 'needs-decision')
        this.applyInTransaction(reset.sessionId, { type: 'outcome-requeued', noticeId: notice.position });
      return reset;
    });
    this.emit('session', this.get(m.sessionId));
    this.emit('outbox-changed');
    return m;
  }

  /**
   * An unattended kiosk: a session activated but not paid for longer than `idleMs` (the citizen walked
   * away, or the kiosk page died) is abandoned, and its tokens get their KO now, not at expiry.
   */
  async abandonIdle(idleMs: number): Promise<number> {
    let n = 0;
    for (const rec of this.db.sessions.listByState(['activated', 'cart'])) {
      if (Date.parse(rec.updatedAt) + idleMs > this.now()) continue;
      if (this.cardHeld(rec.id)) continue; // the citizen may be at the terminal, or charged: asked first
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
      // A session held by an open card authorization waits for the terminal, but not past the last resort.
      const margin = this.cardHeld(rec.id) ? Math.min(marginMs, CARD_HOLD_LAST_RESORT_MS) : marginMs;
      const lapsing = s.notices.find((x) => x.phase === 'activated' && x.activation!.expiresAtMs - margin <= this.now());
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
      return {
        ...base,
        noticeId: event.noticeId,
        paymentToken: event.activation.paymentToken,
        amountCents: event.activation.totalAmountCents,
      };
    case 'tender-submitted':
      // The notices this tender pays, with their creditor and token: a reader of the journal alone
      // (the fleet's back office, a reconciliation) can total the money per creditor from this entry.
      return {
        ...base,
        ...(event.tender as unknown as Record<string, Json>),
        notices: state.notices
          .filter((n) => n.phase === 'ok-queued' && n.activation !== null)
          .map((n) => ({
            noticeId: n.id,
            fiscalCode: n.ref.fiscalCode,
            noticeNumber: n.ref.noticeNumber,
            paymentToken: n.activation!.paymentToken,
            amountCents: n.activation!.totalAmountCents,
          })),
      };
    case 'verify-failed':
    case 'activate-failed':
    case 'outcome-refund-required':
    case 'outcome-needs-decision':
      return { ...base, noticeId: event.noticeId, error: event.error as unknown as Json };
    default:
      return { ...base, ...('noticeId' in event ? { noticeId: event.noticeId } : {}) };
  }
}

/**
 * No trustworthy answer to an activation: the node may hold a token. Refused before sending
 * (connection refused) and a gateway's 4xx are not that; an answered fault is, only when transient
 * (the node's own error: it may have opened the session before failing).
 */
function activationUnanswered(e: unknown): boolean {
  if (e instanceof NodeUnreachable) return false;
  if (e instanceof NodeHttpError) return e.status >= 500;
  if (e instanceof NodeFault) return e.classification.action === 'retry';
  return true;
}

/** What one activation request's answer can mean for its notice. */
type ActivationAnswer = Extract<
  SessionEvent,
  { type: 'activate-succeeded' | 'activate-refused-token' | 'activate-unknown' | 'activate-failed' }
>;

function repeatedToken(holderNoticeNumber: string | null): FaultInfo {
  return {
    code: 'ACTIVATION_TOKEN_REPEATED',
    message: holderNoticeNumber
      ? `the node answered with a payment token this terminal already holds (notice ${holderNoticeNumber}): not a trustworthy answer`
      : 'the node answered two activations of this cart with the same payment token: neither answer is trustworthy',
  };
}
