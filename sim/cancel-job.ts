/**
 * The node's cancel job (mod3CancelV2): token expiry is not instant. A token past its expiry still
 * holds its notice (a new activation gets PPT_PAGAMENTO_IN_CORSO, an OK is still taken) until this
 * job runs and cancels it; only then is the notice free and a late outcome answered as late.
 *
 * The job runs every `periodMs` of simulated time. Which run catches a token depends on where in
 * the period it expired; the simulator always models the slowest case (it expired just after a run),
 * so a token is released exactly `periodMs` after its expiry and no answer depends on the phase.
 * `runNow` is the node operator triggering the job (the official suite's "job mod3CancelV2
 * triggered"): every token already expired is released at once. A period of 0 means the job only
 * runs when triggered. Everything is derived from the clock and one stored time, so a clock
 * advance runs the job as often as its period says, and a restart with `--db` keeps it.
 */
import type { Session } from './model';
import type { SimState } from './state';

const LAST_RUN = 'cancelJobLastRunAt';

export class CancelJob {
  constructor(
    private readonly state: SimState,
    readonly periodMs: number,
  ) {}

  /** Has the job cancelled this (expired, outcome-less) token by `now`? */
  released(s: Session, now: number): boolean {
    if (now < s.expiresAt) return false;
    const at = this.releaseAt(s);
    return at !== undefined && now >= at;
  }

  /** When the job releases (or released) a token, if it is known yet. */
  releaseAt(s: Session): number | undefined {
    const lastRun = this.state.meta<number | null>(LAST_RUN, null);
    if (lastRun !== null && s.expiresAt <= lastRun) return lastRun;
    return this.periodMs > 0 ? s.expiresAt + this.periodMs : undefined;
  }

  /** Runs the job now; returns how many tokens this run released (held a notice until now). */
  runNow(now: number): number {
    let released = 0;
    for (const p of this.state.positions()) {
      for (const token of p.tokens) {
        const s = this.state.session(token);
        if (s && !s.acquired && now >= s.expiresAt && !this.released(s, now)) released++;
      }
    }
    this.state.setMeta(LAST_RUN, now);
    return released;
  }

  lastRunAt(): number | null {
    return this.state.meta<number | null>(LAST_RUN, null);
  }
}
