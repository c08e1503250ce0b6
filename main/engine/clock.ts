/**
 * Time for deadlines. A token's deadline is kept on the system's monotonic clock (CLOCK_MONOTONIC,
 * shared by every process since boot), so a local wall-clock jump changes nothing and a restart of
 * sportello within the same boot keeps exact deadlines. After a reboot (power cut) the monotonic clock
 * has restarted; only then is the wall clock used to translate the remaining time.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

export interface Clock {
  wallMs(): number;
  monoMs(): number;
  /** Identifies the current boot: monotonic readings are comparable only within one. */
  readonly bootId: string;
}

function readBootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    // No boot id (not Linux): treat every process start as a new boot, so the wall clock is used
    // across restarts and the monotonic clock within one run.
    return `process-${randomUUID()}`;
  }
}

export const systemClock: Clock = {
  wallMs: () => Date.now(),
  monoMs: () => Number(process.hrtime.bigint() / 1_000_000n),
  bootId: readBootId(),
};

/** Where a deadline was anchored when the token was granted. */
export interface DeadlineAnchor {
  bootId: string;
  monoAtMs: number;
  wallAtMs: number;
  durationMs: number;
}

export function anchorDeadline(clock: Clock, durationMs: number): DeadlineAnchor {
  return { bootId: clock.bootId, monoAtMs: clock.monoMs(), wallAtMs: clock.wallMs(), durationMs };
}

/** The deadline on this process's monotonic clock. */
export function deadlineMono(a: DeadlineAnchor, clock: Clock): number {
  if (a.bootId === clock.bootId) return a.monoAtMs + a.durationMs;
  return clock.monoMs() + (a.wallAtMs + a.durationMs - clock.wallMs());
}

/** A clock tests move by hand. */
export function manualClock(start = { wallMs: 1_790_000_000_000, monoMs: 1_000_000 }, bootId = 'test-boot'): Clock & { advance(ms: number): void; jumpWall(ms: number): void } {
  let wall = start.wallMs;
  let mono = start.monoMs;
  return {
    bootId,
    wallMs: () => wall,
    monoMs: () => mono,
    advance(ms: number) {
      wall += ms;
      mono += ms;
    },
    jumpWall(ms: number) {
      wall += ms;
    },
  };
}
