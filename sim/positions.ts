/**
 * Positions created at run time (admin API, tests): validated like the seed, given an aux-3
 * notice number when none is supplied, and registered with their creditor (created on the fly,
 * station online) so the node can route to it.
 */
import { z } from 'zod';
import { SportelloError } from '../kernel/errors';
import { aux3Notice } from './notice';
import { describeIssues, positionInput, toPosition } from './position-input';
import type { Position } from './model';
import type { SimState } from './state';

export class PositionInvalid extends SportelloError {
  constructor(message: string) {
    super('SIM_POSITION_INVALID', message);
  }
}

export class PositionExists extends SportelloError {
  constructor(fiscalCode: string, noticeNumber: string) {
    super('SIM_POSITION_EXISTS', `position ${fiscalCode}/${noticeNumber} already exists`, { details: { fiscalCode, noticeNumber } });
  }
}

export const stationChange = z.strictObject({ station: z.enum(['online', 'unreachable']) });
export type StationChange = z.infer<typeof stationChange>;

/** Segregation code and first IUV base of the notice numbers minted for run-time positions. */
const ADMIN_SEGREGATION = '01';
const FIRST_ADMIN_IUV = 9_000_000_000_001;

export function createPosition(state: SimState, input: unknown, now: number): Position {
  const parsed = positionInput.safeParse(input);
  if (!parsed.success) throw new PositionInvalid(describeIssues(parsed.error));
  const data = parsed.data;
  return state.transaction(() => {
    let notice = data.noticeNumber;
    if (notice === undefined) {
      let base = state.meta('nextAdminIuv', FIRST_ADMIN_IUV);
      while (state.position(data.fiscalCode, (notice = aux3Notice(ADMIN_SEGREGATION, base)))) base++;
      state.setMeta('nextAdminIuv', base + 1);
    } else if (state.position(data.fiscalCode, notice)) {
      throw new PositionExists(data.fiscalCode, notice);
    }
    const position = toPosition(data, notice, 'admin');
    if (position.paid) position.paid.at = now;
    const creditor = state.creditor(data.fiscalCode) ?? {
      fiscalCode: data.fiscalCode,
      companyName: data.companyName,
      station: 'online' as const,
      postalAccounts: [],
    };
    if (data.postalAccount !== undefined && !creditor.postalAccounts.includes(data.postalAccount))
      creditor.postalAccounts.push(data.postalAccount);
    state.putCreditor(creditor);
    state.putPosition(position);
    return position;
  });
}
