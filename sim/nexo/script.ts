/**
 * What the simulated nexo terminal does with the next payment requests: a queue of outcomes the
 * tests, the CLI (`--script`) and the admin API set. When the queue is empty it approves.
 */
import { SportelloError } from '../../kernel/errors';

export const NEXO_DECLINES = ['refused', 'insufficient-funds', 'pin-wrong', 'card-expired', 'card-unsupported'] as const;
export type NexoDecline = (typeof NEXO_DECLINES)[number];

export type NexoSimOutcome =
  | { kind: 'approve' }
  | { kind: 'decline'; reason: NexoDecline }
  /** no card within the terminal's wait */
  | { kind: 'timeout' }
  /** the customer pressed the red key on the terminal */
  | { kind: 'customer-cancel' }
  | { kind: 'busy' }
  /** HTTP 503: the terminal's service is down; nothing is processed */
  | { kind: 'offline' }
  /** the payment is approved, then the HTTP answer is dropped (connection reset) */
  | { kind: 'lost' }
  /** the connection is reset as soon as the request arrives: nothing is processed */
  | { kind: 'drop' }
  /** approved after `ms` milliseconds */
  | { kind: 'slow'; ms: number }
  /** waits for a card until the sale system aborts or the admin presents one (`release`) */
  | { kind: 'hold' }
  /** hostile: approves another amount than requested */
  | { kind: 'other-amount' }
  /** hostile: answers naming another sale transaction */
  | { kind: 'other-transaction' }
  /** approves, but the HTTP answer is not JSON */
  | { kind: 'garbage' };

export class NexoScriptInvalid extends SportelloError {
  declare readonly code: 'NEXO_SIM_SCRIPT_INVALID';
  constructor(message: string, details: Record<string, unknown>) {
    super('NEXO_SIM_SCRIPT_INVALID', message, { details });
  }
}

const SIMPLE = [
  'approve',
  'timeout',
  'customer-cancel',
  'busy',
  'offline',
  'lost',
  'drop',
  'hold',
  'other-amount',
  'other-transaction',
  'garbage',
] as const;

/** `approve,decline:pin-wrong,lost,slow:2000`: comma separated, in order. */
export function parseNexoScript(text: string): NexoSimOutcome[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((word): NexoSimOutcome => {
      const [kind, arg] = word.split(':') as [string, string | undefined];
      if (kind === 'decline') {
        const reason = (arg ?? 'refused') as NexoDecline;
        if (!NEXO_DECLINES.includes(reason))
          throw new NexoScriptInvalid(`"${word}": unknown decline reason`, { word, reasons: NEXO_DECLINES });
        return { kind: 'decline', reason };
      }
      if (kind === 'slow') {
        const ms = Number(arg);
        if (!Number.isSafeInteger(ms) || ms < 0) throw new NexoScriptInvalid(`"${word}": slow needs milliseconds (slow:2000)`, { word });
        return { kind: 'slow', ms };
      }
      const simple = SIMPLE.find((s) => s === kind);
      if (!simple || arg !== undefined)
        throw new NexoScriptInvalid(`"${word}": not a nexo simulator outcome`, {
          word,
          outcomes: [...SIMPLE, 'decline[:reason]', 'slow:ms'],
        });
      return { kind: simple };
    });
}
