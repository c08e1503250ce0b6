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
 * - node-fault: answer KO `faultCode` before handling anything (a configuration fault, an unknown token)
 *
 * Hostile answers (the request is handled fully, the node's state is right, the answer on the wire is not):
 * - fault-after-handling: answer KO `faultCode` instead of the OK (an activation's token stays open)
 * - wrong-amount: an activation's totalAmount (and its first transfer, so the transfers still add up)
 *   becomes `amountCents`, or moves by `amountDeltaCents`; a demandPaymentNotice's amount likewise (the
 *   creditor's position keeps its own: verify tells the truth)
 * - bad-token: an activation's paymentToken becomes one no stPaymentToken allows (`token`: 'long', 5,000
 *   characters; 'markup', escaped markup with control characters)
 * - repeat-token: an activation's paymentToken becomes the newest token an earlier activation handed out
 *   (to anyone on this simulator); with `from: 'settled'`, the newest token whose outcome the node took
 *   (one the client certainly holds: only the holder sends an outcome). The rule waits, unconsumed,
 *   until there is such a token
 */
import { z } from 'zod';
import { OPERATION_NAMES, type Operation } from './operations';
import { describeIssues } from './position-input';
import { OPERATIONS } from './operations';
import { envelope, responseBody } from './soap';
import { faultXml, nodeFault, type NodeFaultCode } from './faults';
import { centsToAmount, amountToCents } from '../kernel/money';
import type { SimClock } from './clock';
import type { InjectedFault, LogEntry } from './log';

const KINDS = [
  'latency',
  'refuse',
  'outage',
  'drop-response',
  'http500',
  'http503',
  'system-error',
  'node-fault',
  'fault-after-handling',
  'wrong-amount',
  'bad-token',
  'repeat-token',
] as const;
/** Kinds that let the node handle the request and then change the answer it gives. */
const REWRITES = new Set(['fault-after-handling', 'wrong-amount', 'bad-token', 'repeat-token']);
/** The node's own faults an injected answer may carry (the ones a client must survive from any primitive). */
const FAULT_CODES: [NodeFaultCode, ...NodeFaultCode[]] = [
  'PPT_SYSTEM_ERROR',
  'PPT_AUTENTICAZIONE',
  'PPT_AUTORIZZAZIONE',
  'PPT_CANALE_SCONOSCIUTO',
  'PPT_PSP_SCONOSCIUTO',
  'PPT_INTERMEDIARIO_PSP_SCONOSCIUTO',
  'PPT_SEMANTICA',
  'PPT_TOKEN_SCONOSCIUTO',
  'PPT_PAGAMENTO_IN_CORSO',
  'PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE',
];

const ruleInput = z
  .strictObject({
    kind: z.enum(KINDS),
    primitive: z.union([z.literal('*'), z.enum(OPERATION_NAMES as [Operation, ...Operation[]])]).default('*'),
    count: z.int().min(1).optional(),
    forMs: z.int().min(1).optional(),
    latencyMs: z.int().min(0).max(600_000).optional(),
    faultCode: z.enum(FAULT_CODES).optional(),
    amountCents: z.int().min(0).optional(),
    amountDeltaCents: z.int().optional(),
    token: z.enum(['long', 'markup']).optional(),
    from: z.enum(['issued', 'settled']).optional(),
  })
  .refine((r) => (r.kind === 'latency') === (r.latencyMs !== undefined), 'latencyMs is required for kind latency, and only for it')
  .refine(
    (r) => (r.kind === 'node-fault' || r.kind === 'fault-after-handling') === (r.faultCode !== undefined),
    'faultCode is required for kinds node-fault and fault-after-handling, and only for them',
  )
  .refine(
    (r) => (r.kind === 'wrong-amount') === ((r.amountCents !== undefined) !== (r.amountDeltaCents !== undefined)),
    'kind wrong-amount takes exactly one of amountCents and amountDeltaCents, other kinds neither',
  )
  .refine((r) => (r.kind === 'bad-token') === (r.token !== undefined), 'token is required for kind bad-token, and only for it')
  .refine((r) => r.from === undefined || r.kind === 'repeat-token', 'from is only for kind repeat-token');

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
  faultCode?: NodeFaultCode;
  amountCents?: number;
  amountDeltaCents?: number;
  token?: 'long' | 'markup';
  /** repeat-token: repeat the newest token handed out (default), or the newest one whose outcome the node took */
  from?: 'issued' | 'settled';
}

export type FaultAction = 'refuse' | 'drop-response' | 'http500' | 'http503' | 'system-error' | 'node-fault' | 'rewrite';

export interface FaultDecision {
  latencyMs: number;
  action?: FaultAction;
  /** the rule behind a node-fault or rewrite action, with its parameters */
  rule?: FaultRule;
  /** the kinds applied, for the log */
  applied: InjectedFault[];
}

/** The few fields of an HTTP answer a rewrite needs (server.ts's SoapReply has them). */
export interface AnswerText {
  status: number;
  body: string;
  contentType: string;
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
  /** Tokens activation answers handed out, newest last: what repeat-token repeats. */
  private issued: string[] = [];
  /** Tokens whose outcome the node took, newest last: what repeat-token with from 'settled' repeats. */
  private settled: string[] = [];

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
        ...(parsed.faultCode !== undefined ? { faultCode: parsed.faultCode } : {}),
        ...(parsed.amountCents !== undefined ? { amountCents: parsed.amountCents } : {}),
        ...(parsed.amountDeltaCents !== undefined ? { amountDeltaCents: parsed.amountDeltaCents } : {}),
        ...(parsed.token !== undefined ? { token: parsed.token } : {}),
        ...(parsed.from !== undefined ? { from: parsed.from } : {}),
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
      else if (rule.kind === 'repeat-token' && (rule.from === 'settled' ? this.settled : this.issued).length === 0)
        continue; // nothing to repeat yet: wait
      else if (REWRITES.has(rule.kind)) {
        decision.action = 'rewrite';
        decision.rule = { ...rule };
      } else if (rule.kind === 'node-fault') {
        decision.action = 'node-fault';
        decision.rule = { ...rule };
      } else decision.action = rule.kind === 'outage' ? 'refuse' : (rule.kind as FaultAction);
      decision.applied.push(rule.kind);
      if (rule.remaining !== undefined) rule.remaining--;
    }
    this.prune();
    return decision;
  }

  /**
   * The answer a node-fault rule gives instead of handling the request (undefined for other actions,
   * or when the SOAPAction names no operation: server.ts then answers HTTP 500 as for system-error).
   */
  faultAnswer(decision: FaultDecision, op: Operation | undefined, entry: LogEntry): AnswerText | undefined {
    if (decision.action !== 'node-fault' || !op || !decision.rule?.faultCode) return undefined;
    return koAnswer(op, decision.rule.faultCode, entry);
  }

  /**
   * Every answer passes here after the node handled its request: the tokens activations hand out are
   * remembered (for repeat-token), and a rewrite rule changes the answer on the wire. The log entry
   * keeps what the node did (its token), plus what the client was told instead.
   */
  rewrite(decision: FaultDecision, op: Operation | undefined, answer: AnswerText, entry: LogEntry): AnswerText {
    const issuedNow = entry.paymentToken !== undefined && !entry.replayed ? entry.paymentToken : undefined;
    const rule = decision.action === 'rewrite' ? decision.rule : undefined;
    const pool = rule?.from === 'settled' ? this.settled : this.issued;
    const earlier = [...pool].reverse().find((t) => t !== entry.paymentToken);
    if (issuedNow) this.issued.push(issuedNow);
    if (op?.startsWith('sendPaymentOutcome') && entry.outcome === 'OK' && !entry.replayed)
      this.settled.push(...(entry.request?.paymentTokens ?? []));
    if (!rule || !op || entry.outcome !== 'OK') return answer;
    if (rule.kind === 'fault-after-handling') return koAnswer(op, rule.faultCode ?? 'PPT_SYSTEM_ERROR', entry, true);
    if (op === 'demandPaymentNotice' && rule.kind === 'wrong-amount') return { ...answer, body: shiftLeaf(answer.body, 'amount', rule) };
    if (!op.startsWith('activatePaymentNotice')) return answer;
    let body = answer.body;
    if (rule.kind === 'wrong-amount') body = shiftAmount(body, rule);
    if (rule.kind === 'bad-token') body = replaceLeaf(body, 'paymentToken', rule.token === 'long' ? 'f'.repeat(5_000) : MARKUP_TOKEN);
    if (rule.kind === 'repeat-token' && earlier) body = replaceLeaf(body, 'paymentToken', earlier);
    return { ...answer, body };
  }

  private prune(): void {
    const now = this.clock.now();
    this.rules = this.rules.filter((r) => (r.remaining === undefined || r.remaining > 0) && (r.until === undefined || now < r.until));
  }
}

/** Escaped markup with control characters (bell, escape, a form feed as a character reference XML 1.0 forbids). */
const MARKUP_TOKEN = '&lt;img src=x onerror=alert(1)&gt;&#27;[2J&#7;&#12;';

function koAnswer(op: Operation, code: NodeFaultCode, entry: LogEntry, afterHandling = false): AnswerText {
  const bean = nodeFault(
    code,
    afterHandling ? 'guasto iniettato dal simulatore dopo aver gestito la richiesta' : 'guasto iniettato dal simulatore',
  );
  entry.outcome = 'KO';
  entry.faultCode = code;
  entry.description = bean.description!;
  entry.httpStatus = 200;
  return {
    status: 200,
    body: envelope(responseBody(OPERATIONS[op].response, `<outcome>KO</outcome>${faultXml(bean)}`)),
    contentType: 'text/xml; charset=utf-8',
  };
}

function replaceLeaf(body: string, name: string, text: string): string {
  return body.replace(new RegExp(`<${name}>[^<]*</${name}>`), `<${name}>${text}</${name}>`);
}

/** One amount leaf to the rule's amount (at least 0.01), or moved by its delta. */
function shiftLeaf(body: string, name: string, rule: FaultRule): string {
  const text = new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];
  if (text === undefined) return body;
  const now = rule.amountCents ?? amountToCents(text) + (rule.amountDeltaCents ?? 0);
  return replaceLeaf(body, name, centsToAmount(Math.max(1, now)));
}

/** totalAmount to the rule's amount; the first transfer moves by the same difference, so the transfers still add up. */
function shiftAmount(body: string, rule: FaultRule): string {
  const total = /<totalAmount>([^<]*)<\/totalAmount>/.exec(body)?.[1];
  if (total === undefined) return body;
  const was = amountToCents(total);
  const now = rule.amountCents ?? Math.max(0, was + (rule.amountDeltaCents ?? 0));
  const first = /<transferAmount>([^<]*)<\/transferAmount>/.exec(body)?.[1];
  let out = replaceLeaf(body, 'totalAmount', centsToAmount(now));
  if (first !== undefined) {
    const moved = amountToCents(first) + (now - was);
    if (moved > 0) out = replaceLeaf(out, 'transferAmount', centsToAmount(moved));
  }
  return out;
}
