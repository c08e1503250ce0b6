/**
 * A card terminal that exists only in software: for the demo, for technician training and for tests.
 * Each authorization takes the next outcome of a script (the last one repeats), walks through the
 * same phases as a real terminal (present card → processing) and answers like one. Nothing is
 * random: authorization codes are derived from the reference and a counter, so a run can be replayed.
 */
import { createHash } from 'node:crypto';
import { TenderRequestInvalid } from './errors';
import type {
  Approval,
  AuthorizationResult,
  DeclineReason,
  TenderDevice,
  TenderDeviceStatus,
  UnresolvedAuthorization,
  VoidResult,
} from './types';

export type SimulatedOutcome = { kind: 'approve' } | { kind: 'decline'; reason: DeclineReason } | { kind: 'timeout' } | { kind: 'offline' };

export const DECLINE_REASONS: readonly DeclineReason[] = ['refused', 'insufficient-funds', 'pin-wrong', 'card-expired', 'card-unsupported'];

export interface SimulatedCardTerminalOptions {
  id?: string;
  /** Outcomes in order; the last one repeats. Default: always approve. */
  script?: readonly SimulatedOutcome[];
  /** How long each phase lasts (present card, processing): 0 in tests, a second or so in the demo. */
  stepMs?: number;
  /** How long a 'timeout' outcome waits for a card that never comes. */
  cardWaitMs?: number;
  /** Waits; tests may pass one that resolves at once. Must resolve early (false) when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<boolean>;
}

/** Resolves true after ms, or false as soon as the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** `approve`, `decline`, `decline:insufficient-funds`, `timeout`, `offline`, comma separated. */
export function parseScript(text: string): SimulatedOutcome[] {
  const out = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((word): SimulatedOutcome => {
      const [kind, reason] = word.split(':') as [string, string | undefined];
      if (kind === 'approve' || kind === 'timeout' || kind === 'offline') {
        if (reason !== undefined) throw new TenderRequestInvalid(`"${word}": only decline takes a reason`, { word });
        return { kind };
      }
      if (kind === 'decline') {
        const r = (reason ?? 'refused') as DeclineReason;
        if (!DECLINE_REASONS.includes(r))
          throw new TenderRequestInvalid(`"${word}": unknown decline reason`, { word, reasons: DECLINE_REASONS });
        return { kind: 'decline', reason: r };
      }
      throw new TenderRequestInvalid(`"${word}": not a simulated card outcome (approve, decline[:reason], timeout, offline)`, { word });
    });
  if (out.length === 0) throw new TenderRequestInvalid('the script names no outcome', { text });
  return out;
}

interface Running {
  reference: string;
  abort: AbortController;
  /** Past the card: too late to cancel. */
  committed: boolean;
}

export class SimulatedCardTerminal implements TenderDevice {
  readonly id: string;
  readonly name = 'Simulated card terminal';
  readonly kind = 'card-terminal' as const;
  private readonly script: readonly SimulatedOutcome[];
  private readonly stepMs: number;
  private readonly cardWaitMs: number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<boolean>;
  private readonly listeners = new Set<(s: TenderDeviceStatus) => void>();
  private readonly approvals = new Map<string, Approval>();
  /** The last result of each reference, for `resolve()`. */
  private readonly results = new Map<string, AuthorizationResult>();
  private current: TenderDeviceStatus = { state: 'ready', reference: null };
  private running: Running | null = null;
  private online = true;
  private seq = 0;
  private closed = false;

  constructor(opts: SimulatedCardTerminalOptions = {}) {
    this.id = opts.id ?? 'sim-card-1';
    this.script = opts.script && opts.script.length > 0 ? [...opts.script] : [{ kind: 'approve' }];
    this.stepMs = opts.stepMs ?? 0;
    this.cardWaitMs = opts.cardWaitMs ?? 30_000;
    this.sleep = opts.sleep ?? abortableSleep;
  }

  status(): TenderDeviceStatus {
    return { ...this.current };
  }

  /** A terminal switched off or unplugged: every authorization is 'unavailable' until it is back. */
  setOnline(online: boolean): void {
    this.online = online;
    if (!this.running) this.setStatus({ state: online ? 'ready' : 'offline', reference: null });
  }

  /** How many authorizations were asked so far (the script position). */
  get authorizations(): number {
    return this.seq;
  }

  async authorize(amountCents: number, reference: string): Promise<AuthorizationResult> {
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
      throw new TenderRequestInvalid('a card authorization needs a positive amount in integer cents', { amountCents });
    }
    if (reference.length === 0 || reference.length > 64)
      throw new TenderRequestInvalid('the reference must be 1-64 characters', { length: reference.length });
    if (this.closed || !this.online) return { outcome: 'unavailable', reference, reason: 'offline' };
    if (this.running) return { outcome: 'unavailable', reference, reason: 'busy' };
    const outcome = this.script[Math.min(this.seq, this.script.length - 1)]!;
    const seq = ++this.seq;
    const run: Running = { reference, abort: new AbortController(), committed: false };
    this.running = run;
    const result = await this.run(outcome, seq, run, amountCents);
    this.results.set(reference, result);
    return result;
  }

  /** Like a real terminal's transaction status: what it answered for this reference, if it saw it. */
  async resolve(reference: string): Promise<AuthorizationResult | UnresolvedAuthorization> {
    if (this.running?.reference === reference) return { outcome: 'unknown', reference, reason: 'in-progress' };
    const known = this.results.get(reference);
    if (known) return { ...known };
    if (!this.online) return { outcome: 'unknown', reference, reason: 'unreachable' };
    return { outcome: 'unknown', reference, reason: 'not-found' };
  }

  private async run(outcome: SimulatedOutcome, seq: number, run: Running, amountCents: number): Promise<AuthorizationResult> {
    const reference = run.reference;
    try {
      if (outcome.kind === 'offline') return { outcome: 'unavailable', reference, reason: 'offline' };
      this.setStatus({ state: 'present-card', reference });
      const waited = await this.sleep(outcome.kind === 'timeout' ? this.cardWaitMs : this.stepMs, run.abort.signal);
      if (!waited) return { outcome: 'cancelled', reference };
      if (outcome.kind === 'timeout') return { outcome: 'timeout', reference };
      run.committed = true;
      this.setStatus({ state: 'processing', reference });
      await this.sleep(this.stepMs, new AbortController().signal);
      if (outcome.kind === 'decline') return { outcome: 'declined', reference, reason: outcome.reason };
      const approval: Approval = {
        outcome: 'approved',
        reference,
        amountCents,
        authCode: digits(`auth:${this.id}:${seq}:${reference}:${amountCents}`, 6),
        transactionId: `${this.id}-${String(seq).padStart(6, '0')}`,
        cardBrand: 'VISA',
        maskedPan: '**** **** **** 0019',
      };
      this.approvals.set(approval.transactionId, approval);
      return approval;
    } finally {
      this.running = null;
      this.setStatus({ state: this.online && !this.closed ? 'ready' : 'offline', reference: null });
    }
  }

  async cancel(): Promise<boolean> {
    const run = this.running;
    if (!run || run.committed || run.abort.signal.aborted) return false;
    run.abort.abort();
    return true;
  }

  async void(approval: Approval): Promise<VoidResult> {
    if (!this.online) return { voided: false, reason: 'offline' };
    if (!this.approvals.delete(approval.transactionId)) return { voided: false, reason: 'unknown-transaction' };
    return { voided: true };
  }

  onStatus(listener: (status: TenderDeviceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.cancel();
    this.listeners.clear();
  }

  private setStatus(next: TenderDeviceStatus): void {
    if (next.state === this.current.state && next.reference === this.current.reference) return;
    this.current = next;
    for (const fn of [...this.listeners]) {
      try {
        fn({ ...next });
      } catch {
        // a listener's bug must not break a payment
      }
    }
  }
}

/** n decimal digits from a hash: deterministic, looks like an acquirer's code. */
function digits(seed: string, n: number): string {
  const h = createHash('sha256').update(seed).digest();
  return String(h.readUInt32BE(0) % 10 ** n).padStart(n, '0');
}
