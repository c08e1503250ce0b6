/** The shift calls: the service (main/services/shift/shifts.ts) keeps the drawer's rules. */
import { Shifts } from '../../services/shift/shifts';
import type { HandlerContext, Handlers } from './types';

type ShiftCalls = Extract<keyof Handlers, `shift.${string}`>;

export function shiftHandlers(ctx: HandlerContext): Handlers<ShiftCalls> {
  const shifts = new Shifts(ctx.core, ctx.printing);
  return {
    'shift.open': (r, caller) => shifts.open(r, caller),
    'shift.current': () => ({ shift: shifts.current() }),
    'shift.close': (r, caller) => shifts.close(r, caller),
    'shift.xReport': () => shifts.reportOf('x'),
    'shift.zReport': (r) => shifts.reportOf('z', r.shiftId),
    'shift.reportCsv': (r) => shifts.csv(r.kind, r.shiftId),
    'shift.printReport': (r) => shifts.print(r.kind, r.shiftId, r.locale),
  };
}
