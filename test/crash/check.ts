/**
 * The promise, checked after a trial from both sides: whatever happened, money collected ends with
 * exactly one OK outcome accepted by the node, every token gets its outcome, nothing is sent twice,
 * and every resend follows the key rule (no answer: same key; an answered fault: a new key).
 * Pure: it judges snapshots (snapshot.ts) and the child's event lines, and says what broke and why.
 */
import type { LogEntry } from '../../sim/log';
import type { PositionView, SessionView } from '../../sim/view';
import type { ChildEvent, NodeSnapshot, TerminalSnapshot } from './snapshot';

export type Rule =
  | 'outcome-lost' // money collected, and the node has no accepted OK for a token it paid for
  | 'token-without-outcome' // a token the node handed out never got its outcome
  | 'duplicate' // an outcome sent again after the node settled it, or two outcomes for one token
  | 'key-rule' // a resend broke the idempotency key rule
  | 'tender-lost' // money the child saw taken is not in the terminal's file
  | 'paid-without-tender' // the node took an OK the terminal never collected money for
  | 'undecided-session' // a session left without a decision, or with one nobody can explain
  | 'journal-broken';

export interface Violation {
  rule: Rule;
  detail: string;
}

export interface TrialStats {
  sessions: number;
  tendered: number;
  tokens: number;
  okAccepted: number;
  koDelivered: number;
  lateOutcomes: number;
  refunds: number;
  orphansExpired: number;
  outcomesLost: number;
  duplicates: number;
}

/** Outcome answers after which the node never changes its mind: a resend may only replay them. */
const FINAL_FAULTS = new Set(['PPT_ESITO_GIA_ACQUISITO', 'PPT_TOKEN_SCADUTO', 'PPT_TOKEN_SCADUTO_KO', 'PPT_PAGAMENTO_DUPLICATO', 'PPT_TOKEN_SCONOSCIUTO']);
const SAME_KEY_AFTER = new Set(['no-response', 'unreachable', 'http-error', 'bad-response']);
const SETTLED_STATES = new Set(['completed', 'certified', 'cancelled', 'activation-refused', 'refunded']);

const isOutcome = (e: LogEntry) => e.operation === 'sendPaymentOutcomeV2' || e.operation === 'sendPaymentOutcome';
const short = (token: string) => token.slice(0, 8);

export function check(terminal: TerminalSnapshot, node: NodeSnapshot, events: ChildEvent[]): { violations: Violation[]; stats: TrialStats } {
  const violations: Violation[] = [];
  const fail = (rule: Rule, detail: string) => violations.push({ rule, detail });

  const nodeSessions = new Map<string, { session: SessionView; position: PositionView }>();
  for (const position of node.positions) for (const session of position.sessions) nodeSessions.set(session.paymentToken, { session, position });
  const noticeByToken = new Map(terminal.notices.filter((n) => n.activation).map((n) => [n.activation!.paymentToken, n]));
  const messagesByToken = groupBy(terminal.outbox, (m) => m.paymentToken);
  const outcomeLog = groupBy(node.log.filter((e) => isOutcome(e) && e.request?.paymentTokens?.length), (e) => e.request!.paymentTokens![0]!);
  const stats: TrialStats = {
    sessions: terminal.sessions.length, tendered: 0, tokens: nodeSessions.size, okAccepted: 0, koDelivered: 0,
    lateOutcomes: terminal.notices.filter((n) => n.phase === 'accepted-late').length, refunds: 0, orphansExpired: 0, outcomesLost: 0, duplicates: 0,
  };

  // Nothing the child saw tendered is missing from the file (a committed tender survives the kill).
  for (const e of events.filter((x) => x.event === 'tendered')) {
    if (!terminal.tenders.some((t) => t.sessionId === e.sessionId)) fail('tender-lost', `session ${String(e.sessionId)}: tender returned in life ${e.life} but no tender row`);
  }

  // Money collected: one OK outcome per token, accepted by the node, the amounts adding up.
  for (const tender of terminal.tenders.filter((t) => t.kind === 'payment')) {
    stats.tendered++;
    const oks = terminal.outbox.filter((m) => m.sessionId === tender.sessionId && m.outcome === 'OK');
    if (oks.length === 0) fail('outcome-lost', `session ${tender.sessionId}: tender of ${tender.amountCents} cents without any OK outcome`);
    const covered = oks.reduce((sum, m) => sum + (noticeByToken.get(m.paymentToken)?.activation?.totalAmountCents ?? 0), 0);
    if (oks.length > 0 && covered !== tender.amountCents) fail('outcome-lost', `session ${tender.sessionId}: tender ${tender.amountCents} cents, OK outcomes cover ${covered}`);
    for (const m of oks) {
      const at = nodeSessions.get(m.paymentToken);
      const paidHere = at?.session.acquired?.outcome === 'OK' && at.position.paid?.paymentToken === m.paymentToken;
      if (paidHere && m.state === 'accepted') {
        stats.okAccepted++;
        continue;
      }
      const paidByOther = at?.position.paid && at.position.paid.paymentToken !== m.paymentToken;
      if (m.state === 'failed-final' && paidByOther) stats.refunds++;
      else fail('outcome-lost', `token ${short(m.paymentToken)}: OK outcome ${m.state} at the terminal, node session ${at?.session.status ?? 'unknown'}, position ${at?.position.state ?? 'unknown'}`);
    }
  }

  // Every token the node handed out: exactly one outcome, the right one.
  for (const [token, { session, position }] of nodeSessions) {
    const messages = messagesByToken.get(token) ?? [];
    const notice = noticeByToken.get(token);
    if (messages.length > 1) fail('duplicate', `token ${short(token)}: ${messages.length} outbox messages (${messages.map((m) => m.outcome).join(', ')})`);
    const sent = new Set((outcomeLog.get(token) ?? []).map((e) => e.request?.outcome));
    if (sent.has('OK') && sent.has('KO')) fail('duplicate', `token ${short(token)}: both OK and KO sent`);
    const expected = messages.some((m) => m.outcome === 'OK') ? 'OK' : 'KO';
    const acquired = session.acquired?.outcome;
    if (acquired === 'OK' && expected !== 'OK') fail('paid-without-tender', `token ${short(token)}: the node took an OK, the terminal collected nothing for it`);
    if (expected === 'OK') continue; // judged with its tender above
    const koAnswered = session.received.some((r) => r.outcome === 'KO' && r.answer === 'PPT_TOKEN_SCADUTO_KO');
    if (acquired === 'KO' || koAnswered) {
      stats.koDelivered++;
      continue;
    }
    if (acquired === 'OK') continue;
    if (!notice && session.status === 'expired' && forgottenActivation(node.log, token)) {
      // The answer was lost, and by the time the terminal asked again with the same key the node had
      // let the token lapse and forgotten the key: nobody can name this token any more.
      stats.orphansExpired++;
      continue;
    }
    fail('token-without-outcome', `token ${short(token)} (${position.noticeNumber}): node session ${session.status}, ${notice ? `terminal notice ${notice.phase}` : 'unknown to the terminal'}, outbox ${messages.map((m) => `${m.outcome}:${m.state}`).join(',') || 'nothing'}`);
  }

  for (const [token, entries] of outcomeLog) checkWire(token, entries, fail);
  for (const m of terminal.outbox) checkAttempts(m.paymentToken, m.attemptRows, fail);

  // Every activated notice has its outcome queued, every session ended or says why not.
  for (const n of terminal.notices.filter((x) => x.activation)) {
    if (!messagesByToken.has(n.activation!.paymentToken)) fail('token-without-outcome', `notice ${n.noticeNumber} (${n.phase}): token ${short(n.activation!.paymentToken)} has no outcome queued`);
  }
  for (const s of terminal.sessions) {
    if (SETTLED_STATES.has(s.state)) continue;
    const why = terminal.notices.filter((n) => n.sessionId === s.id && n.lastError).map((n) => `${n.phase}: ${JSON.stringify(n.lastError)}`).join('; ');
    if (s.state === 'refund-required' && refundExplained(s.id, terminal, nodeSessions)) continue;
    fail('undecided-session', `session ${s.id} left ${s.state}${s.decisionReason ? ` (${s.decisionReason})` : ''}${why ? `: ${why}` : ''}`);
  }
  if (!terminal.journal.ok) fail('journal-broken', 'the journal hash chain does not verify');

  stats.outcomesLost = violations.filter((v) => v.rule === 'outcome-lost' || v.rule === 'token-without-outcome').length;
  stats.duplicates = violations.filter((v) => v.rule === 'duplicate' || v.rule === 'paid-without-tender').length;
  return { violations, stats };
}

/** The node's request log for one token: lost answers resent with their key, nothing new after a final answer. */
function checkWire(token: string, entries: LogEntry[], fail: (rule: Rule, detail: string) => void): void {
  let settledKey: string | null = null;
  let fresh = 0;
  entries.forEach((e, i) => {
    const key = e.request?.idempotencyKey ?? null;
    const prev = entries[i - 1];
    if (prev && prev.httpStatus === undefined && prev.request?.idempotencyKey !== key) {
      fail('key-rule', `token ${short(token)}: request #${e.seq} after a lost response used a new key`);
    }
    if (settledKey !== null && key !== settledKey) fail('duplicate', `token ${short(token)}: request #${e.seq} with a new key after the node settled the outcome`);
    if (e.faultCode === 'PPT_ERRORE_IDEMPOTENZA') fail('key-rule', `token ${short(token)}: request #${e.seq} reused a key with other parameters`);
    if (e.faultCode === 'PPT_ESITO_GIA_ACQUISITO' && /discorde/i.test(e.description ?? '')) fail('duplicate', `token ${short(token)}: request #${e.seq} contradicts the outcome the node holds`);
    if (e.outcome === 'OK' && !e.replayed) fresh++;
    if (settledKey === null && (e.outcome === 'OK' || FINAL_FAULTS.has(e.faultCode ?? ''))) settledKey = key;
  });
  if (fresh > 1) fail('duplicate', `token ${short(token)}: the node accepted ${fresh} outcomes`);
}

/** The terminal's own record of its attempts: the key it chose for each resend. */
function checkAttempts(token: string, attempts: TerminalSnapshot['outbox'][number]['attemptRows'], fail: (rule: Rule, detail: string) => void): void {
  attempts.forEach((a, i) => {
    const prev = attempts[i - 1];
    if (!prev) return;
    if (prev.result === 'accepted') fail('duplicate', `token ${short(token)}: attempt ${a.attemptNo} after an accepted one`);
    else if (SAME_KEY_AFTER.has(prev.result ?? '') && a.idempotencyKey !== prev.idempotencyKey) fail('key-rule', `token ${short(token)}: attempt ${a.attemptNo} after ${prev.result} used a new key`);
    else if (prev.result === 'fault' && a.idempotencyKey === prev.idempotencyKey) fail('key-rule', `token ${short(token)}: attempt ${a.attemptNo} after an answered fault kept its key`);
  });
}

/** True when the activation that handed out `token` was asked again with its key and got another token. */
function forgottenActivation(log: LogEntry[], token: string): boolean {
  const first = log.find((e) => e.paymentToken === token);
  const key = first?.request?.idempotencyKey;
  return !!key && log.some((e) => e.seq > first.seq && e.request?.idempotencyKey === key && e.paymentToken !== undefined && e.paymentToken !== token);
}

/** A refund is explained when the node says another payment closed the notice of every refunded token. */
function refundExplained(sessionId: string, terminal: TerminalSnapshot, nodeSessions: Map<string, { position: PositionView }>): boolean {
  const refunded = terminal.notices.filter((n) => n.sessionId === sessionId && n.phase === 'refund-required');
  return refunded.length > 0 && refunded.every((n) => {
    const paid = nodeSessions.get(n.activation?.paymentToken ?? '')?.position.paid;
    return !!paid && paid.paymentToken !== n.activation?.paymentToken;
  });
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) m.set(key(item), [...(m.get(key(item)) ?? []), item]);
  return m;
}
