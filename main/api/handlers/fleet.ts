/** The fleet's technician calls: the fleet service (main/services/fleet/service.ts) does the work. */
import type { HandlerContext, Handlers } from './types';

export function fleetHandlers({ fleet }: HandlerContext): Handlers<'fleet.status' | 'fleet.configure'> {
  return {
    'fleet.status': () => fleet.service.fullStatus(),
    // Restarted with the new settings only where this API runs the fleet (a shell, `serve`); a
    // one-shot CLI command stores them for the running terminal's next start.
    'fleet.configure': (r) => fleet.service.configure(r, fleet.runs),
  };
}
