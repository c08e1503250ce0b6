/**
 * Injected failures, so clients can be tested against a misbehaving node. A rule targets one
 * operation (matched on the request's SOAPAction header, known before the body is read) or all
 * ('*'), and lasts for its next `count` matching requests and/or `forMs` of simulated time
 * (advancing the clock ends a window); with neither it lasts until cleared.
 *
 * - latency: wait latencyMs (real time) before handling; adds up with any other rule
 * - refuse: destroy the connection on arrival, nothing read or answered
 * - outage: refuse every SOAP request (primitive is always '*') for the window
 * - drop-response: handle the request fully (state changes), then destroy the connection unanswered
 * - http500 / http503: answer that status before handling anything
 * - system-error: answer KO PPT_SYSTEM_ERROR before handling anything
 */
import { z } from 'zod';
import { OPERATION_NAMES, type Operation } from './operations';
import { describeIssues } from './position-input';
import type { SimClock } from './clock';
import type { InjectedFault } from './log';

const KINDS = ['latency', 'refuse', 'outage', 'drop-response', 'http500', 'http503', 'system-error'] as const;

const ruleInput = z
  .strictObject({
    kind: z.enum(KINDS),
    primitive: z.union([z.literal('*'), z.enum(OPERATION_NAMES as [Operation, ...Operation[]])]).default('*'),
    count: z.int().min(1).optional(),
    forMs: z.int().min(1).optional(),
    latencyMs: z.int().min(0).max(600_000).optional(),
  })
  .refine((r) => (r.kind === 'latency') === (r.latencyMs !== undefined), 'latencyMs is required for kind latency, and only for it');

const rulesInput = z.union([ruleInput, z.array(ruleInput).min(1), z.strictObject({ faults: z.array(ruleInput).min(1) })]);

export type FaultRuleInput = z.input<typeof ruleInput>;

export interface FaultRule {
  id: number;
  kind: InjectedFault;
  primitive: Operation | '*';
  /** matching requests left; absent: unlimited */
  remaining?: number;
  /** simulated ms at which the rule ends; absent: no time limit */
  until?: number;
  latencyMs?: number;
}

export type FaultAction = 'refuse' | 'drop-response' | 'http500' | 'http503' | 'system-error';

export interface FaultDecision {
  latencyMs: number;
  action?: FaultAction;
  /** the kinds applied, for the log */
  applied: InjectedFault[];
}

export class FaultRulesInvalid extends Error {}

/** Accepts one rule, an array of rules, or `{ faults: [...] }`. */
export function parseFaultRules(json: unknown): FaultRuleInput[] {
  const r = rulesInput.safeParse(json);
  if (!r.success) throw new FaultRulesInvalid(describeIssues(r.error));
  return Array.isArray(r.data) ? r.data : 'faults' in r.data ? r.data.faults : [r.data];
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;

  constructor(private readonly clock: SimClock) {}

  add(inputs: FaultRuleInput[]): FaultRule[] {
    const now = this.clock.now();
    const added = inputs.map((i): FaultRule => {
      const parsed = ruleInput.parse(i);
      return {
        id: this.nextId++,
        kind: parsed.kind,
        primitive: parsed.kind === 'outage' ? '*' : parsed.primitive,
        ...(parsed.count !== undefined ? { remaining: parsed.count } : {}),
        ...(parsed.forMs !== undefined ? { until: now + parsed.forMs } : {}),
        ...(parsed.latencyMs !== undefined ? { latencyMs: parsed.latencyMs } : {}),
      };
    });
    this.rules.push(...added);
    return added.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The rules still in force. */
  list(): FaultRule[] {
    this.prune();
    return this.rules.map((r) => ({ ...r }));
  }

  /** What to do to a request for `op` (undefined: its SOAPAction names no operation); consumes the rules applied. */
  decide(op: Operation | undefined): FaultDecision {
    this.prune();
    const decision: FaultDecision = { latencyMs: 0, applied: [] };
    for (const rule of this.rules) {
      if (rule.primitive !== '*' && rule.primitive !== op) continue;
      if (rule.kind === 'latency') decision.latencyMs += rule.latencyMs ?? 0;
      else if (decision.action) continue;
      else decision.action = rule.kind === 'outage' ? 'refuse' : (rule.kind as FaultAction);
      decision.applied.push(rule.kind);
      if (rule.remaining !== undefined) rule.remaining--;
    }
    this.prune();
    return decision;
  }

  private prune(): void {
    const now = this.clock.now();
    this.rules = this.rules.filter((r) => (r.remaining === undefined || r.remaining > 0) && (r.until === undefined || now < r.until));
  }
}
