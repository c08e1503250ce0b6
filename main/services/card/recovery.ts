/**
 * Card authorizations settled exactly once, through crashes, lost answers and node refusals.
 *
 * The kiosk journals its intent before the card terminal is asked (main/engine/card-holds.ts), so
 * what the terminal may have done is never forgotten. This module settles what is left:
 * - an authorization without an answer is asked of the terminal (`device.resolve`): approved → the
 *   approval is settled like a fresh one; not found → closed, no money moved; in progress or
 *   unreachable → stays open, asked again on the next run (the engine holds the session's KO meanwhile);
 * - an approval that is not the session's tender is tendered as card when the session still waits for
 *   exactly that amount with time left on its tokens, else reversed at the terminal (`device.void`);
 * - a card-paid session whose OK the node refused (`refund-required`) is reversed at the terminal and
 *   its refund recorded through the engine; a reversal the terminal refuses is a refund case for a
 *   person (`card-refund-case`, with the reason).
 * Every step is journaled (`card-resolved`, `card-void`, `card-refund-case`). One step per session at a
 * time (a payment retried while the sweep settles it waits for it).
 */
import type { Approval, TenderDevice } from '../../../drivers/tender';
import type { Core } from '../../core/core';
import { CARD_JOURNAL_KINDS, cardKindOf, cardLedger } from '../../engine';
import type { CardApproval, CardLedger } from '../../engine';
import { decideApproval, needsWork, type ApprovalDecision } from './decide';

/** Time an approval's tokens must still have for it to be tendered; closer to the lapse it is reversed. */
export const TENDER_MARGIN_MS = 120_000;

export type SettleResult = 'tendered' | 'reversed' | 'open' | 'refund-case';

const locks = new WeakMap<object, Map<string, Promise<unknown>>>();

/** Runs `step` after any other step of the same session of this core: one at a time per session. */
export function withCardLock<T>(core: Core, sessionId: string, step: () => Promise<T>): Promise<T> {
  let m = locks.get(core.db);
  if (!m) locks.set(core.db, (m = new Map()));
  const prior = m.get(sessionId) ?? Promise.resolve();
  const run = prior.then(step, step);
  const tail = run.catch(() => undefined);
  m.set(sessionId, tail);
  void tail.then(() => {
    if (m.get(sessionId) === tail) m.delete(sessionId);
  });
  return run;
}

/** The session's card authorization as its journal tells it. */
export function ledgerOf(core: Core, sessionId: string): CardLedger {
  const kinds: ReadonlySet<string> = new Set(CARD_JOURNAL_KINDS);
  return cardLedger(core.db.journal.bySession(sessionId).filter((e) => kinds.has(e.kind)));
}

/** Sessions with any card journal entry, oldest first. */
function cardSessions(core: Core): string[] {
  const ids = new Set<string>();
  let beforeSeq: number | undefined;
  for (;;) {
    const page = core.db.journal.search({ kinds: CARD_JOURNAL_KINDS, limit: 1000, ...(beforeSeq !== undefined ? { beforeSeq } : {}) });
    for (const e of page.entries) if (e.sessionId) ids.add(e.sessionId);
    if (page.nextBeforeSeq === null) break;
    beforeSeq = page.nextBeforeSeq;
  }
  return [...ids].reverse();
}

/**
 * Other sessions' authorizations on this terminal still without an answer. The terminal can be asked
 * only about its last payment once the core restarted, so a new payment must not be asked while one
 * is open: its status would hide the older one's.
 */
export function othersAuthorizing(core: Core, deviceId: string, sessionId: string): string[] {
  return cardSessions(core).filter((id) => {
    if (id === sessionId) return false;
    const l = ledgerOf(core, id);
    return l.phase === 'authorizing' && (l.device === null || l.device === deviceId);
  });
}

/** Settles what the session's card authorization still owes (see the file's comment); returns the ledger after. */
export function resolveCard(core: Core, device: TenderDevice | null, sessionId: string): Promise<CardLedger> {
  return withCardLock(core, sessionId, () => resolveNow(core, device, sessionId));
}

async function resolveNow(core: Core, device: TenderDevice | null, sessionId: string): Promise<CardLedger> {
  let l = ledgerOf(core, sessionId);
  if (l.phase === 'authorizing') {
    // Only the terminal that was asked can say how it ended (the technician may have changed it since).
    if (!device?.resolve || !sameTerminal(l.device, device)) return l;
    const answer = await device
      .resolve(sessionId)
      .catch((e: unknown) => ({ outcome: 'unknown' as const, reference: sessionId, reason: 'unreachable' as const, error: codeOf(e) }));
    const last = core.db.journal.bySession(sessionId).at(-1);
    const same =
      answer.outcome === 'unknown' && last?.kind === 'card-resolved' && (last.payload as { reason?: unknown }).reason === answer.reason;
    // An unknown repeated every run is journaled once; any change is.
    if (!same) core.db.journal.append('card-resolved', resolvedPayload(answer, l.amountCents, device.id), sessionId);
    l = ledgerOf(core, sessionId);
  }
  if (l.phase === 'approved' || l.phase === 'reversed') await settle(core, device, sessionId, l);
  // A session the start-up recovery set aside for this card gets that recovery now, if settled.
  await core.engine.releaseRecovered(sessionId);
  return ledgerOf(core, sessionId);
}

/** Settles a fresh approval; the caller holds the session's lock (`withCardLock`). */
export async function settleApprovalLocked(core: Core, device: TenderDevice | null, sessionId: string): Promise<SettleResult> {
  const l = ledgerOf(core, sessionId);
  return l.phase === 'approved' || l.phase === 'reversed' ? settle(core, device, sessionId, l) : 'open';
}

async function settle(
  core: Core,
  device: TenderDevice | null,
  sessionId: string,
  l: Extract<CardLedger, { phase: 'approved' | 'reversed' }>,
): Promise<SettleResult> {
  const { engine } = core;
  const s = engine.get(sessionId);
  const decision = decideApproval({
    ledger: l,
    session: s,
    dueCents: s.status === 'activated' ? engine.quote(sessionId, 'card').dueCents : null,
    nowMs: engine.now(),
    marginMs: TENDER_MARGIN_MS,
  });
  return act(core, device, sessionId, l, decision);
}

async function act(
  core: Core,
  device: TenderDevice | null,
  sessionId: string,
  l: Extract<CardLedger, { phase: 'approved' | 'reversed' }>,
  d: ApprovalDecision,
): Promise<SettleResult> {
  const { engine, db } = core;
  switch (d.kind) {
    case 'settled':
      return d.result;
    case 'tender': {
      const approval = (l as Extract<CardLedger, { phase: 'approved' }>).approval;
      try {
        await engine.tender(sessionId, 'card', null, cardKindOf(approval.cardBrand));
        return 'tendered';
      } catch (refusal) {
        // The tender may have committed before a later step failed: a tendered card is never reversed.
        if (engine.get(sessionId).tender !== null) return 'tendered';
        return reverse(core, device, sessionId, l as Extract<CardLedger, { phase: 'approved' }>, codeOf(refusal), false);
      }
    }
    case 'reverse':
      return reverse(core, device, sessionId, l as Extract<CardLedger, { phase: 'approved' }>, d.why, d.forRefund);
    case 'record-refund':
      await engine.apply(sessionId, { type: 'refund-recorded', note: refundNote(l.approval, device?.id ?? null) });
      return 'reversed';
    case 'person': {
      db.journal.append('card-refund-case', { transactionId: l.approval.transactionId, reason: d.why }, sessionId);
      return 'refund-case';
    }
    default: {
      const never: never = d;
      return never;
    }
  }
}

async function reverse(
  core: Core,
  device: TenderDevice | null,
  sessionId: string,
  l: Extract<CardLedger, { phase: 'approved' }>,
  why: string,
  forRefund: boolean,
): Promise<SettleResult> {
  const { db, engine } = core;
  if (!device || !sameTerminal(l.device, device)) return 'open'; // only the charging terminal reverses: tried again when it is back
  const voided = await device.void(asApproval(l.approval, sessionId)).catch(() => ({ voided: false, reason: 'offline' as const }));
  const failure = voided.voided ? null : (voided.reason ?? 'offline');
  // A failure repeated run after run (the terminal offline) is journaled once.
  if (voided.voided || l.voidFailure !== failure)
    db.journal.append(
      'card-void',
      {
        transactionId: l.approval.transactionId,
        voided: voided.voided,
        refusal: why,
        ...(forRefund ? { for: 'refund' } : {}),
        ...(failure ? { failure } : {}),
      },
      sessionId,
    );
  if (voided.voided) {
    if (forRefund) await engine.apply(sessionId, { type: 'refund-recorded', note: refundNote(l.approval, device.id) });
    return 'reversed';
  }
  if (failure === 'offline') return 'open';
  db.journal.append('card-refund-case', { transactionId: l.approval.transactionId, reason: `reversal ${failure}` }, sessionId);
  return 'refund-case';
}

/**
 * Every card authorization that still owes something is settled (each session isolated: one failure
 * is logged and journaled, never stops the others). Returns how many are still open.
 */
export async function resolveOpenCards(core: Core, device: TenderDevice | null): Promise<number> {
  let open = 0;
  for (const sessionId of cardSessions(core)) {
    try {
      const l = ledgerOf(core, sessionId);
      if (!needsWork(l, core.engine.get(sessionId))) continue;
      const after = await resolveCard(core, device, sessionId);
      if (needsWork(after, core.engine.get(sessionId))) open++;
    } catch (e) {
      open++;
      core.engine.log('error', 'card-resolve-failed', { sessionId, code: codeOf(e), message: e instanceof Error ? e.message : String(e) });
      try {
        core.db.journal.append('recovery-step-failed', { step: 'card-resolve', code: codeOf(e) }, sessionId);
      } catch {
        // storage itself is failing: the log line is all that can be kept
      }
    }
  }
  return open;
}

export interface CardRecovery {
  /** One pass now (joins a pass already running); resolves with how many are still open. */
  run(): Promise<number>;
  stop(): void;
}

/**
 * Settles open card authorizations at once (the core's start: before the kiosk takes a payment), then
 * with every sweep of the core (in progress or unreachable terminals are asked again), before the
 * engine's own sweep steps, never two passes at a time.
 */
export function startCardRecovery(core: Core, device: () => TenderDevice | null): CardRecovery {
  let running: Promise<number> | null = null;
  const run = () => {
    running ??= resolveOpenCards(core, device()).finally(() => {
      running = null;
    });
    return running;
  };
  // A core built by hand (a test's) may have no sweeper: then only this first pass runs.
  const remove = typeof core.addSweepStep === 'function' ? core.addSweepStep('card-resolve', run) : () => undefined;
  void run().catch(() => undefined);
  return { run, stop: remove };
}

function resolvedPayload(
  a: Awaited<ReturnType<NonNullable<TenderDevice['resolve']>>> | { outcome: 'unknown'; reason: string; error?: string },
  amountCents: number,
  device: string,
) {
  const base = { outcome: a.outcome, amountCents, device };
  if (a.outcome === 'approved')
    return {
      ...base,
      amountCents: a.amountCents,
      authCode: a.authCode,
      transactionId: a.transactionId,
      cardBrand: a.cardBrand,
      maskedPan: a.maskedPan,
    };
  if ('reason' in a) return { ...base, reason: a.reason, ...('error' in a && a.error ? { error: a.error } : {}) };
  return base;
}

function sameTerminal(journaled: string | null, device: TenderDevice): boolean {
  return journaled === null || journaled === device.id;
}

function asApproval(a: CardApproval, reference: string): Approval {
  return { outcome: 'approved', reference, ...a };
}

function refundNote(a: CardApproval, device: string | null): string {
  return `card reversal of transaction ${a.transactionId}${device ? ` at terminal ${device}` : ''} (auth ${a.authCode})`;
}

function codeOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'INTERNAL';
}
