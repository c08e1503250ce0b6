/**
 * The terminal as a child process of the crash harness (test/crash/trial.ts): the real core
 * (`startCore`: configuration from SPORTELLO_CONFIG, SQLite in SPORTELLO_DATA_DIR, recovery first,
 * the outbox and the sweeper running) doing scripted payments against the parent's simulator.
 * SPORTELLO_CRASH_AT may kill it at a persistence point, or the parent kills it after a delay; the
 * next life resumes with the payments not yet started, then acts as the operator for what recovery
 * put aside, waits for the outbox to settle and writes a JSON summary.
 *
 * env: CRASH_PLAN (the ChildPlan JSON file), CRASH_LIFE (1, 2, ...), plus the core's own variables.
 * Everything it did is appended to <data dir>/crash-events.jsonl, one JSON object a line, so the
 * parent knows what a killed life had done (payments started, money taken) without trusting it.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCore } from '../../main/core/core';
import { EventRefused } from '../../main/engine';
import type { NoticeRef, SessionState } from '../../main/engine';
import type { ChildPlan, FaultRule, PaymentPlan } from '../crash/plan';

const plan = JSON.parse(readFileSync(process.env.CRASH_PLAN!, 'utf8')) as ChildPlan;
const life = Number(process.env.CRASH_LIFE ?? '1');
const eventsFile = join(process.env.SPORTELLO_DATA_DIR!, 'crash-events.jsonl');

/** Appended with one write: a SIGKILL leaves whole lines behind. */
function record(event: Record<string, unknown>): void {
  appendFileSync(eventsFile, JSON.stringify({ life, ...event }) + '\n');
}

function readEvents(): Array<Record<string, unknown>> {
  let text = '';
  try {
    text = readFileSync(eventsFile, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter(Boolean).flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

async function admin(path: string, method: string, body?: unknown): Promise<unknown> {
  const r = await fetch(`${plan.adminUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!r.ok) throw new Error(`simulator admin ${method} ${path}: HTTP ${r.status} ${await r.text()}`);
  return r.json();
}

const injectFaults = (rules: FaultRule[] | undefined) => (rules?.length ? admin('/faults', 'POST', rules) : Promise.resolve());

const core = await startCore({ retrySlotMs: plan.retrySlotMs });
const { engine, db } = core;
record({ event: 'life-started', pid: process.pid, recovery: core.recovery });
console.log(JSON.stringify({ event: 'ready', life, recovery: core.recovery }));

// A completed payment gets its certificate, as the shells do when the engine asks for it.
engine.on('print-certificate', (sessionId) => {
  void engine.apply(sessionId, { type: 'certificate-issued' }).catch(() => undefined);
});

async function pay(index: number, p: PaymentPlan): Promise<void> {
  const refs: NoticeRef[] = [];
  for (const n of p.notices) {
    const position = (await admin('/positions', 'POST', {
      fiscalCode: n.fiscalCode, companyName: 'Comune di prova', paymentDescription: `Pagamento di prova ${index}`,
      transfers: [{ amountCents: n.amountCents, iban: 'IT60X0542811101000000123456', remittanceInformation: `Prova ${index}` }],
    })) as { noticeNumber: string };
    refs.push({ fiscalCode: n.fiscalCode, noticeNumber: position.noticeNumber, scannedAmountCents: n.amountCents, source: 'qr' });
  }
  const session = engine.startSession(plan.terminalKind);
  record({ event: 'session', index, sessionId: session.id });
  let s: SessionState = session;
  for (const ref of refs) s = await engine.addNotice(session.id, ref);
  // A notice the node would not verify (a fault window) leaves the cart, as an operator would remove it.
  for (const n of s.notices.filter((x) => x.phase !== 'verified')) s = await engine.apply(session.id, { type: 'notice-removed', noticeId: n.id });
  if (s.notices.length === 0) {
    await engine.cancel(session.id);
    record({ event: 'cancelled', sessionId: session.id, before: 'activation' });
    return;
  }
  await injectFaults(p.beforeActivate);
  s = await engine.activate(session.id);
  record({ event: 'activation-answered', sessionId: session.id, status: s.status, tokens: s.notices.flatMap((n) => n.activation ? [n.activation.paymentToken] : []) });
  if (s.status !== 'activated') return;
  await injectFaults(p.beforeTender);
  if (p.end === 'cancel') {
    await engine.cancel(session.id);
    record({ event: 'cancelled', sessionId: session.id, before: 'tender' });
  } else {
    const due = engine.quote(session.id, 'cash').dueCents;
    s = await engine.tender(session.id, 'cash', due + p.givenExtraCents);
    record({ event: 'tendered', sessionId: session.id, noticesCents: s.tender?.noticesCents, dueCents: due, status: s.status });
  }
  if (p.afterEnd) {
    await sleep(p.afterEnd.pauseMs);
    await moveClock(index, p);
  }
}

/** The node's clock jump that follows a payment; done at most once, even across lives. */
async function moveClock(index: number, p: PaymentPlan): Promise<void> {
  if (!p.afterEnd || p.afterEnd.advanceClockMs <= 0) return;
  await admin('/clock', 'POST', { advanceMs: p.afterEnd.advanceClockMs });
  record({ event: 'clock-moved', index, advanceMs: p.afterEnd.advanceClockMs });
}

/** What an operator does with what recovery set aside: close carts and untendered sessions (their tokens get a KO). */
async function operatorPass(): Promise<void> {
  for (const rec of db.sessions.listByState(['cart', 'activated', 'needs-decision'])) {
    const s = engine.get(rec.id);
    if (s.tender !== null) continue; // money taken: only a person may decide, and the parent reports it
    try {
      await engine.cancel(rec.id);
      record({ event: 'operator-cancelled', sessionId: rec.id, from: s.status, reason: s.decisionReason });
    } catch (e) {
      if (!(e instanceof EventRefused)) throw e;
    }
  }
}

/** Notices whose activation got no answer and whose token (if any) is not closed yet. */
function unresolvedActivations(): number {
  let n = 0;
  for (const rec of db.sessions.listRecent({ limit: 1000 })) {
    for (const row of db.notices.listBySession(rec.id)) {
      const code = (row.lastError as { code?: string } | null)?.code;
      if (row.phase === 'activation-refused' && code === 'ACTIVATION_UNKNOWN' && !row.activation) n++;
    }
  }
  return n;
}

/** Waits for the outbox to settle; lost activations get one sweep cycle (5 s) and a bit more. */
async function drain(): Promise<{ settled: boolean; waitedMs: number }> {
  const start = Date.now();
  let settledAt: number | null = null;
  for (;;) {
    const p = db.outbox.pending();
    const outboxDone = p.depth - p.needsDecision === 0;
    if (outboxDone && settledAt === null) settledAt = Date.now();
    if (!outboxDone) settledAt = null;
    const unresolved = unresolvedActivations();
    if (outboxDone && unresolved === 0) return { settled: true, waitedMs: Date.now() - start };
    if (Date.now() - start > plan.drainMs || (settledAt !== null && Date.now() - settledAt > 6_000)) return { settled: false, waitedMs: Date.now() - start };
    await sleep(50);
  }
}

try {
  const earlier = readEvents();
  const started = new Set(earlier.filter((e) => e.event === 'payment-started').map((e) => e.index as number));
  const moved = new Set(earlier.filter((e) => e.event === 'clock-moved').map((e) => e.index as number));
  // A life killed between a payment and its clock jump: the jump still happens, with the outcome pending.
  for (const index of started) if (!moved.has(index)) await moveClock(index, plan.payments[index]!);
  for (const [index, p] of plan.payments.entries()) {
    if (started.has(index)) continue; // begun in an earlier life: recovery owns it now
    record({ event: 'payment-started', index });
    await pay(index, p);
  }
  await operatorPass();
  const drained = await drain();
  const byState: Record<string, number> = {};
  for (const rec of db.sessions.listRecent({ limit: 1000 })) byState[rec.state] = (byState[rec.state] ?? 0) + 1;
  const summary = { event: 'summary', life, recovery: core.recovery, ...drained, outbox: db.outbox.pending(), unresolvedActivations: unresolvedActivations(), sessions: byState };
  record(summary);
  console.log(JSON.stringify(summary));
  await core.close();
  process.exit(0);
} catch (e) {
  const error = e instanceof Error ? { message: e.message, stack: e.stack } : { message: String(e) };
  record({ event: 'error', ...error });
  console.log(JSON.stringify({ event: 'error', life, ...error }));
  process.exit(3);
}
