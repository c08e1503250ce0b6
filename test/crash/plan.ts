/**
 * What one crash trial does, as plain JSON shared by the parent (test/crash/trial.ts) and the child
 * (test/support/crash-child.ts): the payments the child performs, the simulator faults it turns on
 * around them, and how each life of the child ends (a crash point, a kill after a delay, or cleanly).
 * Also the seeded PRNG and the random plan `npm run chaos` draws from.
 */
import { CRASH_POINTS } from '../../main/engine/crash-points';
import type { CrashPoint } from '../../main/engine/crash-points';

/** A simulator fault rule, as POST /admin/faults takes it (sim/README.md). */
export interface FaultRule {
  kind: 'latency' | 'refuse' | 'outage' | 'drop-response' | 'http500' | 'http503' | 'system-error';
  primitive?: string;
  count?: number;
  forMs?: number;
  latencyMs?: number;
}

export interface NoticePlan {
  /** A creditor the simulator knows (the seed's). */
  fiscalCode: string;
  amountCents: number;
}

export interface PaymentPlan {
  /** 1..3 fresh positions, created through POST /admin/positions just before the payment. */
  notices: NoticePlan[];
  /** cash: the customer pays (givenExtraCents above what is due); cancel: walks away after activation. */
  end: 'cash' | 'cancel';
  givenExtraCents: number;
  /** Faults turned on before the activation (they hit activate, and later calls while they last). */
  beforeActivate?: FaultRule[];
  /** Faults turned on after the activation, before the money is taken (they hit the outcomes). */
  beforeTender?: FaultRule[];
  /** After the payment ends: wait pauseMs, then move the node's clock by advanceClockMs (past the token: late outcome). */
  afterEnd?: { pauseMs: number; advanceClockMs: number };
}

export interface TrialPlan {
  terminalKind: 'counter' | 'kiosk';
  /** The outbox's retry slot (SANP: 15 s); small so the whole schedule runs in well under a second. */
  retrySlotMs: number;
  /** The node client's per-call timeout. */
  callTimeoutMs: number;
  /** How long the last life waits for the outbox to settle before it reports what is left. */
  drainMs: number;
  payments: PaymentPlan[];
}

/** How one life of the child ends. The parent always adds a last, clean life. */
export type LifeEnd =
  | { kind: 'crash-point'; point: CrashPoint; nth: number }
  | { kind: 'kill-after'; delayMs: number };

export interface TrialSpec {
  name: string;
  plan: TrialPlan;
  lives: LifeEnd[];
}

/** The plan handed to the child: the trial's plan plus where the simulator's admin API is. */
export interface ChildPlan extends TrialPlan {
  adminUrl: string;
}

export const CREDITORS = ['77777777777', '66666666666', '55555555555'] as const;

export const DEFAULT_PLAN: Omit<TrialPlan, 'payments'> = { terminalKind: 'counter', retrySlotMs: 20, callTimeoutMs: 1_500, drainMs: 15_000 };

/** Fault combinations the harness knows, by name (the same names `npm run chaos` prints). */
export const FAULT_MIXES = ['none', 'lost-response', 'http503', 'system-error', 'lost-activation', 'long-outage', 'token-lapse'] as const;
export type FaultMix = (typeof FAULT_MIXES)[number];

/** Applies a fault mix to a payment: which rules, when, and the clock jump for a lapsed token. */
export function withFaults(p: PaymentPlan, mix: FaultMix): PaymentPlan {
  const outcome = 'sendPaymentOutcomeV2';
  switch (mix) {
    case 'none':
      return p;
    case 'lost-response':
      return { ...p, beforeTender: [{ kind: 'drop-response', primitive: outcome, count: 2 }] };
    case 'http503':
      return { ...p, beforeTender: [{ kind: 'http503', primitive: outcome, count: 2 }] };
    case 'system-error':
      return { ...p, beforeTender: [{ kind: 'system-error', primitive: outcome, count: 2 }] };
    case 'lost-activation':
      // The node opens the session and the answer never arrives: the token is unknown to the terminal.
      return { ...p, beforeActivate: [{ kind: 'drop-response', primitive: 'activatePaymentNoticeV2', count: 1 }] };
    case 'long-outage':
      // Longer than the whole retry schedule (5 attempts), far shorter than the token.
      // A window of simulated time: it ends by itself even if the child dies meanwhile.
      return { ...p, beforeTender: [{ kind: 'outage', forMs: 1_200 }], afterEnd: { pauseMs: 1_300, advanceClockMs: 0 } };
    case 'token-lapse':
      // The node is down while the outcome waits, and comes back after the token lapsed (31 min).
      // Moving the clock ends the outage window; a child killed before that sees it end after 5 s.
      return { ...p, beforeTender: [{ kind: 'outage', forMs: 5_000 }], afterEnd: { pauseMs: 100, advanceClockMs: 31 * 60_000 } };
    default: {
      const never: never = mix;
      throw new Error(`unknown fault mix ${String(never)}`);
    }
  }
}

/** mulberry32: a small seeded PRNG, so a chaos run can be repeated exactly from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
export const between = (rand: () => number, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

export function randomPayment(rand: () => number, mix: FaultMix = 'none'): PaymentPlan {
  const notices = Array.from({ length: between(rand, 1, 3) }, () => ({ fiscalCode: pick(rand, CREDITORS), amountCents: between(rand, 100, 250_000) }));
  const end = rand() < 0.2 ? 'cancel' : 'cash';
  return withFaults({ notices, end, givenExtraCents: pick(rand, [0, 0, 50, 1_000, 2_345]) }, mix);
}

/** One random trial: 1-3 payments (one of them under a fault mix), 0-3 kills of either kind, then a clean life. */
export function randomTrial(rand: () => number, index: number, mixes: readonly FaultMix[] = FAULT_MIXES): TrialSpec & { mix: FaultMix } {
  const mix = pick(rand, mixes);
  const count = between(rand, 1, 3);
  const faulty = between(rand, 0, count - 1);
  const payments = Array.from({ length: count }, (_, i) => randomPayment(rand, i === faulty ? mix : 'none'));
  // Mostly the first time a point is reached (later lives have less left to do); delays within a life's work.
  const lives: LifeEnd[] = Array.from({ length: between(rand, 0, 3) }, () =>
    rand() < 0.6
      ? { kind: 'crash-point' as const, point: pick(rand, CRASH_POINTS), nth: pick(rand, [1, 1, 1, 2, 2, 3]) }
      : { kind: 'kill-after' as const, delayMs: between(rand, 0, 600) });
  const plan: TrialPlan = { ...DEFAULT_PLAN, terminalKind: rand() < 0.5 ? 'counter' : 'kiosk', payments };
  return { name: `trial ${index} (${mix}, ${lives.map(lifeName).join(' + ') || 'no crash'})`, plan, lives, mix };
}

export function lifeName(l: LifeEnd): string {
  return l.kind === 'crash-point' ? `${l.point}:${l.nth}` : `kill@${l.delayMs}ms`;
}
