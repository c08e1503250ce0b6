/**
 * A terminal's life as a database: N past payments, written straight into the real schema (the
 * migrations build it) with the rows the engine writes for a one-notice cash payment whose outcome
 * the node accepted (one payment_session, session_notice, tender, outbox_message, delivery_attempt
 * and its 7 journal entries, hash-chained exactly as journal.append does), in days of `perDay`
 * payments, each day a counter shift closed with its Z report and the journal head recorded on it;
 * the last day's shift is still open. Values come from a seeded generator: the same N gives the
 * same database.
 *
 * Fast because it is one writer with no durability (journal in memory, synchronous off, a large cache),
 * secondary indexes dropped during the load and built again at the end with the schema's own SQL,
 * and a commit every few days. The finished file is in WAL mode like any sportello database.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { canonicalJson, entryHash, GENESIS_HASH, openDatabase } from '../../db';
import type { Json } from '../../db';
import { forgetCleanClose } from '../../db/file-check';

export const GENERATOR_VERSION = 1;
export const TERMINAL = 'SCALE01';
const DAY_MS = 86_400_000;
const TOKEN_MS = 1_800_000;
const FEE = 150;
const FLOAT = 10_000;
const DAYS_PER_COMMIT = 10;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const DESCRIPTIONS = [
  'TARI 2025 con TEFA',
  'Mensa scolastica',
  'Permesso di sosta residenti',
  'Sanzione codice della strada',
  'Retta asilo nido',
  'Canone idrico',
];

export interface ClosedShiftAnchor {
  shiftId: string;
  /** The journal head printed on this Z report, and on the Z report before it. */
  fromSeq: number;
  fromHash: string;
  toSeq: number;
  toHash: string;
  entries: number;
}

export interface ScaleDatabase {
  path: string;
  payments: number;
  days: number;
  perDay: number;
  journalEntries: number;
  generatedSeconds: number;
  openShiftId: string;
  /** The last closed day, between the Z report anchors of its shift and the one before. */
  lastClosedDay: ClosedShiftAnchor;
  /** Notice numbers and tokens of payments spread over the whole life, for the searches. */
  sampleNotices: string[];
  sampleTokens: string[];
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function generateScaleDatabase(path: string, payments: number, perDay: number, now = Date.now()): ScaleDatabase {
  const started = Date.now();
  rmSync(path, { force: true });
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  openDatabase(path).close();
  // Its clean-close record would not match after the raw writes below anyway; do not leave it behind.
  forgetCleanClose(path);

  const db = new Database(path);
  // Out of WAL (through DELETE: SQLite refuses WAL -> MEMORY in one step), the rollback journal in
  // memory: a crash here only loses a file that is generated again. (OFF is refused in defensive mode.)
  db.pragma('journal_mode = DELETE');
  if (db.pragma('journal_mode = MEMORY', { simple: true }) !== 'memory')
    throw new Error(`cannot take ${path} out of WAL mode to generate it`);
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  db.pragma('temp_store = MEMORY');
  // Rows go in parent after child within a day (the shift row is written when the day closes).
  db.pragma('foreign_keys = OFF');
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL`).all() as Array<{
    name: string;
    sql: string;
  }>;
  for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);

  const ins = {
    shift:
      db.prepare(`INSERT INTO shift (id, terminal_id, operator_id, opened_at, float_cents, closed_at, counted_cash_cents, expected_cash_cents,
      difference_cents, z_report_number, journal_seq, journal_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    session:
      db.prepare(`INSERT INTO payment_session (id, state, kind, terminal_id, operator_id, shift_id, created_at, updated_at, tender_method,
      tender_notices_cents, tender_fee_cents, tender_due_cents, tender_given_cents, tender_change_cents, refund_required, version)
      VALUES (?, 'completed', 'counter', ?, ?, ?, ?, ?, 'cash', ?, ?, ?, ?, ?, 0, 5)`),
    notice:
      db.prepare(`INSERT INTO session_notice (id, session_id, position, payload_kind, payload_amount_cents, fiscal_code, notice_number, phase,
      verify_amount_cents, verify_description, verify_company_name, verify_office_name, verify_due_date, verify_standin, verified_at,
      activate_idempotency_key, payment_token, token_expires_at_ms, token_duration_ms, activated_at, creditor_reference_id, total_amount_cents,
      activate_fiscal_code_pa, activate_company_name, activate_description, outcome_state, created_at, updated_at)
      VALUES (?, ?, 1, 'qr', ?, ?, ?, 'accepted', ?, ?, ?, 'Ufficio Tributi', NULL, 0, ?, ?, ?, ?, ${TOKEN_MS}, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?)`),
    tender:
      db.prepare(`INSERT INTO tender (id, session_id, kind, method, amount_cents, fee_cents, given_cents, change_cents, operator_id, terminal_id, shift_id, created_at)
      VALUES (?, ?, 'payment', 'cash', ?, ${FEE}, ?, ?, ?, ?, ?, ?)`),
    outbox:
      db.prepare(`INSERT INTO outbox_message (id, session_id, notice_id, payment_token, outcome, details, state, attempts, next_attempt_at_ms, deadline_ms,
      idempotency_key, created_at, updated_at) VALUES (?, ?, ?, ?, 'OK', ?, 'accepted', 1, ?, ?, ?, ?, ?)`),
    attempt: db.prepare(`INSERT INTO delivery_attempt (id, message_id, attempt_no, idempotency_key, started_at, finished_at, result)
      VALUES (?, ?, 1, ?, ?, ?, 'accepted')`),
    journal: db.prepare('INSERT INTO journal (seq, at, kind, session_id, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)'),
  };

  const random = prng(payments);
  const chars = (n: number, alphabet: string) => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
    return s;
  };
  const hex = (n: number) => chars(n, '0123456789abcdef');
  const digits = (n: number) => chars(n, '0123456789');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
  const iso = (ms: number) => new Date(ms).toISOString();

  let seq = 0;
  let head = GENESIS_HASH;
  /**
   * Appends an entry whose payload is given as its canonical JSON text (built by hand below, keys
   * in sorted order: the generation's hot path). The hashed body is canonicalJson of
   * { at, kind, payload, sessionId }, whose keys are already in that order.
   */
  const journal = (atMs: number, kind: string, payload: string, sessionId: string | null) => {
    const at = iso(atMs);
    const body = `{"at":"${at}","kind":"${kind}","payload":${payload},"sessionId":${sessionId === null ? 'null' : `"${sessionId}"`}}`;
    const hash = createHash('sha256').update(head).update(body).digest('hex');
    ins.journal.run(++seq, at, kind, sessionId, payload, head, hash);
    head = hash;
  };
  // The first payment's entries (and the shifts') are also made the journal's own way and must agree.
  const checked = (atMs: number, kind: string, payload: Json, sessionId: string | null, text = canonicalJson(payload)) => {
    const at = iso(atMs);
    const expected = entryHash(head, { at, kind, sessionId, payload });
    if (text !== canonicalJson(payload)) throw new Error(`generated ${kind} payload is not in canonical form: ${text}`);
    journal(atMs, kind, text, sessionId);
    if (head !== expected) throw new Error(`generated journal entry ${seq} (${kind}) does not hash as journal.append would`);
  };

  const days = Math.ceil(payments / perDay);
  const firstDay = Math.floor(now / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  const sampleEvery = Math.max(1, Math.floor(payments / 200));
  const sampleNotices: string[] = [];
  const sampleTokens: string[] = [];
  let row = 0;
  let openShiftId = '';
  let previousAnchor = { seq: 0, hash: GENESIS_HASH };
  const closed: { last: ClosedShiftAnchor | null } = { last: null };

  const day = (d: number) => {
    const dayStart = firstDay + d * DAY_MS;
    const shiftId = uuid();
    const operatorId = `op${(d % 5) + 1}`;
    const openedAt = dayStart + 7 * 3_600_000 + 55 * 60_000;
    checked(openedAt, 'shift-opened', { floatCents: FLOAT, operatorId, shiftId }, null);
    const count = Math.min(perDay, payments - row);
    let cash = 0;
    for (let i = 0; i < count; i++) {
      row++;
      const t = dayStart + 8 * 3_600_000 + Math.floor((i * 10 * 3_600_000) / perDay);
      const sessionId = uuid();
      const creditor = Math.floor(random() * 50);
      const fiscalCode = `${String(70_000_000_000 + creditor * 1_111).padStart(11, '0')}`;
      const company = `Comune di Esempio ${creditor + 1}`;
      const description = DESCRIPTIONS[Math.floor(random() * DESCRIPTIONS.length)]!;
      const noticeNumber = `30${digits(16)}`;
      const amount = 500 + Math.floor(random() * 150_000);
      const due = amount + FEE;
      const given = Math.ceil(due / 500) * 500;
      const token = hex(32);
      const activateKey = `12345678901_${chars(10, ALNUM)}`;
      const outcomeKey = `12345678901_${chars(10, ALNUM)}`;
      const at = {
        verified: t + 400,
        activate: t + 20_000,
        activated: t + 20_300,
        tender: t + 25_000,
        sent: t + 25_050,
        accepted: t + 25_300,
      };
      const date = iso(t).slice(0, 10);
      cash += due;
      if (row % sampleEvery === 0) {
        sampleNotices.push(noticeNumber);
        sampleTokens.push(token);
      }
      ins.session.run(sessionId, TERMINAL, operatorId, shiftId, iso(t), iso(at.accepted), amount, FEE, due, given, given - due);
      ins.notice.run(
        row,
        sessionId,
        amount,
        fiscalCode,
        noticeNumber,
        amount,
        description,
        company,
        iso(at.verified),
        activateKey,
        token,
        at.activate + TOKEN_MS,
        iso(at.activated),
        noticeNumber.slice(1),
        amount,
        fiscalCode,
        company,
        description,
        iso(t),
        iso(at.accepted),
      );
      ins.tender.run(row, sessionId, amount, given, given - due, operatorId, TERMINAL, shiftId, iso(at.tender));
      const details = `{"applicationDate":"${date}","fee":${FEE},"paymentChannel":"frontOffice","paymentMethod":"cash","transferDate":"${date}"}`;
      ins.outbox.run(row, sessionId, row, token, details, at.tender, at.activate + TOKEN_MS, outcomeKey, iso(at.tender), iso(at.accepted));
      ins.attempt.run(row, row, outcomeKey, iso(at.sent), iso(at.accepted));
      const first = row === 1;
      const entry = (atMs: number, kind: string, text: string, payload: Json) =>
        first ? checked(atMs, kind, payload, sessionId, text) : journal(atMs, kind, text, sessionId);
      entry(
        t,
        'session-started',
        `{"kind":"counter","operatorId":"${operatorId}","shiftId":"${shiftId}"}`,
        first && { kind: 'counter', operatorId, shiftId },
      );
      entry(
        t + 2,
        'notice-added',
        `{"fiscalCode":"${fiscalCode}","noticeNumber":"${noticeNumber}","source":"qr","status":"cart"}`,
        first && { fiscalCode, noticeNumber, source: 'qr', status: 'cart' },
      );
      entry(at.verified, 'verify-succeeded', '{"noticeId":1,"status":"cart"}', first && { noticeId: 1, status: 'cart' });
      entry(at.activate, 'activate-requested', '{"status":"activating"}', first && { status: 'activating' });
      entry(
        at.activated,
        'activate-succeeded',
        `{"amountCents":${amount},"noticeId":1,"paymentToken":"${token}","status":"activated"}`,
        first && { amountCents: amount, noticeId: 1, paymentToken: token, status: 'activated' },
      );
      entry(
        at.tender,
        'tender-submitted',
        `{"changeCents":${given - due},"dueCents":${due},"feeCents":${FEE},"givenCents":${given},"method":"cash","noticesCents":${amount},"status":"outcome-pending"}`,
        first && {
          changeCents: given - due,
          dueCents: due,
          feeCents: FEE,
          givenCents: given,
          method: 'cash',
          noticesCents: amount,
          status: 'outcome-pending',
        },
      );
      entry(at.accepted, 'outcome-accepted', '{"noticeId":1,"status":"completed"}', first && { noticeId: 1, status: 'completed' });
    }
    if (d === days - 1) {
      openShiftId = shiftId;
      ins.shift.run(shiftId, TERMINAL, operatorId, iso(openedAt), FLOAT, null, null, null, null, null, null, null);
      return;
    }
    // Closing records the head before the closing entry, as db.shifts.close does.
    const closedAt = dayStart + 18 * 3_600_000 + 5 * 60_000;
    const expected = FLOAT + cash;
    ins.shift.run(shiftId, TERMINAL, operatorId, iso(openedAt), FLOAT, iso(closedAt), expected, expected, 0, d + 1, seq, head);
    closed.last = {
      shiftId,
      fromSeq: previousAnchor.seq,
      fromHash: previousAnchor.hash,
      toSeq: seq,
      toHash: head,
      entries: seq - previousAnchor.seq,
    };
    previousAnchor = { seq, hash: head };
    checked(
      closedAt,
      'shift-closed',
      { countedCashCents: expected, differenceCents: 0, expectedCashCents: expected, shiftId, zReportNumber: d + 1 },
      null,
    );
  };

  for (let d = 0; d < days; d += DAYS_PER_COMMIT) {
    db.transaction(() => {
      for (let k = d; k < Math.min(days, d + DAYS_PER_COMMIT); k++) day(k);
    })();
  }
  for (const i of indexes) db.exec(i.sql);
  db.pragma('journal_mode = WAL');
  db.close();
  const lastClosedDay = closed.last;
  if (!lastClosedDay) throw new Error('the generated database needs at least two days to have a closed one');
  return {
    path,
    payments,
    days,
    perDay,
    journalEntries: seq,
    generatedSeconds: (Date.now() - started) / 1000,
    openShiftId,
    lastClosedDay,
    sampleNotices,
    sampleTokens,
  };
}
