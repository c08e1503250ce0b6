/**
 * Engine time: the epoch milliseconds the engine, the outbox and the database stamp and compare.
 *
 * The wall clock of a terminal is not to be trusted blindly: one that booted before NTP answered
 * may say 2000-01-01, and an operator may set it by hand. Engine time is therefore
 * - never earlier than a floor: the newest time the database already holds (and the release date),
 *   so a clock far behind cannot make queued outcomes look "not yet due" or stamp the journal in
 *   the past;
 * - advanced by the monotonic clock, so it never runs backwards within a run, whatever the wall
 *   clock does;
 * - re-anchored on the wall clock whenever the wall clock is ahead of it by more than
 *   `FOLLOW_TOLERANCE_MS` (an NTP sync after start, a technician setting the date): corrections are
 *   followed at once, without a restart — unless the wall clock is absurdly far ahead
 *   (`MAX_AHEAD_MS` past the newest time known), which is as wrong as a clock behind and would
 *   otherwise poison the floor of every later run.
 *
 * Token deadlines are not derived from engine time: they are the epoch ms set at activation and
 * persisted with the token, compared with engine time. The whole design, with the clock guard that
 * refuses payments while the wall clock is implausible: ARCHITECTURE.md, "Deadlines and time".
 */

export interface Clock {
  wallMs(): number;
  monoMs(): number;
}

export const systemClock: Clock = {
  wallMs: () => Date.now(),
  monoMs: () => Number(process.hrtime.bigint() / 1_000_000n),
};

/** A wall clock ahead of engine time by more than this is followed (smaller gaps are drift). */
export const FOLLOW_TOLERANCE_MS = 1_000;
/** A wall clock further ahead than this of everything known is not followed (and is implausible). */
export const MAX_AHEAD_MS = 366 * 24 * 3_600_000;

export interface EngineTimeOptions {
  /** The earliest engine time ever (the release date of this version). */
  notBeforeMs?: number;
  followToleranceMs?: number;
  maxAheadMs?: number;
}

export class EngineTime {
  private baseMs: number;
  private baseMono: number;
  private last: number;
  private readonly notBeforeMs: number;
  private readonly toleranceMs: number;
  private readonly maxAheadMs: number;

  constructor(
    readonly clock: Clock,
    opts: EngineTimeOptions = {},
  ) {
    this.notBeforeMs = opts.notBeforeMs ?? 0;
    this.toleranceMs = opts.followToleranceMs ?? FOLLOW_TOLERANCE_MS;
    this.maxAheadMs = opts.maxAheadMs ?? MAX_AHEAD_MS;
    const wall = clock.wallMs();
    // Before anything is known, a wall clock absurdly far ahead of the release is not taken.
    this.baseMs = this.followable(wall, this.notBeforeMs) ? Math.max(wall, this.notBeforeMs) : this.notBeforeMs;
    this.baseMono = clock.monoMs();
    this.last = this.baseMs;
  }

  /** Engine time now: never earlier than any value returned before. */
  now(): number {
    const mono = this.clock.monoMs();
    const wall = this.clock.wallMs();
    let t = this.baseMs + (mono - this.baseMono);
    if (wall > t + this.toleranceMs && this.followable(wall, t)) {
      // The wall clock was corrected forward (or we started from the floor): follow it.
      this.baseMs = wall;
      this.baseMono = mono;
      t = wall;
    }
    if (t < this.last) t = this.last;
    this.last = t;
    return t;
  }

  /** Raises engine time to at least `floorMs` (the newest time persisted); never lowers it. */
  raiseFloor(floorMs: number): void {
    const t = this.now();
    if (floorMs <= t) return;
    this.baseMs = floorMs;
    this.baseMono = this.clock.monoMs();
    this.last = floorMs;
    // A wall clock ahead of the floor (a terminal off for a while) is followed at once.
    this.now();
  }

  /** The wall clock is within reach of what is known: not absurdly far ahead of `knownMs`. */
  private followable(wall: number, knownMs: number): boolean {
    return wall <= Math.max(knownMs, this.notBeforeMs) + this.maxAheadMs;
  }
}

/** A clock tests move by hand. */
export function manualClock(
  start = { wallMs: 1_790_000_000_000, monoMs: 1_000_000 },
): Clock & { advance(ms: number): void; jumpWall(ms: number): void; setWall(ms: number): void } {
  let wall = start.wallMs;
  let mono = start.monoMs;
  return {
    wallMs: () => wall,
    monoMs: () => mono,
    advance(ms: number) {
      wall += ms;
      mono += ms;
    },
    jumpWall(ms: number) {
      wall += ms;
    },
    setWall(ms: number) {
      wall = ms;
    },
  };
}
