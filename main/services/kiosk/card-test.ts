/**
 * The technician's test transaction: one cent asked of the configured card terminal and, if the
 * terminal approves it, reversed at once. The answer is told in the technician's words (approved,
 * declined, busy, offline, wrong key, …) and journaled; no payment session is involved.
 */
import { randomUUID } from 'node:crypto';
import type { AuthorizationResult, TenderDevice } from '../../../drivers/tender';
import type { Json } from '../../../db';
import type { Core } from '../../core/core';
import { missingCase } from '../../../kernel/errors';

export const TEST_AMOUNT_CENTS = 1;

export type CardTestVerdict =
  | 'approved'
  | 'declined'
  | 'timeout'
  | 'cancelled'
  | 'busy'
  | 'offline'
  | 'not-configured'
  | 'wrong-key'
  /** The terminal took the request but its answer could not be settled: look at the terminal. */
  | 'unknown';

export interface CardTestResult {
  result: CardTestVerdict;
  /** The decline reason, or the code of what went wrong. */
  reason: string | null;
  amountCents: number;
  /** For an approval: whether the reversal went through (false: reverse it on the terminal). */
  reversed: boolean | null;
  cardBrand: string | null;
  maskedPan: string | null;
  authCode: string | null;
  acquirerReference: string | null;
}

const NO_CARD = { reversed: null, cardBrand: null, maskedPan: null, authCode: null, acquirerReference: null } as const;

export async function testCardTerminal(core: Core, device: TenderDevice | null): Promise<CardTestResult> {
  const reference = `test-${randomUUID()}`;
  const amountCents = TEST_AMOUNT_CENTS;
  let result: CardTestResult;
  if (!device) result = { result: 'not-configured', reason: null, amountCents, ...NO_CARD };
  else {
    try {
      result = await verdictOf(device, await device.authorize(amountCents, reference), amountCents);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      const verdict: CardTestVerdict =
        code === 'TENDER_KEY_REJECTED' ? 'wrong-key' : code === 'TENDER_CONFIG_INVALID' ? 'not-configured' : 'unknown';
      result = { result: verdict, reason: typeof code === 'string' ? code : 'INTERNAL', amountCents, ...NO_CARD };
    }
  }
  const { cardBrand: _b, maskedPan: _m, ...journaled } = result;
  core.db.journal.append('card-terminal-test', { ...journaled, reference, device: device?.id ?? null } as unknown as Json);
  return result;
}

async function verdictOf(device: TenderDevice, a: AuthorizationResult, amountCents: number): Promise<CardTestResult> {
  switch (a.outcome) {
    case 'approved': {
      const voided = await device.void(a).catch(() => ({ voided: false }));
      return {
        result: 'approved',
        reason: null,
        amountCents,
        reversed: voided.voided,
        cardBrand: a.cardBrand,
        maskedPan: a.maskedPan,
        authCode: a.authCode,
        acquirerReference: a.acquirerReference ?? null,
      };
    }
    case 'declined':
      return { result: 'declined', reason: a.reason, amountCents, ...NO_CARD };
    case 'unavailable':
      return { result: a.reason, reason: null, amountCents, ...NO_CARD };
    case 'timeout':
    case 'cancelled':
      return { result: a.outcome, reason: null, amountCents, ...NO_CARD };
    default:
      return missingCase(a);
  }
}
