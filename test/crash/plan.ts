/**
 * What one crash trial does, as plain JSON shared by the parent (test/crash/trial.ts) and the child
 * (test/support/crash-child.ts): the payments the child performs, the simulator faults it turns on
 * around them, and how each life of the child ends (a crash point, a kill after a delay, or cleanly).
 * Also the seeded PRNG and the random plan `npm run chaos` draws from.
 */
import { CRASH_POINTS, SERVICE_CRASH_POINTS } from '../../main/engine/crash-points';
import type { CrashPoint } from '../../main/engine/crash-points';

/** A simulator fault rule, as POST /admin/faults takes it (sim/README.md). */
export interface FaultRule {
  kind:
    | 'latency'
    | 'refuse'
    | 'outage'
    | 'drop-response'
    | 'http500'
    | 'http503'
    | 'system-error'
    | 'node-fault'
    | 'fault-after-handling'
    | 'wrong-amount'
    | 'bad-token'
    | 'repeat-token';
  primitive?: string;
  count?: number;
  forMs?: number;
  latencyMs?: number;
  faultCode?: string;
  amountCents?: number;
  amountDeltaCents?: number;
  token?: 'long' | 'markup';
  from?: 'issued' | 'settled';
}

export interface NoticePlan {
  /** A creditor the simulator knows (the seed's). */
  fiscalCode: string;
  amountCents: number;
}

/**
 * A spontaneous payment in the cart (issue 15): the simulator's car tax, demanded from its creditor
 * with these values (session.addService's ServiceDemand). The plate is the trial's own: the creditor
 * refuses a second car tax for a class and plate paid this year (PAA_PAGAMENTO_DUPLICATO).
 */
export interface ServicePlan {
  /** 00301 (creditor 66666666666) or 00302 (88888888888): the seed's car tax providers. */
  idSoggettoServizio: '00301' | '00302';
  /** tipoVeicoloTarga: 1 cars, 2 trailers, 4 motorcycles. */
  tipo: '1' | '2' | '4';
  /** veicoloTarga, 7 characters. */
  targa: string;
}

export interface PaymentPlan {
  /** 1..3 fresh positions, created through POST /admin/positions just before the payment. */
  notices: NoticePlan[];
  /** Car taxes demanded into the same cart, before the scanned notices or after them (servicesFirst). */
  services?: ServicePlan[];
  servicesFirst?: boolean;
  /** Faults turned on just before the first demand (they hit demandPaymentNotice). */
  beforeDemand?: FaultRule[];
  /**
   * cash: the customer pays (givenExtraCents above what is due); cancel: walks away after activation;
   * card: pays by card on the kiosk's nexo terminal (the parent's nexo simulator), `card` saying how.
   */
  end: 'cash' | 'cancel' | 'card';
  card?: CardPlan;
  givenExtraCents: number;
  /** Faults turned on before the activation (they hit activate, and later calls while they last). */
  beforeActivate?: FaultRule[];
  /** Faults turned on after the activation, before the money is taken (they hit the outcomes). */
  beforeTender?: FaultRule[];
  /** After the payment ends: wait pauseMs, then move the node's clock by advanceClockMs (past the token: late outcome). */
  afterEnd?: { pauseMs: number; advanceClockMs: number };
  /** Disk full while serving: right after the tender, fill the data dir (a tmpfs) with a ballast file; free it after freeAfterMs. */
  diskFull?: { freeAfterMs: number };
  /** The terminal's wall clock (faketime, TrialSpec.clockBehind) is put right pauseMs after this payment ends. */
  correctClock?: { pauseMs: number };
}

/** How a card payment goes (the card mixes). */
export interface CardPlan {
  /** The nexo simulator's next outcomes (sim/nexo/README.md), set just before the card is asked. */
  script?: string;
  /**
   * The node refuses the OK of the approved card: the OKs are held at the node (a latency rule, one per
   * notice), the token lapses there and its cancel job releases it, another payer activates the notice,
   * then the OKs are handled and refused (PPT_PAGAMENTO_DUPLICATO): refund-required, reversed at the terminal.
   */
  refuseOk?: boolean;
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
  | { kind: 'kill-after'; delayMs: number }
  /** Killed delayMs after the child says `event` for payment `index` (e.g. 'activating': while the node holds the request). */
  | { kind: 'kill-on'; event: string; index: number; delayMs: number };

/** Damage done to the terminal's database while it is down: cut to 0 bytes, or one record breaking a CHECK. */
export type StorageDamage = 'empty' | 'record';

export interface TrialSpec {
  name: string;
  plan: TrialPlan;
  lives: LifeEnd[];
  /**
   * After life `afterLife` (1-based, counting the clean last one) the parent copies the database (the
   * technician's backup), damages it and runs one life on it; a refusal to start is correct, and the
   * backup is then restored. Another clean life always follows.
   */
  storage?: { afterLife: number; damage: StorageDamage };
  /** The data dir is a tmpfs of this size (disk-full): the ballast file can fill it. */
  tmpfsBytes?: number;
  /** Every life runs under faketime with the wall clock at this ISO instant, until a payment's correctClock puts it right. */
  clockBehind?: string;
}

/** The plan handed to the child: the trial's plan plus where the simulator's admin API and the nexo terminal are. */
export interface ChildPlan extends TrialPlan {
  adminUrl: string;
  nexo: { url: string; adminUrl: string; poiId: string; key: { keyIdentifier: string; keyVersion: number; passphrase: string } };
}

export const CREDITORS = ['77777777777', '66666666666', '55555555555'] as const;

export const DEFAULT_PLAN: Omit<TrialPlan, 'payments'> = {
  terminalKind: 'counter',
  retrySlotMs: 20,
  callTimeoutMs: 1_500,
  // Generous: the engine re-asks an unanswered activation only past its horizon (8 s here) at the
  // sweeper's pace, and a loaded machine stretches both. A life that settles returns at once.
  drainMs: 40_000,
};

/** Fault combinations the harness knows, by name (the same names `npm run chaos` prints). */
export const FAULT_MIXES = [
  'none',
  'lost-response',
  'http503',
  'system-error',
  'lost-activation',
  'long-outage',
  'token-lapse',
  // The adversary's ingredients (issue 9 §8), ADVERSARY_MIXES below.
  'slow-activation',
  'amount-more',
  'amount-cent',
  'token-long',
  'token-markup',
  'token-repeated',
  'ko-after-token',
  'unknown-token',
  'config-fault',
  'db-emptied',
  'db-damaged',
  'disk-full',
  'clock-behind',
  // Card payments on the nexo terminal simulator (issue 14 §3), CARD_MIXES below.
  'card-lost',
  'card-kill-approved',
  'card-kill-intent',
  'card-refused-ok',
  // Spontaneous payments (issue 15), SERVICE_MIXES below: a car tax demanded into the cart.
  'service-cart',
  'service-two',
  'service-killed',
  'service-lost',
  'service-ko-after',
  'service-fault',
  'service-amount',
  'service-card',
] as const;
export type FaultMix = (typeof FAULT_MIXES)[number];
export const ADVERSARY_MIXES: readonly FaultMix[] = FAULT_MIXES.slice(
  FAULT_MIXES.indexOf('slow-activation'),
  FAULT_MIXES.indexOf('card-lost'),
);
export const CARD_MIXES: readonly FaultMix[] = FAULT_MIXES.slice(FAULT_MIXES.indexOf('card-lost'), FAULT_MIXES.indexOf('service-cart'));
export const SERVICE_MIXES: readonly FaultMix[] = FAULT_MIXES.slice(FAULT_MIXES.indexOf('service-cart'));
/**
 * The node faults a service cart's payment draws one of (service-cart, service-two): the demanded
 * notice then goes through the same lost answers, outages and lapses as a scanned one.
 */
export const SERVICE_BASE_MIXES: readonly FaultMix[] = [
  'none',
  'lost-response',
  'http503',
  'system-error',
  'lost-activation',
  'long-outage',
  'token-lapse',
];
/** The card mixes' terminal: how long a payment's answer may take before it counts as lost, and the status polls after. */
export const CARD_TERMINAL_TIMING = { answerTimeoutMs: 400, pollMs: 100, maxPolls: 3 } as const;

/** The node holds a slow activation this long: past the client's timeout and past a restart's recovery. */
export const SLOW_ACTIVATION_MS = 6_000;
/** The disk-full mix's data dir: room for the database and its WAL, nothing like a real disk. */
export const DISK_FULL_TMPFS_BYTES = 64 * 1024 * 1024;
/** The disk-full mix's ballast file in the data dir: the child writes it, the parent removes it between lives too. */
export const BALLAST = 'ballast.bin';
/** A terminal before NTP sync. */
export const CLOCK_BEHIND_AT = '2000-01-01T00:00:00.000Z';

/** Applies a fault mix to a payment: which rules, when, and the clock jump for a lapsed token. */
export function withFaults(p: PaymentPlan, mix: FaultMix): PaymentPlan {
  const outcome = 'sendPaymentOutcomeV2';
  const activate = 'activatePaymentNoticeV2';
  const demand = 'demandPaymentNotice';
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
    case 'slow-activation':
      // The node holds the request past the client's timeout (and past a kill and restart), then records its token.
      return { ...p, beforeActivate: [{ kind: 'latency', primitive: activate, latencyMs: SLOW_ACTIVATION_MS, count: 1 }] };
    case 'amount-more':
      // Handled at the verified amount, answered 1000.00 more (transfers adding up to the false total).
      return { ...p, beforeActivate: [{ kind: 'wrong-amount', primitive: activate, amountDeltaCents: 100_000, count: 1 }] };
    case 'amount-cent':
      return { ...p, beforeActivate: [{ kind: 'wrong-amount', primitive: activate, amountCents: 1, count: 1 }] };
    case 'token-long':
      return { ...p, beforeActivate: [{ kind: 'bad-token', primitive: activate, token: 'long', count: 1 }] };
    case 'token-markup':
      return { ...p, beforeActivate: [{ kind: 'bad-token', primitive: activate, token: 'markup', count: 1 }] };
    case 'token-repeated':
      // A token this terminal already holds (issue 9 §1): one whose outcome the node took, since only
      // its holder sends one. The rule waits for such a token, so it hits a later activation. (A token
      // of a notice whose answer never reached the terminal cannot be told from a real one by anybody;
      // two answers of one cart naming one token are tested in test/integration/engine/adversary.test.ts.)
      return { ...p, beforeActivate: [{ kind: 'repeat-token', primitive: activate, count: 1, from: 'settled' }] };
    case 'ko-after-token':
      return { ...p, beforeActivate: [{ kind: 'fault-after-handling', primitive: activate, faultCode: 'PPT_SYSTEM_ERROR', count: 1 }] };
    case 'unknown-token':
      // The node denies a token it issued, once, without closing it.
      return { ...p, beforeTender: [{ kind: 'node-fault', primitive: outcome, faultCode: 'PPT_TOKEN_SCONOSCIUTO', count: 1 }] };
    case 'config-fault':
      // A channel not yet authorised for three attempts, then fixed (the node refuses before changing anything).
      return { ...p, beforeTender: [{ kind: 'node-fault', primitive: outcome, faultCode: 'PPT_AUTORIZZAZIONE', count: 3 }] };
    case 'db-emptied':
    case 'db-damaged':
      return p; // between lives: TrialSpec.storage (withTrialFaults)
    case 'disk-full':
      // The outcome waits on an outage while the disk is full, so the outbox writes its attempts into a full disk.
      return { ...p, end: 'cash', beforeTender: [{ kind: 'outage', forMs: 1_000 }], diskFull: { freeAfterMs: 2_500 } };
    case 'clock-behind':
      // The outcome waits on an outage while the clock is wrong; the clock is corrected before the node is back.
      return { ...p, beforeTender: [{ kind: 'outage', forMs: 2_500 }], correctClock: { pauseMs: 500 } };
    case 'card-lost':
      // The terminal processes the payment slowly: the answer is lost past the driver's wait and its status
      // polls still find it in progress, so the core hears "unknown" and its resolver settles it later.
      return { ...p, end: 'card', card: { script: 'slow:1500' } };
    case 'card-kill-approved':
    case 'card-kill-intent':
      return { ...p, end: 'card', card: {} }; // the kill: randomTrial puts the card crash point first
    case 'card-refused-ok':
      return { ...p, end: 'card', card: { refuseOk: true } };
    case 'service-cart':
    case 'service-two':
    case 'service-killed':
      return p; // the car taxes: withService; the kill: randomTrial
    case 'service-lost':
      // The creditor's position is created, the answer never arrives: an orphan position, no token.
      return { ...p, beforeDemand: [{ kind: 'drop-response', primitive: demand, count: 1 }] };
    case 'service-ko-after':
      // Created, then answered KO: the terminal believes the demand failed; the position is an orphan.
      return { ...p, beforeDemand: [{ kind: 'fault-after-handling', primitive: demand, faultCode: 'PPT_SYSTEM_ERROR', count: 1 }] };
    case 'service-fault':
      // Refused before anything is created: the creditor's station does not answer the node.
      return {
        ...p,
        beforeDemand: [{ kind: 'node-fault', primitive: demand, faultCode: 'PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE', count: 1 }],
      };
    case 'service-amount':
      // The demand's answer says 5.00 less than the position: verify's amount is what may be charged.
      return { ...p, beforeDemand: [{ kind: 'wrong-amount', primitive: demand, amountDeltaCents: -500, count: 2 }] };
    case 'service-card':
      return { ...p, end: 'card', card: {} };
    default: {
      const never: never = mix;
      throw new Error(`unknown fault mix ${String(never)}`);
    }
  }
}

/**
 * The trial-level part of a mix: storage damage between lives (after life `afterLife`), a tmpfs data
 * dir, the clock behind. The payment-level part is withFaults.
 */
export function withTrialFaults(spec: TrialSpec, mix: FaultMix, afterLife = 1): TrialSpec {
  switch (mix) {
    case 'db-emptied':
      return { ...spec, storage: { afterLife, damage: 'empty' } };
    case 'db-damaged':
      return { ...spec, storage: { afterLife, damage: 'record' } };
    case 'disk-full':
      return { ...spec, tmpfsBytes: DISK_FULL_TMPFS_BYTES };
    case 'clock-behind':
      return { ...spec, clockBehind: CLOCK_BEHIND_AT };
    default:
      return spec;
  }
}

/** A plate of the trial's own (two letters, three digits, two letters), not one of `used`; added to it. */
export function newPlate(rand: () => number, used: Set<string>): string {
  const letters = 'ABCDEFGHJKLMNPRSTVWXYZ';
  for (;;) {
    const l = () => pick(rand, [...letters]);
    const plate = `${l()}${l()}${between(rand, 100, 999)}${l()}${l()}`;
    if (!used.has(plate)) {
      used.add(plate);
      return plate;
    }
  }
}

/**
 * The car taxes of a service mix's cart: one beside the scanned notices (two for service-two, with no
 * scanned one), the first at 00301, a second at either provider; each a plate not used in the trial.
 */
export function withService(rand: () => number, p: PaymentPlan, mix: FaultMix, used: Set<string>): PaymentPlan {
  if (!SERVICE_MIXES.includes(mix)) return p;
  const two = mix === 'service-two';
  const services: ServicePlan[] = Array.from({ length: two ? 2 : 1 }, (_, i) => ({
    idSoggettoServizio: i === 0 ? '00301' : pick(rand, ['00301', '00302'] as const),
    tipo: pick(rand, ['1', '1', '2', '4'] as const),
    targa: newPlate(rand, used),
  }));
  // A cart of two car taxes has no scanned notice; the others keep one or two.
  const notices = two ? [] : p.notices.slice(0, Math.max(1, Math.min(2, p.notices.length)));
  const end = mix === 'service-card' ? 'card' : p.end === 'cancel' && rand() < 0.5 ? 'cash' : p.end;
  return { ...p, notices, services, servicesFirst: rand() < 0.5, end };
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
  const notices = Array.from({ length: between(rand, 1, 3) }, () => ({
    fiscalCode: pick(rand, CREDITORS),
    amountCents: between(rand, 100, 250_000),
  }));
  const end = rand() < 0.2 ? 'cancel' : 'cash';
  return withFaults({ notices, end, givenExtraCents: pick(rand, [0, 0, 50, 1_000, 2_345]) }, mix);
}

/** One random trial: 1-3 payments (one of them under a fault mix), 0-3 kills of either kind, then a clean life. */
export function randomTrial(rand: () => number, index: number, mixes: readonly FaultMix[] = FAULT_MIXES): TrialSpec & { mix: FaultMix } {
  const mix = pick(rand, mixes);
  const count = between(rand, 1, 3);
  const faulty = between(rand, 0, count - 1);
  const service = SERVICE_MIXES.includes(mix);
  // A service cart also meets one of the ordinary node faults (service-cart, service-two).
  const base: FaultMix = mix === 'service-cart' || mix === 'service-two' ? pick(rand, SERVICE_BASE_MIXES) : 'none';
  const plates = new Set<string>();
  const payments = Array.from({ length: count }, (_, i) => {
    if (!service || i !== faulty) return randomPayment(rand, i === faulty ? mix : 'none');
    return withFaults(withService(rand, randomPayment(rand, base), mix, plates), mix);
  });
  // A service trial's random kills may also fall between a demand's answer and the cart.
  const points: readonly CrashPoint[] = service ? [...CRASH_POINTS, ...SERVICE_CRASH_POINTS] : CRASH_POINTS;
  // Mostly the first time a point is reached (later lives have less left to do); delays within a life's work.
  const lives: LifeEnd[] = Array.from({ length: between(rand, 0, 3) }, () =>
    rand() < 0.6
      ? { kind: 'crash-point' as const, point: pick(rand, points), nth: pick(rand, [1, 1, 1, 2, 2, 3]) }
      : { kind: 'kill-after' as const, delayMs: between(rand, 0, 600) },
  );
  // The card kills: the first life dies at the card's own crash point (the card payment is the only one reaching it).
  if (mix === 'card-kill-approved' || mix === 'card-kill-intent')
    lives.unshift({ kind: 'crash-point', point: mix === 'card-kill-approved' ? 'card-approved' : 'card-intent-journaled', nth: 1 });
  // The kill between the demand's answer and the cart (an orphan position), or while the demand is out.
  if (mix === 'service-killed')
    lives.unshift(
      rand() < 0.6
        ? { kind: 'crash-point', point: pick(rand, SERVICE_CRASH_POINTS), nth: 1 }
        : { kind: 'kill-on', event: 'demanding', index: faulty, delayMs: between(rand, 0, 300) },
    );
  // A slow activation is mostly cut by a kill while the node holds it: the restart's recovery races it.
  if (mix === 'slow-activation' && rand() < 0.7)
    lives.unshift({ kind: 'kill-on', event: 'activating', index: faulty, delayMs: between(rand, 100, 800) });
  // Card payments are a kiosk's (its card terminal); the others alternate.
  const kind = CARD_MIXES.includes(mix) || mix === 'service-card' ? 'kiosk' : rand() < 0.5 ? 'counter' : 'kiosk';
  const plan: TrialPlan = { ...DEFAULT_PLAN, terminalKind: kind, payments };
  const spec = withTrialFaults({ name: '', plan, lives }, mix, between(rand, 1, lives.length + 1));
  const damage = spec.storage ? ` + ${spec.storage.damage === 'empty' ? 'emptied' : 'damaged'} after life ${spec.storage.afterLife}` : '';
  const mixName = base === 'none' ? mix : `${mix}+${base}`;
  return { ...spec, name: `trial ${index} (${mixName}, ${lives.map(lifeName).join(' + ') || 'no crash'}${damage})`, mix };
}

export function lifeName(l: LifeEnd): string {
  if (l.kind === 'crash-point') return `${l.point}:${l.nth}`;
  if (l.kind === 'kill-on') return `kill@${l.event}#${l.index}+${l.delayMs}ms`;
  return `kill@${l.delayMs}ms`;
}
