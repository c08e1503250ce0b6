/**
 * The terminal as a child process of the crash harness (test/crash/trial.ts): the real core
 * (`startCore`: configuration from SPORTELLO_CONFIG, SQLite in SPORTELLO_DATA_DIR, recovery first,
 * the outbox and the sweeper running) doing scripted payments against the parent's simulator.
 * SPORTELLO_CRASH_AT may kill it at a persistence point, or the parent kills it after a delay; the
 * next life resumes with the payments not yet started, then acts as the operator for what recovery
 * put aside, waits for the outbox to settle and writes a JSON summary.
 *
 * env: CRASH_PLAN (the ChildPlan JSON file), CRASH_LIFE (1, 2, ...), CRASH_FAKETIME_FILE (the
 * faketime timestamp file this life runs under, when the clock is behind), plus the core's own variables.
 * A typed refusal (a SportelloError) during a payment is what an operator sees on screen: recorded as
 * `payment-refused`, and the child goes on; anything else ends the life with an `error` line.
 * Everything it did is appended to CRASH_EVENTS (the trial's crash-events.jsonl), one JSON object a line, so the
 * parent knows what a killed life had done (payments started, money taken) without trusting it.
 */
import { appendFileSync, closeSync, openSync, readFileSync, rmSync, writeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCore } from '../../main/core/core';
import { CARD_JOURNAL_KINDS, cardLedger, EventRefused } from '../../main/engine';
import { payByCard } from '../../main/services/kiosk/card-payment';
import { startCardRecovery } from '../../main/services/card/recovery';
import { needsWork } from '../../main/services/card/decide';
import { NexoCardTerminal } from '../../drivers/tender';
import { catalogueOf } from '../../main/services/catalogue/store';
import { ServiceDemand } from '../../main/services/catalogue/demand';
import { SportelloError } from '../../kernel/errors';
import type { NoticeRef, SessionState } from '../../main/engine';
import { BALLAST, CARD_TERMINAL_TIMING } from '../crash/plan';
import type { ChildPlan, FaultRule, PaymentPlan } from '../crash/plan';

const plan = JSON.parse(readFileSync(process.env.CRASH_PLAN!, 'utf8')) as ChildPlan;
const life = Number(process.env.CRASH_LIFE ?? '1');
const dataDir = process.env.SPORTELLO_DATA_DIR!;
/** Outside the data dir (which may be a full tmpfs or a damaged database's folder): CRASH_EVENTS. */
const eventsFile = process.env.CRASH_EVENTS ?? join(dataDir, 'crash-events.jsonl');

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
  return text
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
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

/** A core that refuses to start (a damaged database) says so with its typed code: the parent judges whether that was right. */
async function start(): Promise<Awaited<ReturnType<typeof startCore>>> {
  try {
    return await startCore({ retrySlotMs: plan.retrySlotMs });
  } catch (e) {
    const refusal = {
      event: 'start-refused',
      life,
      code: e instanceof SportelloError ? e.code : null,
      message: e instanceof Error ? e.message : String(e),
    };
    record(refusal);
    console.log(JSON.stringify(refusal));
    process.exit(4);
  }
}

const core = await start();
const { engine, db } = core;
record({ event: 'life-started', pid: process.pid, recovery: core.recovery });
console.log(JSON.stringify({ event: 'ready', life, recovery: core.recovery }));

// The kiosk's card terminal (the parent's nexo simulator): open card authorizations a kill left are
// settled at once and with every sweep, before any payment of this life (main/services/card).
const terminal = new NexoCardTerminal({
  url: plan.nexo.url,
  insecureLoopback: true,
  poiId: plan.nexo.poiId,
  saleId: 'sportello-crash',
  key: plan.nexo.key,
  ...CARD_TERMINAL_TIMING,
});
const cardRecovery = startCardRecovery(core, () => terminal);

// Spontaneous payments (the service mixes): the car tax is demanded from the catalogue's entry, so
// the catalogue must be there (kept in SQLite from an earlier life, else fetched now, a few tries).
const catalogue = catalogueOf(core);
const demand = new ServiceDemand({ catalogue, node: core.node, engine, journal: db.journal });
if (plan.payments.some((p) => p.services?.length) && catalogue.status().state === 'none') {
  for (let tries = 0; tries < 5 && catalogue.status().state === 'none'; tries++) {
    try {
      await catalogue.refresh();
    } catch (e) {
      record({ event: 'catalogue-refresh-failed', code: e instanceof SportelloError ? e.code : null });
      await sleep(300);
    }
  }
}

// A completed payment gets its certificate, as the shells do when the engine asks for it.
engine.on('print-certificate', (sessionId) => {
  void engine.apply(sessionId, { type: 'certificate-issued' }).catch(() => undefined);
});

async function pay(index: number, p: PaymentPlan): Promise<void> {
  const refs: NoticeRef[] = [];
  for (const n of p.notices) {
    const position = (await admin('/positions', 'POST', {
      fiscalCode: n.fiscalCode,
      companyName: 'Comune di prova',
      paymentDescription: `Pagamento di prova ${index}`,
      transfers: [{ amountCents: n.amountCents, iban: 'IT60X0542811101000000123456', remittanceInformation: `Prova ${index}` }],
    })) as { noticeNumber: string };
    refs.push({ fiscalCode: n.fiscalCode, noticeNumber: position.noticeNumber, scannedAmountCents: n.amountCents, source: 'qr' });
  }
  const session = engine.startSession(plan.terminalKind);
  record({ event: 'session', index, sessionId: session.id });
  let s: SessionState = session;
  const scanned = async () => {
    for (const ref of refs) s = await engine.addNotice(session.id, ref);
  };
  if (!p.servicesFirst) await scanned();
  if (p.services?.length) {
    await injectFaults(p.beforeDemand);
    for (const [item, sv] of p.services.entries()) {
      // The parent may kill this life a moment after this line (kill-on), while the creditor's answer is on its way.
      console.log(JSON.stringify({ event: 'demanding', index, item, life }));
      const values = { 'veicoloConTarga/tipoVeicoloTarga': sv.tipo, 'veicoloConTarga/veicoloTarga': sv.targa };
      try {
        s = await demand.addService(session.id, sv.idSoggettoServizio, values);
        const n = s.notices.at(-1)!;
        record({
          event: 'service-added',
          index,
          sessionId: session.id,
          fiscalCode: n.ref.fiscalCode,
          noticeNumber: n.ref.noticeNumber,
          demandedCents: n.ref.scannedAmountCents,
          verifiedCents: n.verification?.amountCents ?? null,
          phase: n.phase,
        });
      } catch (e) {
        // The car tax refused (a fault, no answer): the operator says so and takes the rest of the cart.
        if (!(e instanceof SportelloError)) throw e;
        record({ event: 'service-refused', index, sessionId: session.id, code: e.code, message: e.message });
      }
    }
  }
  if (p.servicesFirst) await scanned();
  // A notice the node would not verify (a fault window) leaves the cart, as an operator would remove it.
  for (const n of s.notices.filter((x) => x.phase !== 'verified'))
    s = await engine.apply(session.id, { type: 'notice-removed', noticeId: n.id });
  if (s.notices.length === 0) {
    await engine.cancel(session.id);
    record({ event: 'cancelled', sessionId: session.id, before: 'activation' });
    return;
  }
  await injectFaults(p.beforeActivate);
  // The parent may kill this life a moment after this line (kill-on), while the node holds the request.
  console.log(JSON.stringify({ event: 'activating', index, life }));
  s = await engine.activate(session.id);
  record({
    event: 'activation-answered',
    sessionId: session.id,
    status: s.status,
    tokens: s.notices.flatMap((n) => (n.activation ? [n.activation.paymentToken] : [])),
  });
  if (s.status !== 'activated') return;
  await injectFaults(p.beforeTender);
  if (p.end === 'card') {
    await payCard(index, session.id, refs, p);
  } else if (p.end === 'cancel') {
    await engine.cancel(session.id);
    record({ event: 'cancelled', sessionId: session.id, before: 'tender' });
  } else {
    const due = engine.quote(session.id, 'cash').dueCents;
    s = await engine.tender(session.id, 'cash', due + p.givenExtraCents);
    record({ event: 'tendered', sessionId: session.id, noticesCents: s.tender?.noticesCents, dueCents: due, status: s.status });
    if (p.diskFull) await fillDisk(p.diskFull.freeAfterMs);
  }
  if (p.afterEnd) {
    await sleep(p.afterEnd.pauseMs);
    await moveClock(index, p);
  }
}

/** The citizen pays by card at the kiosk; under `refuseOk` the node then refuses the OK (plan.ts CardPlan). */
async function payCard(index: number, sessionId: string, refs: NoticeRef[], p: PaymentPlan): Promise<void> {
  if (p.card?.script) await nexoAdmin('/script', { script: p.card.script });
  // The OKs are held at the node (read, then handled 3 s later) while the token lapses and another payer
  // takes the notice: handled then, they are refused. A resend after the client's timeout meets the same.
  if (p.card?.refuseOk) await injectFaults([{ kind: 'latency', primitive: 'sendPaymentOutcomeV2', latencyMs: 3_000, count: refs.length }]);
  const r = await payByCard(core, terminal, sessionId);
  const s = engine.get(sessionId);
  record({ event: 'card-paid', index, sessionId, result: r.result, reason: r.reason, status: s.status });
  if (s.tender) record({ event: 'tendered', sessionId, noticesCents: s.tender.noticesCents, status: s.status });
  if (!p.card?.refuseOk || !s.tender) return;
  // Meanwhile the token lapses at the node and is released, and another payer takes the notice.
  await admin('/clock', 'POST', { advanceMs: 31 * 60_000 });
  await admin('/cancel-job', 'POST', {});
  for (const ref of refs) {
    const a = await core.node.activatePaymentNoticeV2({
      idempotencyKey: core.node.newIdempotencyKey(),
      qrCode: { fiscalCode: ref.fiscalCode, noticeNumber: ref.noticeNumber },
      expirationTime: 1_800_000,
      amount: ref.scannedAmountCents!,
      paymentMethod: 'PO',
      touchPoint: 'PSP',
    });
    // Another payer's token: not this terminal's to close (the checker leaves it out).
    record({ event: 'other-payer', sessionId, paymentToken: a.paymentToken });
  }
  core.outbox.kick();
}

async function nexoAdmin(path: string, body: unknown): Promise<void> {
  const r = await fetch(`${plan.nexo.adminUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`nexo simulator admin POST ${path}: HTTP ${r.status} ${await r.text()}`);
}

/** Card authorizations still owing a step (an answer, a tender, a reversal, a refund record). */
function openCards(): number {
  const kinds: ReadonlySet<string> = new Set(CARD_JOURNAL_KINDS);
  let n = 0;
  for (const rec of db.sessions.listRecent({ limit: 1000 })) {
    const entries = db.journal.bySession(rec.id).filter((e) => kinds.has(e.kind));
    if (entries.length > 0 && needsWork(cardLedger(entries), engine.get(rec.id))) n++;
  }
  return n;
}

/** One payment as the operator lives it: a typed refusal is a message on screen, recorded, and the next customer comes. */
async function payAsOperator(index: number, p: PaymentPlan): Promise<void> {
  const attempt = async (): Promise<boolean> => {
    try {
      await pay(index, p);
      return true;
    } catch (e) {
      if (!(e instanceof SportelloError)) throw e;
      record({ event: 'payment-refused', index, code: e.code, message: e.message });
      return false;
    }
  };
  const done = await attempt();
  if (p.correctClock) {
    await sleep(p.correctClock.pauseMs);
    correctClock(index);
    // Refused while the clock was wrong: once the screen says it is right, the operator tries again.
    if (!done) {
      await sleep(1_500); // the wall clock is re-read within a second (FAKETIME_CACHE_DURATION)
      await attempt();
    }
  }
}

/** Fills the data dir (a small tmpfs) to the last byte while the outbox has an outcome to write, then frees it. */
async function fillDisk(freeAfterMs: number): Promise<void> {
  const path = join(dataDir, BALLAST);
  const fd = openSync(path, 'w');
  let written = 0;
  try {
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size);
      try {
        for (;;) written += writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      }
    }
  } finally {
    closeSync(fd);
  }
  record({ event: 'disk-filled', bytes: written });
  await sleep(freeAfterMs);
  rmSync(path, { force: true });
  record({ event: 'disk-freed' });
}

/** NTP catches up: the faketime file this life runs under says "no offset" from now on (re-read within a second). */
function correctClock(index: number): void {
  const file = process.env.CRASH_FAKETIME_FILE;
  if (!file) return;
  writeFileSync(file, '+0\n');
  record({ event: 'clock-corrected', index, at: new Date().toISOString() });
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
      // Either form the engine has used: a phase of its own, or a refusal marked ACTIVATION_UNKNOWN.
      if (row.phase === 'activation-unknown' || (row.phase === 'activation-refused' && code === 'ACTIVATION_UNKNOWN' && !row.activation))
        n++;
    }
  }
  return n;
}

/** Untendered sessions the operator still has to close (a card settled after the operator's pass). */
function openSessions(): number {
  return db.sessions.listByState(['cart', 'activated']).filter((rec) => engine.get(rec.id).tender === null).length;
}

/** Waits for the outbox to settle and every unanswered activation to be resolved, within drainMs. */
async function drain(): Promise<{ settled: boolean; waitedMs: number }> {
  const start = Date.now();
  let settledAt: number | null = null;
  for (;;) {
    const p = db.outbox.pending();
    const outboxDone = p.depth - p.needsDecision === 0;
    if (outboxDone && settledAt === null) settledAt = Date.now();
    if (!outboxDone) settledAt = null;
    const unresolved = unresolvedActivations();
    // A card settled meanwhile may leave an untendered session for the operator (nothing charged, or reversed).
    const cards = openCards();
    if (cards > 0 || (outboxDone && unresolved === 0)) await operatorPass();
    if (outboxDone && unresolved === 0 && cards === 0 && openSessions() === 0) return { settled: true, waitedMs: Date.now() - start };
    // An unanswered activation is asked again only after the terminal's horizon (trial.ts sets it
    // past the slowest node hold): wait for it within drainMs, not just one sweep.
    if (Date.now() - start > plan.drainMs) return { settled: false, waitedMs: Date.now() - start };
    await sleep(50);
  }
}

try {
  const earlier = readEvents();
  const started = new Set(earlier.filter((e) => e.event === 'payment-started').map((e) => e.index as number));
  const moved = new Set(earlier.filter((e) => e.event === 'clock-moved').map((e) => e.index as number));
  const corrected = earlier.some((e) => e.event === 'clock-corrected');
  // A life killed between a payment and its clock jump (or correction): it still happens, with the outcome pending.
  for (const index of started) if (!moved.has(index)) await moveClock(index, plan.payments[index]!);
  for (const index of started) {
    const fix = plan.payments[index]!.correctClock;
    if (fix && !corrected) {
      await sleep(fix.pauseMs);
      correctClock(index);
    }
  }
  for (const [index, p] of plan.payments.entries()) {
    if (started.has(index)) continue; // begun in an earlier life: recovery owns it now
    record({ event: 'payment-started', index });
    await payAsOperator(index, p);
  }
  await operatorPass();
  const drained = await drain();
  const byState: Record<string, number> = {};
  for (const rec of db.sessions.listRecent({ limit: 1000 })) byState[rec.state] = (byState[rec.state] ?? 0) + 1;
  const summary = {
    event: 'summary',
    life,
    recovery: core.recovery,
    ...drained,
    outbox: db.outbox.pending(),
    unresolvedActivations: unresolvedActivations(),
    openCards: openCards(),
    sessions: byState,
  };
  record(summary);
  console.log(JSON.stringify(summary));
  cardRecovery.stop();
  await terminal.close();
  await core.close();
  process.exit(0);
} catch (e) {
  const error =
    e instanceof Error
      ? { message: e.message, stack: e.stack, ...(e instanceof SportelloError ? { code: e.code } : {}) }
      : { message: String(e) };
  record({ event: 'error', ...error });
  console.log(JSON.stringify({ event: 'error', life, ...error }));
  process.exit(3);
}
