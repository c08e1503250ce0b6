// Sessions in every status, driven through the engine's own transition function (no hand-made
// states): what certificateFor receives in the core.
import { newSession, transition } from '../../../../main/engine/session';
import { buildTender } from '../../../../main/engine/fees';
import type { Activation, SessionEvent, SessionState, SessionStatus } from '../../../../main/engine/types';

export const FC = '80012345678';
export const noticeNumber = (n: number): string => `30102025${String(n).padStart(10, '0')}`;
export const token = (n: number): string => `${'c0ffee'.repeat(5)}${String(n).padStart(2, '0')}`;
export const AMOUNTS = [123_456, 4_550, 25_000, 1, 99_999_999_999];

export const activation = (n: number): Activation => ({
  paymentToken: token(n),
  expiresAtMs: 1_800_000,
  durationMs: 1_800_000,
  creditorReferenceId: noticeNumber(n).slice(1),
  totalAmountCents: AMOUNTS[n - 1]!,
  companyName: n === 2 ? 'Università di Forlì' : 'Comune di Forlì',
  description: n === 2 ? 'Tassa d’iscrizione – città' : `TARI 2025 rata ${n}`,
  fiscalCodePA: FC,
});

export function drive(events: SessionEvent[], start: SessionState = newSession('s-0001')): SessionState {
  let s = start;
  for (const e of events) {
    const r = transition(s, e);
    if (!r.ok) throw new Error(`${e.type} refused in ${s.status}: ${r.message}`);
    s = r.state;
  }
  return s;
}

/** Cart of `count` notices (1..5), all activated. */
export function activated(count: number): SessionEvent[] {
  const ids = Array.from({ length: count }, (_, i) => i + 1);
  return [
    ...ids.flatMap((n): SessionEvent[] => [
      { type: 'notice-added', ref: { fiscalCode: FC, noticeNumber: noticeNumber(n), scannedAmountCents: null, source: 'qr' } },
      {
        type: 'verify-succeeded',
        noticeId: n,
        verification: {
          amountCents: AMOUNTS[n - 1]!,
          description: 'from verify',
          companyName: 'Comune (verify)',
          officeName: null,
          dueDate: null,
          standin: false,
        },
      },
    ]),
    { type: 'activate-requested' },
    ...ids.map((n): SessionEvent => ({ type: 'activate-succeeded', noticeId: n, activation: activation(n) })),
  ];
}

export function tendered(count: number, method: 'cash' | 'card' | 'other' = 'card'): SessionEvent[] {
  const amounts = AMOUNTS.slice(0, count);
  return [...activated(count), { type: 'tender-submitted', tender: buildTender(method, amounts, { kind: 'flat', cents: 150 }, null) }];
}

const fault = { code: 'NODE_FAULT', message: 'PPT_PAGAMENTO_DUPLICATO', faultCode: 'PPT_PAGAMENTO_DUPLICATO' };
const accepted = (n: number, late = false): SessionEvent => ({ type: 'outcome-accepted', noticeId: n, late });

/** One reachable session for every status; the Record type makes the compiler check none is missing. */
export const sessionByStatus: Record<SessionStatus, SessionState> = {
  cart: drive(activated(1).slice(0, 2)),
  activating: drive(activated(1).slice(0, 3)),
  activated: drive(activated(1)),
  'activation-refused': drive([...activated(1).slice(0, 3), { type: 'activate-failed', noticeId: 1, error: fault }]),
  'outcome-pending': drive([...tendered(2), accepted(1)]),
  completed: drive([...tendered(2), accepted(1), accepted(2, true)]),
  certified: drive([...tendered(1), accepted(1), { type: 'certificate-issued' }]),
  cancelling: drive([...activated(1), { type: 'cancel-requested' }]),
  'token-expired': drive([...activated(1), { type: 'token-expired', noticeId: 1 }]),
  cancelled: drive([...activated(1), { type: 'cancel-requested' }, accepted(1)]),
  'refund-required': drive([...tendered(3), accepted(1), { type: 'outcome-refund-required', noticeId: 2, error: fault }, accepted(3)]),
  refunded: drive([
    ...tendered(1),
    { type: 'outcome-refund-required', noticeId: 1, error: fault },
    { type: 'refund-recorded', note: 'cash back' },
  ]),
  'needs-decision': drive([...activated(1), { type: 'abandoned', unattended: false }]),
};

/** needs-decision after the money was taken: an outcome sportello could not settle alone. */
export const undecidedAfterTender = drive([...tendered(2), accepted(1), { type: 'outcome-needs-decision', noticeId: 2, error: fault }]);
