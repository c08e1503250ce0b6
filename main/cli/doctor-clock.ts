/**
 * `sportello doctor`'s clock check: is the system clock plausible against this terminal's records
 * and this release (main/engine/clock-guard.ts)? While it is not, new payments are refused.
 */
import type { Core } from '../core/core';
import { describeClockProblem } from '../engine/clock-guard';

export function clockCheck(core: Core): { name: string; ok: boolean; detail: string } {
  const s = core.clockGuard.status();
  const engine = new Date(s.engineMs).toISOString();
  return s.plausible
    ? { name: 'clock', ok: true, detail: `${new Date(s.wallMs).toISOString()}, plausible (engine time ${engine})` }
    : { name: 'clock', ok: false, detail: `${describeClockProblem(s)} (engine time ${engine})` };
}
