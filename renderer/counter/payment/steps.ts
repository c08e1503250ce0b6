/** The payment's step on screen, derived from the session's status and, for an abandoned activation, its reason (pure). */
import type { SessionState } from '../../../main/engine/types';

/** Where the payment is, for the screen: derived from the session's status (and, for an abandoned activation, its reason). */
export type PaymentStep = 'entry' | 'activating' | 'tender' | 'refused' | 'outcome' | 'certificate' | 'cancelled' | 'attention';

export function stepOf(s: SessionState | null): PaymentStep {
  if (!s) return 'entry';
  switch (s.status) {
    case 'cart':
      return 'entry';
    case 'activating':
      return 'activating';
    case 'activated':
      return 'tender';
    case 'activation-refused':
      return 'refused';
    case 'outcome-pending':
      return 'outcome';
    case 'completed':
    case 'certified':
      return 'certificate';
    case 'cancelling':
    case 'cancelled':
    case 'token-expired':
      return 'cancelled';
    case 'needs-decision':
      // An activation left without a tender (the core restarted meanwhile): the operator takes the
      // money or releases the notices (F8), as for any activated payment.
      return s.tender === null && s.decisionReason === 'abandoned-activation' ? 'tender' : 'attention';
    case 'refund-required':
    case 'refunded':
      return 'attention';
    default: {
      const never: never = s.status;
      return never;
    }
  }
}
