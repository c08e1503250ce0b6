/**
 * How the counter gets out of trouble without a reload (pure). A refusal (the notice is not
 * payable, the cash does not cover the total) leaves the screen right: it is shown and nothing else
 * happens. Anything else means the screen and the core may be out of step (an internal error, a
 * storage refusal, an event the core no longer allows): the screen reads the session again and
 * follows the core. A cart that cannot take a notice and holds none is worth nothing: it is left
 * behind and the notice goes into a new one, once.
 */
import type { SessionState } from '../../../main/engine/types';

export type ErrorKind = 'refusal' | 'link' | 'out-of-step';

/** The payment's own rules said no: the screen's picture of the session is still right. */
// A spontaneous payment's refusals (SERVICE_*, the creditor unreachable, no catalogue) too: a demand
// the creditor refused must not be sent again into a new cart.
const REFUSALS: ReadonlySet<string> = new Set([
  'PAYLOAD_INVALID',
  'EVENT_INVALID',
  'TENDER_INVALID',
  'REQUEST_INVALID',
  'CREDITOR_UNREACHABLE',
  'CATALOGUE_NONE',
  'DEMAND_ANSWER_INVALID',
]);
const REFUSAL_PREFIXES = ['PPT_', 'NODE_', 'SHIFT_', 'PRINTER_', 'CERTIFICATE_', 'SERVICE_'];

export function errorKind(e: { code: string }): ErrorKind {
  if (e.code === 'TRANSPORT_CLOSED') return 'link';
  if (REFUSALS.has(e.code) || REFUSAL_PREFIXES.some((p) => e.code.startsWith(p))) return 'refusal';
  return 'out-of-step';
}

/**
 * After an out-of-step error while adding a notice, given the session as the core has it now (null
 * when it cannot be read): start a new cart and add the notice there, or show the core's session.
 */
export function afterFailedAdd(fresh: SessionState | null): 'new-cart' | 'show' {
  if (!fresh) return 'new-cart';
  return fresh.status === 'cart' && fresh.notices.length === 0 ? 'new-cart' : 'show';
}

/** The session a freshly mounted screen resumes: the newest open one the operator has not moved on from. */
export function resumable(open: readonly SessionState[], dismissed: ReadonlySet<string>): SessionState | null {
  return open.find((s) => !dismissed.has(s.id)) ?? null;
}
