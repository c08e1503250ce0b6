/**
 * Coming back after a crash, without looping forever. A renderer that dies is replaced by a new
 * window (the core keeps running, so the outbox never stops); a GPU process that dies takes the
 * whole app through app.relaunch(). Either way at most `max` restarts within `windowMs`: past that
 * the shell gives up and exits non-zero, for a person or a service manager to look at. The history
 * crosses a relaunch as an argument, since the new process remembers nothing else.
 */
import type { App } from 'electron';

export const CRASH_HISTORY_ARG = '--sportello-crash-history=';

export interface CrashLimit {
  max: number;
  windowMs: number;
}

export const DEFAULT_CRASH_LIMIT: CrashLimit = { max: 3, windowMs: 10 * 60_000 };

type GoneReason = 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | 'memory-eviction';

/** A clean exit is the process ending on purpose (a reload, shutting down): everything else is a crash. */
export function isCrash(reason: GoneReason | string): boolean {
  return reason !== 'clean-exit';
}

export function readCrashHistory(argv: readonly string[]): number[] {
  const arg = argv.find((a) => a.startsWith(CRASH_HISTORY_ARG));
  if (!arg) return [];
  return arg
    .slice(CRASH_HISTORY_ARG.length)
    .split(',')
    .filter((s) => /^\d{1,16}$/.test(s))
    .map(Number);
}

export function withoutCrashHistory(argv: readonly string[]): string[] {
  return argv.filter((a) => !a.startsWith(CRASH_HISTORY_ARG));
}

export type CrashDecision = { action: 'restart'; history: number[] } | { action: 'give-up'; history: number[] };

/** Restart unless `max` restarts already happened within the window ending now. */
export function decideAfterCrash(history: readonly number[], now: number, limit: CrashLimit = DEFAULT_CRASH_LIMIT): CrashDecision {
  const recent = history.filter((t) => t <= now && now - t < limit.windowMs);
  const next = [...recent, now];
  return recent.length >= limit.max ? { action: 'give-up', history: next } : { action: 'restart', history: next };
}

export interface CrashRecoveryOptions {
  argv: readonly string[];
  now?: () => number;
  limit?: CrashLimit;
  /** A new window in place of the one whose renderer died. */
  restartWindow(): void;
  /** The whole app again, with these extra arguments (the history). */
  relaunchApp(extraArgs: string[]): void;
  giveUp(what: string, reason: string): void;
  log?: (line: string) => void;
}

export type CrashApp = Pick<App, 'on'>;

export function installCrashRecovery(app: CrashApp, opts: CrashRecoveryOptions): void {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => undefined);
  let history = readCrashHistory(opts.argv);
  const after = (what: string, reason: string, restart: () => void) => {
    const decision = decideAfterCrash(history, now(), opts.limit);
    history = decision.history;
    if (decision.action === 'give-up') {
      log(`${what} gone (${reason}) for the ${history.length}th time in a short while: giving up`);
      opts.giveUp(what, reason);
      return;
    }
    log(`${what} gone (${reason}): restarting`);
    restart();
  };
  app.on('render-process-gone', (_event, _contents, details) => {
    if (isCrash(details.reason)) after('renderer', details.reason, () => opts.restartWindow());
  });
  app.on('child-process-gone', (_event, details) => {
    if (details.type === 'GPU' && isCrash(details.reason)) {
      after('GPU process', details.reason, () => opts.relaunchApp([`${CRASH_HISTORY_ARG}${history.join(',')}`]));
    }
  });
}
