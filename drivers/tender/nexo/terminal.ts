/**
 * A card terminal spoken to with nexo Sale-to-POI over its local endpoint (Adyen's Terminal API,
 * local integration): encrypted JSON over HTTPS on the LAN, one HTTP exchange per message.
 *
 * The exactly-once rule: a payment request that reached the terminal but whose answer did not come
 * back (timeout, connection reset, an answer that cannot be believed) is settled by a
 * TransactionStatusRequest before `authorize` returns anything. If that cannot settle it, `authorize`
 * throws TenderOutcomeUnknown (money may have moved) instead of guessing; the core asks `resolve()`.
 */
import { SportelloError } from '../../../kernel/errors';
import { NexoEnvelopeInvalid, TenderAnswerRejected, TenderKeyRejected, TenderOutcomeUnknown, TenderRequestInvalid } from '../errors';
import type {
  Approval,
  AuthorizationResult,
  TenderDevice,
  TenderDeviceState,
  TenderDeviceStatus,
  UnresolvedAuthorization,
  VoidResult,
} from '../types';
import { checkKey, isSecured, open, seal, type NexoKey } from './envelope';
import {
  abortRequest,
  decodeAnswer,
  encode,
  mapPayment,
  mapStatus,
  paymentRequest,
  rejection,
  reversalRequest,
  statusRequest,
  type Answer,
  type Mapped,
  type Parties,
  type StatusMapped,
} from './messages';
import { endpoint, post, type Endpoint, type TerminalTls } from './transport';
import type { SaleToPOIRequest } from '@adyen/api-library/lib/src/typings/terminal/saleToPOIRequest.js';

export interface NexoCardTerminalOptions {
  id?: string;
  /** `https://<terminal ip>:8443/nexo`; `http://127.0.0.1:<port>/nexo` only with `insecureLoopback`. */
  url: string;
  /** The terminal's POIID (e.g. "V400m-324688179"). */
  poiId: string;
  /** Our nexo SaleID: this sportello installation. */
  saleId: string;
  key: NexoKey;
  insecureLoopback?: boolean;
  tls?: TerminalTls;
  connectTimeoutMs?: number;
  /** How long a payment may take at the terminal (card, PIN, acquirer) before its answer counts as lost. */
  answerTimeoutMs?: number;
  /** For the short messages: status, abort, reversal. */
  statusTimeoutMs?: number;
  /** Settling a lost answer: wait between status requests, and how many at most. */
  pollMs?: number;
  maxPolls?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

type Sent =
  | { kind: 'answer'; answer: Answer }
  | { kind: 'empty' }
  | { kind: 'not-sent'; why: string }
  | { kind: 'lost'; why: string }
  | { kind: 'unbelievable'; why: string }
  | { kind: 'key-rejected'; why: string };

interface Running {
  reference: string;
  serviceId: string;
  aborted: boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class NexoCardTerminal implements TenderDevice {
  readonly id: string;
  readonly name: string;
  readonly kind = 'card-terminal' as const;
  private readonly parties: Parties;
  private readonly key: NexoKey;
  private readonly endpoint: Endpoint;
  private readonly answerTimeoutMs: number;
  private readonly statusTimeoutMs: number;
  private readonly pollMs: number;
  private readonly maxPolls: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => Date;
  private readonly listeners = new Set<(s: TenderDeviceStatus) => void>();
  /** reference → the ServiceID and amount of its last payment request: what a status request names. */
  private readonly payments = new Map<string, { serviceId: string; amountCents: number }>();
  /** POI transaction id → its timestamp, which a reversal repeats. */
  private readonly timeStamps = new Map<string, string>();
  private current: TenderDeviceStatus = { state: 'ready', reference: null };
  private running: Running | null = null;
  private seq = 0;
  private closed = false;

  constructor(opts: NexoCardTerminalOptions) {
    checkKey(opts.key);
    this.endpoint = endpoint(opts.url, {
      ...(opts.insecureLoopback !== undefined ? { insecureLoopback: opts.insecureLoopback } : {}),
      ...(opts.tls ? { tls: opts.tls } : {}),
      ...(opts.connectTimeoutMs !== undefined ? { connectTimeoutMs: opts.connectTimeoutMs } : {}),
    });
    this.id = opts.id ?? `nexo-${opts.poiId}`;
    this.name = `nexo terminal ${opts.poiId}`;
    this.parties = { saleId: opts.saleId, poiId: opts.poiId };
    this.key = { ...opts.key };
    this.answerTimeoutMs = opts.answerTimeoutMs ?? 180_000;
    this.statusTimeoutMs = opts.statusTimeoutMs ?? 15_000;
    this.pollMs = opts.pollMs ?? 2_000;
    this.maxPolls = opts.maxPolls ?? 30;
    this.sleep = opts.sleep ?? defaultSleep;
    this.now = opts.now ?? (() => new Date());
  }

  status(): TenderDeviceStatus {
    return { ...this.current };
  }

  async authorize(amountCents: number, reference: string): Promise<AuthorizationResult> {
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
      throw new TenderRequestInvalid('a card authorization needs a positive amount in integer cents', { amountCents });
    }
    if (reference.length === 0 || reference.length > 64)
      throw new TenderRequestInvalid('the reference must be 1-64 characters', { length: reference.length });
    if (this.closed) return { outcome: 'unavailable', reference, reason: 'offline' };
    if (this.running) return { outcome: 'unavailable', reference, reason: 'busy' };
    const serviceId = this.nextServiceId();
    this.running = { reference, serviceId, aborted: false };
    this.payments.set(reference, { serviceId, amountCents });
    this.setState('present-card', reference);
    let reachable = true;
    try {
      const sent = await this.send(paymentRequest(this.parties, serviceId, reference, amountCents, this.now()), this.answerTimeoutMs);
      switch (sent.kind) {
        case 'not-sent':
          reachable = false;
          return { outcome: 'unavailable', reference, reason: 'offline' };
        case 'key-rejected':
          throw new TenderKeyRejected('the terminal could not open our message: check the key identifier, version and passphrase', {
            terminal: this.id,
            keyIdentifier: this.key.keyIdentifier,
            event: sent.why,
          });
        case 'answer': {
          const payment = sent.answer.PaymentResponse;
          if (payment) {
            const mapped = mapPayment(payment, reference, amountCents);
            if (mapped.kind === 'result') return mapped.result;
            if (mapped.why === 'other-amount') return await this.refuseWrongAmount(mapped, reference);
          }
          // an answer without a payment, or about another transaction: ask the terminal how ours ended
          return await this.settle(reference, serviceId, amountCents, 'the answer named another transaction');
        }
        case 'empty':
        case 'lost':
        case 'unbelievable':
          return await this.settle(reference, serviceId, amountCents, sent.kind === 'empty' ? 'an empty answer' : sent.why);
        default: {
          const never: never = sent;
          throw new SportelloError('INTERNAL_MISSING_CASE', `unhandled ${JSON.stringify(never)}`);
        }
      }
    } finally {
      this.running = null;
      this.setState(this.closed || !reachable ? 'offline' : 'ready', null);
    }
  }

  /** How the authorization `reference` ended, asked of the terminal (after the core's own crash, say). */
  async resolve(reference: string): Promise<AuthorizationResult | UnresolvedAuthorization> {
    if (this.running?.reference === reference) return { outcome: 'unknown', reference, reason: 'in-progress' };
    const known = this.payments.get(reference);
    const st = await this.askStatus(reference, known?.serviceId ?? null, known?.amountCents ?? null);
    if (st.kind === 'result') return st.result;
    if (st.kind === 'unresolved') return { outcome: 'unknown', reference, reason: st.reason };
    if (st.why === 'other-amount' && st.approvedTransactionId) {
      const reversed = await this.reverse(st.approvedTransactionId, st.timeStamp);
      if (reversed.voided) return { outcome: 'declined', reference, reason: 'refused' };
    }
    return { outcome: 'unknown', reference, reason: 'unreachable' };
  }

  /** Asks the terminal to abort the payment under way; true when it took the request. */
  async cancel(): Promise<boolean> {
    const run = this.running;
    if (!run || run.aborted) return false;
    run.aborted = true;
    const sent = await this.send(abortRequest(this.parties, this.nextServiceId(), run.serviceId), this.statusTimeoutMs);
    return sent.kind === 'empty' || sent.kind === 'answer';
  }

  async void(approval: Approval): Promise<VoidResult> {
    return this.reverse(approval.transactionId, this.timeStamps.get(approval.transactionId));
  }

  onStatus(listener: (status: TenderDeviceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.running) await this.cancel();
    this.listeners.clear();
  }

  // ---- the exactly-once machinery ----------------------------------------------------------------

  /** A payment was sent but its answer is missing or unbelievable: the terminal's status decides. */
  private async settle(reference: string, serviceId: string, amountCents: number, why: string): Promise<AuthorizationResult> {
    this.setState('processing', reference);
    for (let poll = 0; poll < this.maxPolls; poll++) {
      if (poll > 0) await this.sleep(this.pollMs);
      const st = await this.askStatus(reference, serviceId, amountCents);
      if (st.kind === 'result') return st.result;
      if (st.kind === 'rejected') {
        if (st.why === 'other-amount') return this.refuseWrongAmount(st, reference);
        throw new TenderAnswerRejected('the terminal answers about another transaction: nothing is approved', {
          reference,
          terminal: this.id,
          why: st.why,
          first: why,
        });
      }
      if (st.reason === 'not-found') {
        // The terminal never processed it: no money moved, like a terminal that could not be reached.
        return { outcome: 'unavailable', reference, reason: 'offline' };
      }
      if ('unbelievable' in st) {
        throw new TenderAnswerRejected('the terminal answers cannot be believed (envelope or format): nothing is approved', {
          reference,
          terminal: this.id,
          first: why,
          status: st.detail,
        });
      }
    }
    throw new TenderOutcomeUnknown('the payment reached the terminal but how it ended could not be learned', {
      reference,
      terminal: this.id,
      first: why,
    });
  }

  private async askStatus(
    reference: string,
    paymentServiceId: string | null,
    amountCents: number | null,
  ): Promise<StatusMapped | { kind: 'unresolved'; reason: 'unreachable'; unbelievable: true; detail: string }> {
    const sent = await this.send(statusRequest(this.parties, this.nextServiceId(), paymentServiceId), this.statusTimeoutMs);
    if (sent.kind === 'key-rejected')
      throw new TenderKeyRejected('the terminal could not open our message: check the key', { terminal: this.id, event: sent.why });
    if (sent.kind === 'unbelievable') return { kind: 'unresolved', reason: 'unreachable', unbelievable: true, detail: sent.why };
    if (sent.kind !== 'answer') return { kind: 'unresolved', reason: 'unreachable' };
    const mapped = mapStatus(sent.answer, reference, amountCents, paymentServiceId);
    const tx = sent.answer.TransactionStatusResponse?.RepeatedMessageResponse?.RepeatedResponseMessageBody.PaymentResponse?.POIData;
    if (tx?.POITransactionID.TimeStamp) this.timeStamps.set(tx.POITransactionID.TransactionID, tx.POITransactionID.TimeStamp);
    return mapped;
  }

  /** An approval of another amount is reversed at once and never returned as an approval. */
  private async refuseWrongAmount(m: Extract<Mapped, { kind: 'rejected' }>, reference: string): Promise<never> {
    const reversal = m.approvedTransactionId ? await this.reverse(m.approvedTransactionId, m.timeStamp) : null;
    throw new TenderAnswerRejected('the terminal answered for another amount than the one asked: refused', {
      reference,
      terminal: this.id,
      transactionId: m.approvedTransactionId ?? null,
      reversed: reversal?.voided ?? false,
      ...(reversal?.reason ? { reversalFailure: reversal.reason } : {}),
    });
  }

  private async reverse(poiTransactionId: string, timeStamp: string | undefined): Promise<VoidResult> {
    const stamp = timeStamp ?? this.now().toISOString();
    for (let attempt = 0; attempt < 2; attempt++) {
      // The same reversal again is harmless: a reversed transaction stays reversed.
      const sent = await this.send(reversalRequest(this.parties, this.nextServiceId(), poiTransactionId, stamp), this.statusTimeoutMs);
      if (sent.kind === 'not-sent' || sent.kind === 'key-rejected' || sent.kind === 'unbelievable')
        return { voided: false, reason: 'offline' };
      if (sent.kind !== 'answer' || !sent.answer.ReversalResponse) continue;
      const r = sent.answer.ReversalResponse.Response;
      if (r.Result === 'Success') return { voided: true };
      return { voided: false, reason: r.ErrorCondition === 'NotFound' ? 'unknown-transaction' : 'refused' };
    }
    return { voided: false, reason: 'offline' };
  }

  // ---- one message -------------------------------------------------------------------------------

  private async send(request: SaleToPOIRequest, timeoutMs: number): Promise<Sent> {
    const secured = seal({ ...request.MessageHeader }, encode(request), this.key);
    const ex = await post(this.endpoint, JSON.stringify({ SaleToPOIRequest: secured }), timeoutMs);
    if (ex.kind !== 'answer') return ex;
    // 503: the terminal (or its service) turned the request away before doing anything with it.
    if (ex.status === 503) return { kind: 'not-sent', why: 'HTTP 503' };
    if (ex.status < 200 || ex.status > 299) return { kind: 'lost', why: `HTTP ${ex.status}` };
    if (ex.body.trim() === '') return { kind: 'empty' };
    let body: unknown;
    try {
      body = JSON.parse(ex.body);
    } catch {
      return { kind: 'unbelievable', why: 'the answer is not JSON' };
    }
    const rejected = rejection(body);
    if (rejected !== null) return { kind: 'key-rejected', why: rejected };
    const outer = (body as { SaleToPOIResponse?: unknown }).SaleToPOIResponse;
    // Only an envelope under our key is believed: a plain answer could come from anyone on the LAN.
    if (!isSecured(outer)) return { kind: 'unbelievable', why: 'the answer is not encrypted' };
    let plaintext: string;
    try {
      plaintext = open(outer, this.key);
    } catch (e) {
      if (e instanceof NexoEnvelopeInvalid) return { kind: 'unbelievable', why: `envelope: ${e.reason}` };
      throw e;
    }
    const decoded = decodeAnswer(plaintext);
    if (decoded.kind === 'garbage') return { kind: 'unbelievable', why: decoded.why };
    const h = decoded.answer.MessageHeader;
    const asked = request.MessageHeader;
    if (
      h.MessageType !== 'Response' ||
      h.MessageCategory !== String(asked.MessageCategory) ||
      h.ServiceID !== asked.ServiceID ||
      h.SaleID !== asked.SaleID ||
      (h.POIID !== undefined && h.POIID !== asked.POIID)
    ) {
      return { kind: 'unbelievable', why: 'the answer is to another message' };
    }
    const tx = decoded.answer.PaymentResponse?.POIData?.POITransactionID;
    if (tx?.TimeStamp) this.timeStamps.set(tx.TransactionID, tx.TimeStamp);
    return { kind: 'answer', answer: decoded.answer };
  }

  /** ServiceID: at most 10 characters, unique per message of this sale system. */
  private nextServiceId(): string {
    const t = (this.now().getTime() % 36 ** 6).toString(36).padStart(6, '0');
    const n = (this.seq++ % 36 ** 4).toString(36).padStart(4, '0');
    return `${t}${n}`;
  }

  private setState(state: TenderDeviceState, reference: string | null): void {
    if (state === this.current.state && reference === this.current.reference) return;
    this.current = { state, reference };
    for (const fn of [...this.listeners]) {
      try {
        fn({ ...this.current });
      } catch {
        // a listener's bug must not break a payment
      }
    }
  }
}
