/**
 * Is the wall clock plausible? A terminal that booted before NTP answered may say 2000-01-01; one
 * whose battery died may say anything. Engine time (clock.ts) already keeps the outbox and the
 * journal right whatever the wall clock says; this guard decides whether NEW payments may start.
 *
 * The wall clock is implausible when it is
 * - `behind-records`: earlier than the newest time the database holds (the last journal entry, the
 *   latest delivery attempts) by more than `BEHIND_TOLERANCE_MS`;
 * - `before-release`: earlier than the release date of this version (`RELEASE_DATE`);
 * - `far-ahead`: more than `MAX_AHEAD_MS` (a year) after both the newest record and the release:
 *   a clock that far ahead is as wrong as one behind, and following it would stamp records in the
 *   future that every later start would then be measured against. A terminal really unused for
 *   over a year gets the current release installed, which moves the reference forward.
 *
 * While implausible, `startSession` refuses with `CLOCK_IMPLAUSIBLE` (saying why and what to do);
 * queued outcomes keep going out on engine time. Nothing is cached: every check reads the clocks
 * and the database afresh, so a corrected clock is accepted at the next check, without a restart.
 */
import type Database from 'better-sqlite3';
import { SportelloError } from '../../kernel/errors';
import type { SportelloDatabase } from '../../db';
import { MAX_AHEAD_MS } from './clock';
import type { EngineTime } from './clock';

/**
 * The release date of this version: no correct clock can be earlier. Bump it with each release
 * (with package.json's version).
 */
export const RELEASE_DATE = '2026-11-23';
export const RELEASE_MS = Date.parse(`${RELEASE_DATE}T00:00:00Z`);

/** How far behind the newest record the wall clock may be (a small NTP step, a slow write). */
export const BEHIND_TOLERANCE_MS = 5 * 60_000;

export type ClockProblem = 'behind-records' | 'before-release' | 'far-ahead';

export interface ClockStatus {
  plausible: boolean;
  /** What the system clock says (epoch ms). */
  wallMs: number;
  /** Engine time: what records are stamped with and outcomes are scheduled on. */
  engineMs: number;
  reason: ClockProblem | null;
  /** The newest time the database holds; null for an empty database. */
  newestRecordMs: number | null;
}

const iso = (ms: number | null): string => (ms === null ? 'none' : new Date(ms).toISOString());

/** Why the clock is refused and what to do, in one line. */
export function describeClockProblem(s: ClockStatus): string {
  const says = `the system clock says ${iso(s.wallMs)}`;
  const fix =
    "set the correct date and time (or let network time sync finish); new payments are refused until then, collected payments' outcomes are still sent";
  switch (s.reason) {
    case 'behind-records':
      return `${says}, earlier than the newest record of this terminal (${iso(s.newestRecordMs)}): ${fix}`;
    case 'before-release':
      return `${says}, earlier than the release of this sportello version (${RELEASE_DATE}): ${fix}`;
    case 'far-ahead':
      return `${says}, more than a year after the newest record (${iso(Math.max(s.newestRecordMs ?? 0, RELEASE_MS))}): ${fix}; if the date is right (the terminal was unused for over a year), install the current sportello release`;
    case null:
      return `${says}: plausible`;
  }
}

export class ClockImplausible extends SportelloError {
  declare readonly code: 'CLOCK_IMPLAUSIBLE';
  constructor(readonly status: ClockStatus) {
    super('CLOCK_IMPLAUSIBLE', `no new payment: ${describeClockProblem(status)}`, {
      // Strings, so the screens can fill their own sentence ({{wall}}, {{newestRecord}}).
      details: { reason: status.reason, wall: iso(status.wallMs), newestRecord: iso(status.newestRecordMs), release: RELEASE_DATE },
    });
  }
}

export interface ClockGuardOptions {
  releaseMs?: number;
  behindToleranceMs?: number;
  maxAheadMs?: number;
}

export class ClockGuard {
  private readonly releaseMs: number;
  private readonly behindToleranceMs: number;
  private readonly maxAheadMs: number;
  private readonly listeners: Array<(s: ClockStatus) => void> = [];
  private lastPlausible = true;

  constructor(
    readonly time: EngineTime,
    /** The newest time persisted, read afresh at each check. */
    private readonly newestRecordMs: () => number | null,
    opts: ClockGuardOptions = {},
  ) {
    this.releaseMs = opts.releaseMs ?? RELEASE_MS;
    this.behindToleranceMs = opts.behindToleranceMs ?? BEHIND_TOLERANCE_MS;
    this.maxAheadMs = opts.maxAheadMs ?? MAX_AHEAD_MS;
  }

  status(): ClockStatus {
    const engineMs = this.time.now();
    const wallMs = this.time.clock.wallMs();
    const newestRecordMs = this.newestRecordMs();
    const reason: ClockProblem | null =
      newestRecordMs !== null && wallMs < newestRecordMs - this.behindToleranceMs
        ? 'behind-records'
        : wallMs < this.releaseMs
          ? 'before-release'
          : wallMs > Math.max(newestRecordMs ?? 0, this.releaseMs) + this.maxAheadMs
            ? 'far-ahead'
            : null;
    const s: ClockStatus = { plausible: reason === null, wallMs, engineMs, reason, newestRecordMs };
    if (s.plausible !== this.lastPlausible) {
      try {
        for (const fn of this.listeners) fn(s);
        this.lastPlausible = s.plausible;
      } catch {
        // Not recorded (the disk is full?): the next check reports the change again.
      }
    }
    return s;
  }

  /** Throws `CLOCK_IMPLAUSIBLE` unless the clock is plausible: called before a new payment starts. */
  assertPlausible(): void {
    const s = this.status();
    if (!s.plausible) throw new ClockImplausible(s);
  }

  /**
   * Calls `fn` whenever a check finds plausibility changed (the first check counts a clock found
   * implausible as a change): checks made for a payment, a status call or `watch`.
   */
  onChange(fn: (s: ClockStatus) => void): void {
    this.listeners.push(fn);
  }

  /** Checks every `intervalMs`, so a change is noticed while nobody asks. Stops by itself when a check fails (the database closed). */
  watch(intervalMs: number): () => void {
    const check = (): boolean => {
      try {
        this.status();
        return true;
      } catch {
        return false;
      }
    };
    if (!check()) return () => undefined;
    const timer = setInterval(() => {
      if (!check()) clearInterval(timer);
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

/** How many of the latest delivery attempts are read: attempts run concurrently, so the newest id may not have the newest time. */
const RECENT_ATTEMPTS = 16;

/**
 * The newest time the database holds: its last journal entry and its latest delivery attempts
 * (started or finished). Read-only primary-key lookups, cheap enough for every check. Raw SQL on
 * purpose: only the newest rows matter, which no repository call returns.
 */
export function persistedTimes(db: SportelloDatabase): () => number | null {
  const sqlite: Database.Database = db.sqlite;
  const journal = sqlite.prepare('SELECT at FROM journal ORDER BY seq DESC LIMIT 1').pluck();
  const attempts = sqlite
    .prepare(
      `SELECT max(max(started_at, coalesce(finished_at, started_at))) FROM
                                     (SELECT started_at, finished_at FROM delivery_attempt ORDER BY id DESC LIMIT ${RECENT_ATTEMPTS})`,
    )
    .pluck();
  return () => {
    let newest: number | null = null;
    for (const at of [journal.get(), attempts.get()]) {
      const ms = typeof at === 'string' ? Date.parse(at) : NaN;
      if (Number.isFinite(ms) && (newest === null || ms > newest)) newest = ms;
    }
    return newest;
  };
}

/**
 * The guard of a core: engine time is raised to the newest time the database holds, then checked
 * against it. With `watch`, a change of plausibility is journaled (`clock-implausible`,
 * `clock-plausible`), so the journal says when and why new payments were refused.
 */
export function startClockGuard(time: EngineTime, db: SportelloDatabase, opts: ClockGuardOptions & { watchMs?: number } = {}): ClockGuard {
  const newest = persistedTimes(db);
  const floor = newest();
  if (floor !== null) time.raiseFloor(floor);
  const guard = new ClockGuard(time, newest, opts);
  if (opts.watchMs !== undefined && !db.readonly) {
    guard.onChange((s) => {
      db.journal.append(s.plausible ? 'clock-plausible' : 'clock-implausible', {
        reason: s.reason,
        wall: new Date(s.wallMs).toISOString(),
        newestRecord: s.newestRecordMs === null ? null : new Date(s.newestRecordMs).toISOString(),
      });
    });
    guard.watch(opts.watchMs);
  }
  return guard;
}
