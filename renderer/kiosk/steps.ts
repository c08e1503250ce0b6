/** The kiosk's steps, one screen each, and what the core's answers move them to. Pure. */
import type { ResponseOf } from '../../main/contract/calls';
import { problemOfFault } from './problems';
import type { ProblemKey } from './problems';

export type Session = ResponseOf<'session.get'>;
export type Quote = ResponseOf<'session.quote'>;
export type CardResult = ResponseOf<'kiosk.payByCard'>;
export type KioskSettings = ResponseOf<'kiosk.settings'>;
/** A catalogue service the kiosk offers (the technician enabled it). */
export type ServiceEntry = ResponseOf<'kiosk.services'>['entries'][number];
export type ServiceFormOf = ResponseOf<'catalogue.form'>['form'];

/** The card that paid, as the terminal answered (and the journal holds): shown on the receipt. */
export interface CardDetails {
  brand: string | null;
  maskedPan: string | null;
  authCode: string | null;
}

/**
 * How the citizen gets a receipt: on paper, as a QR code on screen (no working printer, the
 * technician allows it, the citizen consents), or not at all: then the kiosk is out of service.
 */
export type ReceiptWay = 'paper' | 'qr' | 'out-of-service';

export function receiptWayOf(s: Pick<KioskSettings, 'printer' | 'withoutPrinter'>): ReceiptWay {
  if (s.printer === 'ready') return 'paper';
  return s.withoutPrinter === 'qr-receipt' ? 'qr' : 'out-of-service';
}

/** As at the counter: the engine's cart holds at most 5 notices (main/engine/types.ts MAX_NOTICES). */
export const MAX_NOTICES = 5;

export interface Problem {
  key: ProblemKey;
  /** A more precise message key when there is one (a payload reading's `payload:error.…`). */
  detailKey?: string;
  params?: Record<string, string | number>;
}

export type Step =
  | { kind: 'language' }
  /** `adding`: another notice for the session on the details screen (back returns there). */
  | { kind: 'scan'; problem: Problem | null; adding?: Session }
  | { kind: 'type-notice'; digits: string }
  | { kind: 'type-creditor'; noticeNumber: string; digits: string }
  | { kind: 'busy'; what: 'checking' | 'reserving' | 'cancelling' | 'service' }
  /** A spontaneous payment: the services this kiosk offers (a search on the keyboard when many). */
  | { kind: 'services'; entries: ServiceEntry[]; words: string; problem: Problem | null }
  /**
   * The chosen service's form (made from its XSD by the core). `refusedField`: the path of the field
   * the creditor refused, when its answer named one; the values typed stay for a correction.
   */
  | {
      kind: 'service-form';
      entries: ServiceEntry[];
      entry: ServiceEntry;
      form: ServiceFormOf;
      values: Record<string, string>;
      problem: Problem | null;
      refusedField: string | null;
    }
  | { kind: 'details'; session: Session; problem?: Problem | null }
  | { kind: 'total'; session: Session; quote: Quote }
  | { kind: 'card'; session: Session; quote: Quote }
  | {
      kind: 'card-problem';
      session: Session;
      quote: Quote;
      result: Exclude<CardResult['result'], 'approved' | 'reversed'>;
      reason: string | null;
      /** A lost answer the core settled: the terminal never processed it, nothing was charged. */
      noCharge?: true;
    }
  /**
   * The card terminal's answer was lost: the core asks the terminal how it ended. `stuck`: still
   * unresolved when the inactivity timer would have reset the kiosk (the citizen is sent to staff).
   */
  | { kind: 'card-checking'; session: Session; quote: Quote; stuck: boolean }
  | { kind: 'confirming'; session: Session; card: CardDetails | null }
  | { kind: 'receipt'; session: Session; card: CardDetails | null }
  | { kind: 'problem'; problem: Problem };

export type StepKind = Step['kind'];

/** Steps where the core or the card terminal is working: the inactivity timer waits. */
/** (card-checking keeps its own clock: it never resets the kiosk, it sends the citizen to staff.) */
export const BUSY_STEPS: ReadonlySet<StepKind> = new Set(['language', 'busy', 'card', 'card-checking', 'confirming']);

export const NOTICE_DIGITS = 18;
export const CREDITOR_DIGITS = 11;

/** After the notice was added: its details, or why it cannot be paid. */
export function afterVerify(session: Session): Step {
  const notice = session.notices.at(-1);
  if (notice?.phase === 'verified' && notice.verification) return { kind: 'details', session };
  return { kind: 'problem', problem: { key: problemOfFault(notice?.lastError ?? null) ?? 'unexpected' } };
}

/** After activation: on to the total, or why not. */
export function afterActivate(session: Session): { ok: true } | { ok: false; step: Step } {
  if (session.status === 'activated') return { ok: true };
  const failed = session.notices.find((n) => n.lastError);
  return { ok: false, step: { kind: 'problem', problem: { key: problemOfFault(failed?.lastError ?? null) ?? 'unexpected' } } };
}

/** Session states after the tender that end the citizen's part. */
export function afterOutcome(session: Session): 'receipt' | 'staff' | 'wait' {
  switch (session.status) {
    case 'completed':
    case 'certified':
      return 'receipt';
    case 'refund-required':
    case 'refunded':
    case 'needs-decision':
      return 'staff';
    default:
      return 'wait';
  }
}
