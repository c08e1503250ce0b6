/**
 * The promise, checked after a trial from both sides: whatever happened, money collected ends with
 * exactly one OK outcome accepted by the node, every token gets its outcome, nothing is sent twice,
 * and every resend follows the key rule (no answer: same key; an answered fault: a new key).
 * Pure: it judges snapshots (snapshot.ts) and the child's event lines, and says what broke and why.
 */
import type { LogEntry } from '../../sim/log';
import type { PositionView, SessionView } from '../../sim/view';
import type { ChildEvent, NodeSnapshot, TerminalSnapshot } from './snapshot';
import { cardLedger } from '../../main/engine/card-holds';
import { needsWork } from '../../main/services/card/decide';

export type Rule =
  | 'outcome-lost' // money collected, and the terminal has no accepted OK for it (or the amounts do not add up)
  | 'tender-lost' // money the child saw taken is not in the terminal's file
  | 'token-without-outcome' // a token the node handed out never got its outcome (see expiredResolved for the one excuse)
  | 'duplicate' // an outcome sent again after the node settled it, or two outcomes for one token
  | 'key-rule' // a resend broke the idempotency key rule
  | 'money-without-ok' // money collected (and not given back) for a notice the node holds no OK for
  | 'paid-without-tender' // OK without money: the node took an OK the terminal collected nothing for, or gave back
  | 'amount-unverified' // money collected for a notice at an amount other than the one verified (or printed)
  | 'session-stuck' // a session not in a final state at the end, and not put to a person either
  | 'left-to-person' // a session in needs-decision or refund-required that the node's state does not explain
  | 'life-failed' // a life of the terminal died on its own (not killed), or refused a healthy database (trial.ts)
  | 'storage-silent' // an emptied or damaged database used without a word (trial.ts)
  | 'wrong-date' // an outcome whose applicationDate is not the node's calendar date (a clock far off)
  | 'journal-broken'
  | 'card-without-ok' // a card charged (approved, not reversed) for a payment the node holds no accepted OK for
  | 'card-twice' // two charges (approved, not reversed) for one payment
  | 'card-open' // a card authorization still owing a step at the end (an answer, a tender, a reversal, a refund record)
  | 'paid-twice' // one creditor position paid (collected, or OK taken by the node) by two payments
  | 'orphan-token'; // a demanded position no cart holds, yet the node handed out a token for it

/** The harm counts `npm run chaos` reports, each the number of violations of its rules; all must be 0. */
export const HARMS: ReadonlyArray<readonly [string, readonly Rule[]]> = [
  ['outcomes lost', ['outcome-lost', 'tender-lost']],
  ['duplicates', ['duplicate']],
  ['node tokens without an outcome', ['token-without-outcome']],
  ['money collected without an OK accepted', ['money-without-ok']],
  ['OK without money', ['paid-without-tender']],
  ['amounts collected other than the verified one', ['amount-unverified']],
  ['sessions stuck', ['session-stuck']],
  ['cases left to a person', ['left-to-person']],
  ['idempotency key rule broken', ['key-rule']],
  ['terminal lives that died on their own', ['life-failed']],
  ['damaged databases used without a word', ['storage-silent']],
  ['outcomes with a wrong applicationDate', ['wrong-date']],
  ['journal broken', ['journal-broken']],
  ['cards charged without an accepted OK, not reversed', ['card-without-ok']],
  ['payments charged twice by card', ['card-twice']],
  ['card authorizations left open', ['card-open']],
  ['notices paid twice (one creditor position)', ['paid-twice']],
  ['demanded positions in no cart holding a token', ['orphan-token']],
];

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
  /** Tokens closed by the node's own expiry that the terminal had tried to resolve (the one excuse, see below). */
  expiredResolved: number;
  /** Spontaneous payments (issue 15): notices demanded into a cart, and those money was collected for. */
  serviceNotices: number;
  serviceCollected: number;
  /** Demanded notices whose demand's answer said another amount than verify (the verified one is charged). */
  demandAmountDiffered: number;
  /**
   * Creditor positions a demand created that no cart holds (a kill between the answer and the cart, a
   * lost or faulted answer): unpaid at the creditor, nothing at the node. Not harm.
   */
  orphanPositions: number;
  /** Violations by rule (trial.ts adds its own: life-failed, storage-silent). */
  byRule: Partial<Record<Rule, number>>;
}

/** Outcome answers after which the node never changes its mind: a resend may only replay them. */
const FINAL_FAULTS = new Set([
  'PPT_ESITO_GIA_ACQUISITO',
  'PPT_TOKEN_SCADUTO',
  'PPT_TOKEN_SCADUTO_KO',
  'PPT_PAGAMENTO_DUPLICATO',
  'PPT_TOKEN_SCONOSCIUTO',
]);
const SAME_KEY_AFTER = new Set(['no-response', 'unreachable', 'http-error', 'bad-response']);
const SETTLED_STATES = new Set(['completed', 'certified', 'cancelled', 'activation-refused', 'refunded']);

const isOutcome = (e: LogEntry) => e.operation === 'sendPaymentOutcomeV2' || e.operation === 'sendPaymentOutcome';
const short = (token: string) => token.slice(0, 8);

export function check(
  terminal: TerminalSnapshot,
  node: NodeSnapshot,
  events: ChildEvent[],
): { violations: Violation[]; stats: TrialStats } {
  const violations: Violation[] = [];
  const fail = (rule: Rule, detail: string) => violations.push({ rule, detail });

  // Another payer's tokens (the card-refused-ok mix takes the notice with them) are not this terminal's to close.
  const foreign = new Set(events.filter((e) => e.event === 'other-payer').map((e) => String(e.paymentToken)));
  const nodeSessions = new Map<string, { session: SessionView; position: PositionView }>();
  for (const position of node.positions)
    for (const session of position.sessions)
      if (!foreign.has(session.paymentToken)) nodeSessions.set(session.paymentToken, { session, position });
  const noticeByToken = new Map(terminal.notices.filter((n) => n.activation).map((n) => [n.activation!.paymentToken, n]));
  const messagesByToken = groupBy(terminal.outbox, (m) => m.paymentToken);
  const outcomeLog = groupBy(
    node.log.filter((e) => isOutcome(e) && e.request?.paymentTokens?.length),
    (e) => e.request!.paymentTokens![0]!,
  );
  const sessionById = new Map(terminal.sessions.map((s) => [s.id, s]));
  const paidSessions = new Set(terminal.tenders.filter((t) => t.kind === 'payment').map((t) => t.sessionId));
  const stats: TrialStats = {
    sessions: terminal.sessions.length,
    tendered: 0,
    tokens: nodeSessions.size,
    okAccepted: 0,
    koDelivered: 0,
    lateOutcomes: terminal.notices.filter((n) => n.phase === 'accepted-late').length,
    refunds: 0,
    expiredResolved: 0,
    serviceNotices: terminal.verified.filter((v) => v.service).length,
    serviceCollected: 0,
    demandAmountDiffered: terminal.notices.filter(
      (n) => n.service !== undefined && n.service !== null && n.verification && n.verification.amountCents !== n.payloadAmountCents,
    ).length,
    orphanPositions: 0,
    byRule: {},
  };

  // Nothing the child saw tendered is missing from the file (a committed tender survives the kill).
  for (const e of events.filter((x) => x.event === 'tendered')) {
    if (!terminal.tenders.some((t) => t.sessionId === e.sessionId))
      fail('tender-lost', `session ${String(e.sessionId)}: tender returned in life ${e.life} but no tender row`);
  }

  // Money collected: one OK outcome per token, accepted by the node, the amounts adding up.
  for (const tender of terminal.tenders.filter((t) => t.kind === 'payment')) {
    stats.tendered++;
    const oks = terminal.outbox.filter((m) => m.sessionId === tender.sessionId && m.outcome === 'OK');
    if (oks.length === 0) fail('outcome-lost', `session ${tender.sessionId}: tender of ${tender.amountCents} cents without any OK outcome`);
    const covered = oks.reduce((sum, m) => sum + (noticeByToken.get(m.paymentToken)?.activation?.totalAmountCents ?? 0), 0);
    if (oks.length > 0 && covered !== tender.amountCents)
      fail('outcome-lost', `session ${tender.sessionId}: tender ${tender.amountCents} cents, OK outcomes cover ${covered}`);
    for (const m of oks) {
      const at = nodeSessions.get(m.paymentToken);
      const paidHere = at?.session.acquired?.outcome === 'OK' && at.position.paid?.paymentToken === m.paymentToken;
      if (paidHere && m.state === 'accepted') {
        stats.okAccepted++;
        continue;
      }
      const paidByOther = at?.position.paid && at.position.paid.paymentToken !== m.paymentToken;
      // Refused for good and the money given back (a card reversed, a refund recorded): a refund, not a loss.
      const givenBack = sessionById.get(tender.sessionId)?.state === 'refunded';
      if (m.state === 'failed-final' && (paidByOther || givenBack)) stats.refunds++;
      else
        fail(
          'outcome-lost',
          `token ${short(m.paymentToken)}: OK outcome ${m.state} at the terminal, node session ${at?.session.status ?? 'unknown'}, position ${at?.position.state ?? 'unknown'}`,
        );
    }
  }

  // The notices money was collected for: those of a paid session whose OK was queued with the tender
  // (a notice refused after its activation, its token closed with a KO, was not collected).
  const collectedIn = (sessionId: string) =>
    terminal.notices.filter(
      (n) =>
        n.sessionId === sessionId && n.activation && (messagesByToken.get(n.activation.paymentToken) ?? []).some((m) => m.outcome === 'OK'),
    );

  // Money collected (and not given back): the node holds an OK for every notice it was collected for.
  for (const sessionId of paidSessions) {
    const state = sessionById.get(sessionId)?.state;
    if (state === 'refunded') continue;
    for (const n of collectedIn(sessionId)) {
      const token = n.activation!.paymentToken;
      const at = nodeSessions.get(token);
      if (at?.session.acquired?.outcome === 'OK') continue;
      if (at?.position.paid && at.position.paid.paymentToken !== token) continue; // another payment closed it: a refund, judged below
      fail(
        'money-without-ok',
        `session ${sessionId} (${state ?? 'unknown'}): notice ${n.noticeNumber} collected under token ${short(token)}, ${at ? `node session ${at.session.status}` : 'a token the node never issued'}`,
      );
    }
  }

  // Money collected at the amount the customer was shown: the verified one (or the printed one), which is the node's too.
  const verifiedById = new Map(terminal.verified.map((v) => [v.noticeId, v]));
  for (const tender of terminal.tenders.filter((t) => t.kind === 'payment')) {
    const collected = collectedIn(tender.sessionId);
    let confirmedSum = 0;
    for (const n of collected) {
      const confirmed = verifiedById.get(n.id)?.amountCents ?? null;
      const took = n.activation!.totalAmountCents;
      const nodeAmount = nodeSessions.get(n.activation!.paymentToken)?.session.amountCents;
      confirmedSum += confirmed ?? took;
      if (confirmed !== null && took !== confirmed)
        fail(
          'amount-unverified',
          `session ${tender.sessionId}: notice ${n.noticeNumber} collected at ${took} cents, verified at ${confirmed}`,
        );
      else if (nodeAmount !== undefined && took !== nodeAmount)
        fail(
          'amount-unverified',
          `session ${tender.sessionId}: notice ${n.noticeNumber} collected at ${took} cents, the node's amount is ${nodeAmount}`,
        );
    }
    if (collected.length > 0 && tender.amountCents !== confirmedSum)
      fail(
        'amount-unverified',
        `session ${tender.sessionId}: tender of ${tender.amountCents} cents for notices verified at ${confirmedSum} in all`,
      );
  }

  // Spontaneous payments: a demanded notice is charged at verify's amount, never at the demand's alone.
  for (const tender of terminal.tenders.filter((t) => t.kind === 'payment')) {
    for (const n of collectedIn(tender.sessionId)) {
      const v = verifiedById.get(n.id);
      if (!v?.service) continue;
      stats.serviceCollected++;
      if (v.source !== 'verify')
        fail(
          'amount-unverified',
          `session ${tender.sessionId}: demanded notice ${n.noticeNumber} collected at ${n.activation!.totalAmountCents} cents without a verify (the demand's amount alone)`,
        );
    }
  }
  checkPositions(terminal, node, nodeSessions, collectedIn, sessionById, stats, fail);

  // Every token the node handed out: exactly one outcome, the right one.
  for (const [token, { session, position }] of nodeSessions) {
    const messages = messagesByToken.get(token) ?? [];
    const notice = noticeByToken.get(token);
    if (messages.length > 1)
      fail('duplicate', `token ${short(token)}: ${messages.length} outbox messages (${messages.map((m) => m.outcome).join(', ')})`);
    const sent = new Set((outcomeLog.get(token) ?? []).map((e) => e.request?.outcome));
    if (sent.has('OK') && sent.has('KO')) fail('duplicate', `token ${short(token)}: both OK and KO sent`);
    const expected = messages.some((m) => m.outcome === 'OK') ? 'OK' : 'KO';
    const acquired = session.acquired?.outcome;
    if (acquired === 'OK' && expected !== 'OK')
      fail('paid-without-tender', `token ${short(token)}: the node took an OK, the terminal collected nothing for it`);
    if (acquired === 'OK' && notice && sessionById.get(notice.sessionId)?.state === 'refunded') {
      fail('paid-without-tender', `token ${short(token)}: the node took an OK, and the terminal gave the money back (session refunded)`);
    }
    if (expected === 'OK') continue; // judged with its tender above
    const koAnswered = session.received.some((r) => r.outcome === 'KO' && r.answer === 'PPT_TOKEN_SCADUTO_KO');
    if (acquired === 'KO' || koAnswered) {
      stats.koDelivered++;
      continue;
    }
    if (acquired === 'OK') continue;
    if (expiredResolved(token, session, terminal, node.log, sessionById, paidSessions)) {
      stats.expiredResolved++;
      continue;
    }
    fail(
      'token-without-outcome',
      `token ${short(token)} (${position.noticeNumber}): node session ${session.status}, ${notice ? `terminal notice ${notice.phase}` : 'unknown to the terminal'}, outbox ${messages.map((m) => `${m.outcome}:${m.state}`).join(',') || 'nothing'}`,
    );
  }

  // Every outcome the node received is dated on the node's calendar (Europe/Rome), give or take a day.
  for (const { session } of nodeSessions.values()) {
    for (const r of session.received) {
      if (!r.applicationDate) continue;
      const nodeDay = romeDate(Date.parse(r.at));
      if (Math.abs(Date.parse(r.applicationDate.slice(0, 10)) - Date.parse(nodeDay)) > 86_400_000) {
        fail('wrong-date', `token ${short(session.paymentToken)}: ${r.outcome} dated ${r.applicationDate}, received on ${nodeDay}`);
      }
    }
  }

  for (const [token, entries] of outcomeLog) checkWire(token, entries, fail);
  for (const m of terminal.outbox) checkAttempts(m.paymentToken, m.attemptRows, fail);

  // Every activated notice has its outcome queued, every session ended or says why not.
  for (const n of terminal.notices.filter((x) => x.activation)) {
    if (!messagesByToken.has(n.activation!.paymentToken))
      fail(
        'token-without-outcome',
        `notice ${n.noticeNumber} (${n.phase}): token ${short(n.activation!.paymentToken)} has no outcome queued`,
      );
  }
  for (const s of terminal.sessions) {
    if (SETTLED_STATES.has(s.state)) continue;
    const why = terminal.notices
      .filter((n) => n.sessionId === s.id && n.lastError)
      .map((n) => `${n.phase}: ${JSON.stringify(n.lastError)}`)
      .join('; ');
    if (s.state === 'refund-required' && refundExplained(s.id, terminal, nodeSessions)) continue;
    const toPerson = s.state === 'needs-decision' || s.state === 'refund-required';
    fail(
      toPerson ? 'left-to-person' : 'session-stuck',
      `session ${s.id} left ${s.state}${s.decisionReason ? ` (${s.decisionReason})` : ''}${why ? `: ${why}` : ''}`,
    );
  }
  if (!terminal.journal.ok) fail('journal-broken', 'the journal hash chain does not verify');
  checkCards(terminal, node, nodeSessions, fail);

  for (const v of violations) stats.byRule[v.rule] = (stats.byRule[v.rule] ?? 0) + 1;
  return { violations, stats };
}

/**
 * Card money, seen from the terminal simulator: every charge that stands (approved, not reversed) is
 * for a payment the node took one OK per collected notice for; at most one such charge per payment;
 * and no card authorization left owing a step in the terminal's journal.
 */
function checkCards(
  terminal: TerminalSnapshot,
  node: NodeSnapshot,
  nodeSessions: Map<string, { session: SessionView; position: PositionView }>,
  fail: (rule: Rule, detail: string) => void,
): void {
  const standing = groupBy(
    (node.cardTransactions ?? []).filter((t) => t.approved && !t.reversed),
    (t) => t.reference,
  );
  for (const [sessionId, charges] of standing) {
    if (charges.length > 1)
      fail(
        'card-twice',
        `session ${sessionId}: ${charges.length} card charges stand (${charges.map((c) => c.poiTransactionId).join(', ')})`,
      );
    const tendered = terminal.tenders.some((t) => t.kind === 'payment' && t.sessionId === sessionId);
    const oks = terminal.outbox.filter((m) => m.sessionId === sessionId && m.outcome === 'OK');
    const accepted =
      oks.length > 0 &&
      oks.every((m) => {
        const at = nodeSessions.get(m.paymentToken);
        return at?.session.acquired?.outcome === 'OK' && at.position.paid?.paymentToken === m.paymentToken;
      });
    if (!tendered || !accepted)
      fail(
        'card-without-ok',
        `session ${sessionId}: card ${charges.map((c) => c.poiTransactionId).join(', ')} charged, ${tendered ? `OK outcomes ${oks.map((m) => m.state).join(',') || 'none'}` : 'no tender'}, session ${terminal.sessions.find((s) => s.id === sessionId)?.state ?? 'unknown'}`,
      );
  }
  const bySession = groupBy(terminal.cards ?? [], (e) => e.sessionId);
  for (const [sessionId, entries] of bySession) {
    const s = terminal.sessions.find((x) => x.id === sessionId);
    const tendered = terminal.tenders.find((t) => t.kind === 'payment' && t.sessionId === sessionId);
    const ledger = cardLedger(entries);
    const session = { status: (s?.state ?? 'unknown') as never, tender: tendered ? ({ method: tendered.method } as never) : null };
    if (needsWork(ledger, session))
      fail('card-open', `session ${sessionId} (${s?.state ?? 'unknown'}): card authorization ${ledger.phase}`);
  }
}

/**
 * One creditor position, one payment: at most one payment (not refunded) collected money for it, and
 * the node took at most one OK for it. A position a demand created that no cart holds (the terminal
 * died or lost the answer before the notice entered the cart) is an orphan: counted, and harm only
 * when the node handed out a token for it (only a cart's notice is ever activated).
 */
function checkPositions(
  terminal: TerminalSnapshot,
  node: NodeSnapshot,
  nodeSessions: Map<string, { session: SessionView; position: PositionView }>,
  collectedIn: (sessionId: string) => TerminalSnapshot['notices'],
  sessionById: Map<string, TerminalSnapshot['sessions'][number]>,
  stats: TrialStats,
  fail: (rule: Rule, detail: string) => void,
): void {
  const key = (fiscalCode: string, noticeNumber: string) => `${fiscalCode}/${noticeNumber}`;
  const payers = new Map<string, string[]>();
  for (const t of terminal.tenders.filter((x) => x.kind === 'payment')) {
    if (sessionById.get(t.sessionId)?.state === 'refunded') continue;
    for (const n of collectedIn(t.sessionId)) {
      const k = key(n.fiscalCode, n.noticeNumber);
      payers.set(k, [...(payers.get(k) ?? []), t.sessionId]);
    }
  }
  for (const [k, sessions] of payers)
    if (new Set(sessions).size > 1)
      fail('paid-twice', `position ${k}: money collected by ${new Set(sessions).size} payments (${[...new Set(sessions)].join(', ')})`);
  const inCart = new Set(terminal.notices.map((n) => key(n.fiscalCode, n.noticeNumber)));
  for (const position of node.positions) {
    const k = key(position.fiscalCode, position.noticeNumber);
    const oks = position.sessions.filter((s) => nodeSessions.has(s.paymentToken) && s.acquired?.outcome === 'OK');
    if (oks.length > 1)
      fail('paid-twice', `position ${k}: the node took ${oks.length} OKs (tokens ${oks.map((s) => short(s.paymentToken)).join(', ')})`);
    if (position.origin !== 'demand' || inCart.has(k)) continue;
    stats.orphanPositions++;
    const tokens = position.sessions.filter((s) => nodeSessions.has(s.paymentToken));
    if (tokens.length > 0)
      fail('orphan-token', `demanded position ${k} is in no cart, yet the node handed out ${tokens.length} token(s) for it`);
  }
}

/** Violations by harm (HARMS), for one trial or many. */
export function harmCounts(violations: readonly Violation[]): Array<[string, number]> {
  return HARMS.map(([name, rules]) => [name, violations.filter((v) => rules.includes(v.rule)).length]);
}

/**
 * The one excuse for a token the node issued that never got an outcome. All of these must hold:
 * 1. the node's own expiry closed it: its session there is `expired` (no OK, no KO acquired);
 * 2. no money was collected for it: no outbox message names it, and the terminal notice that asked for
 *    it belongs to a session without a payment tender;
 * 3. the terminal knows the request that produced it and that it is closed: a notice for the same
 *    position whose activation idempotency key is the key the node issued the token under, in a
 *    session that ended (completed, certified, cancelled, activation-refused, refunded);
 * 4. the terminal tried to resolve it: the node received that same key again after the token existed
 *    (recovery or the sweeper re-asking), so it was the node, not the terminal, that let it go.
 * A token asked for with a key the terminal no longer holds, one the node issued after the terminal's
 * last re-ask (a slow request processed late), or one still open at the end is never excused.
 */
function expiredResolved(
  token: string,
  session: SessionView,
  terminal: TerminalSnapshot,
  log: LogEntry[],
  sessionById: Map<string, TerminalSnapshot['sessions'][number]>,
  paidSessions: Set<string>,
): boolean {
  const key = session.idempotencyKey;
  if (session.status !== 'expired' || !key) return false;
  if (terminal.outbox.some((m) => m.paymentToken === token)) return false;
  const asker = terminal.notices.find(
    (n) => n.activateIdempotencyKey === key && n.fiscalCode === session.fiscalCode && n.noticeNumber === session.noticeNumber,
  );
  if (!asker || paidSessions.has(asker.sessionId) || !SETTLED_STATES.has(sessionById.get(asker.sessionId)?.state ?? '')) return false;
  const issuedAt = Date.parse(session.activatedAt);
  return log.some((e) => e.request?.idempotencyKey === key && Date.parse(e.at) > issuedAt);
}

/** The calendar date in Italy (the node's), YYYY-MM-DD. */
function romeDate(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
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
    if (settledKey !== null && key !== settledKey)
      fail('duplicate', `token ${short(token)}: request #${e.seq} with a new key after the node settled the outcome`);
    if (e.faultCode === 'PPT_ERRORE_IDEMPOTENZA')
      fail('key-rule', `token ${short(token)}: request #${e.seq} reused a key with other parameters`);
    if (e.faultCode === 'PPT_ESITO_GIA_ACQUISITO' && /discorde/i.test(e.description ?? ''))
      fail('duplicate', `token ${short(token)}: request #${e.seq} contradicts the outcome the node holds`);
    if (e.outcome === 'OK' && !e.replayed) fresh++;
    if (settledKey === null && (e.outcome === 'OK' || FINAL_FAULTS.has(e.faultCode ?? ''))) settledKey = key;
  });
  if (fresh > 1) fail('duplicate', `token ${short(token)}: the node accepted ${fresh} outcomes`);
}

/** The terminal's own record of its attempts: the key it chose for each resend. */
function checkAttempts(
  token: string,
  attempts: TerminalSnapshot['outbox'][number]['attemptRows'],
  fail: (rule: Rule, detail: string) => void,
): void {
  attempts.forEach((a, i) => {
    const prev = attempts[i - 1];
    if (!prev) return;
    if (prev.result === 'accepted') fail('duplicate', `token ${short(token)}: attempt ${a.attemptNo} after an accepted one`);
    else if (SAME_KEY_AFTER.has(prev.result ?? '') && a.idempotencyKey !== prev.idempotencyKey)
      fail('key-rule', `token ${short(token)}: attempt ${a.attemptNo} after ${prev.result} used a new key`);
    else if (prev.result === 'fault' && a.idempotencyKey === prev.idempotencyKey)
      fail('key-rule', `token ${short(token)}: attempt ${a.attemptNo} after an answered fault kept its key`);
  });
}

/** A refund is explained when the node says another payment closed the notice of every refunded token. */
function refundExplained(sessionId: string, terminal: TerminalSnapshot, nodeSessions: Map<string, { position: PositionView }>): boolean {
  const refunded = terminal.notices.filter((n) => n.sessionId === sessionId && n.phase === 'refund-required');
  return (
    refunded.length > 0 &&
    refunded.every((n) => {
      const paid = nodeSessions.get(n.activation?.paymentToken ?? '')?.position.paid;
      return !!paid && paid.paymentToken !== n.activation?.paymentToken;
    })
  );
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) m.set(key(item), [...(m.get(key(item)) ?? []), item]);
  return m;
}
