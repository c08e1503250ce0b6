/**
 * The payment session as data. A session is a cart of 1..5 notices paid with one tender; each notice
 * has its own token and its own outcome (the node refuses several PSP-activated tokens in one
 * sendPaymentOutcomeV2). The transition function (session.ts) is the only thing that changes it.
 */
import type { Cents } from '../../kernel/money';
import type { TransferV2 } from '../protocol';

export const MAX_NOTICES = 5;
/** Rows a cart may hold, unpayable ones included (they take no place among MAX_NOTICES but are shown). */
export const MAX_CART_ROWS = 2 * MAX_NOTICES;

/** How the notice came: read from paper (QR, Data Matrix, typed) or created by demandPaymentNotice for a catalogue service. */
export type NoticeSource = 'qr' | 'poste-datamatrix' | 'manual' | 'service';
export type TenderMethod = 'cash' | 'card' | 'other';
/** What a card tender is, as the outcome's paymentMethod says it: a debit PagoBANCOMAT card is `bancomat`. */
export type CardKind = 'creditCard' | 'bancomat';

/**
 * The PSP's published bundle the node suggested in activatePaymentNoticeV2 for one notice: the fee
 * the payer is charged (`suggestedUserFee`), the creditor's part (`suggestedPaFee`, sent back as
 * primaryCiIncurredFee) and the bundle ids sent back in the OK.
 */
export interface SuggestedBundle {
  userFeeCents: Cents;
  paFeeCents: Cents | null;
  idBundle: string | null;
  idCiBundle: string | null;
}

/** What was read from the notice (scanner, keyboard or CLI). */
export interface NoticeRef {
  fiscalCode: string;
  noticeNumber: string;
  /** The amount printed on the notice (QR/Data Matrix); null when typed by hand. */
  scannedAmountCents: Cents | null;
  source: NoticeSource;
  postalAccount?: string | null;
  /** A spontaneous payment (source 'service'): the catalogue service and the data entered, for the certificate. */
  service?: NoticeService;
}

/** The catalogue service a demanded notice was created for, and the data the payer entered (form order). */
export interface NoticeService {
  idServizio: string;
  idSoggettoServizio: string;
  description: string;
  /** The creditor providing the service (denominazioneEnteCreditore). */
  creditor: string;
  /** `optionKey`: for a value chosen from the XSD's enumeration, its label's key in services.json (the value alone is a code: "1"). */
  data: { path: string; name: string; value: string; optionKey?: string }[];
}

/** What verifyPaymentNotice said is owed. */
export interface Verification {
  amountCents: Cents;
  description: string;
  companyName: string;
  officeName: string | null;
  dueDate: string | null;
  standin: boolean;
}

/** What activatePaymentNoticeV2 granted. */
export interface Activation {
  paymentToken: string;
  /** The node's expiry for the token, as wall-clock epoch ms at activation. */
  expiresAtMs: number;
  /** The token's lifetime as granted: the outbox measures it on monotonic time. */
  durationMs: number;
  creditorReferenceId: string;
  totalAmountCents: Cents;
  companyName: string;
  description: string;
  fiscalCodePA: string;
  /** The transfers the node listed (an @e.bollo stamp is one with `richiestaMarcaDaBollo`); absent: none listed or not kept. */
  transfers?: TransferV2[];
  /** The activation was answered by the node's Stand-In: counts like verify's flag (refund report code 8). */
  standin?: boolean;
  /** The node's suggested bundle, when activateV2 gave a `suggestedUserFee`. */
  bundle?: SuggestedBundle;
}

export interface FaultInfo {
  code: string;
  message: string;
  /** The node's faultCode when the node answered. */
  faultCode?: string;
  /** i18n key of what the operator is told. */
  messageKey?: string;
  /** The node's verdict (main/protocol FaultAction): `notice-paid` / `notice-unpayable` mean the notice cannot be paid here. */
  action?: string;
  /** An activation refused because its amount is not the one the customer was shown: both amounts. */
  amounts?: { shownCents: Cents; activatedCents: Cents };
}

/**
 * One notice's progress. Each phase: how it is entered -> how it is left.
 */
export type NoticePhase =
  | 'verifying' // added to the cart -> verify answered
  | 'verified' // verify OK -> activation requested, or removed
  | 'verify-failed' // verify refused (paid, expired, unknown...) -> removed by the operator
  | 'activating' // activate sent -> activate answered
  | 'activation-unknown' // no trustworthy answer: the node may hold a token -> asked again with the key until found (KO) or surely none
  | 'activated' // token held -> tender (OK queued), cancel/expiry (KO queued)
  | 'activation-refused' // activate refused: no token, nothing to close -> stays, excluded from the tender
  | 'ok-queued' // money collected, OK outcome in the outbox -> node's answer
  | 'ko-queued' // KO outcome in the outbox -> node's answer
  | 'accepted' // OK taken within the token window (final)
  | 'accepted-late' // OK taken after expiry (PPT_TOKEN_SCADUTO): paid, breach of the time rule journaled (final)
  | 'ko-delivered' // KO taken (or KO after expiry: nothing to change) (final)
  | 'refund-required' // money collected but the node refused the OK (another payment closed the notice)
  | 'needs-decision'; // an answer sportello cannot settle alone (discordant outcome, unknown fault)

export interface NoticeState {
  /** Stable within the session (1, 2, ...), never reused after a removal: answers in flight find their notice. */
  id: number;
  ref: NoticeRef;
  phase: NoticePhase;
  verification: Verification | null;
  activation: Activation | null;
  /** Set when the verified amount differs from the printed one: the verified amount wins, the operator sees both. */
  amountChanged: boolean;
  lastError: FaultInfo | null;
  /** For refund cases where the refund is impossible: the code to report to the creditor (9, or 8 under Stand-In). */
  creditorReportCode: 8 | 9 | null;
}

export interface Tender {
  method: TenderMethod;
  /** Sum of the activated notices' amounts. */
  noticesCents: Cents;
  feeCents: Cents;
  /** noticesCents + feeCents */
  dueCents: Cents;
  /** Cash handed over (cash only); change = given - due. */
  givenCents: Cents | null;
  changeCents: Cents;
  /** card only: what kind of card paid (default creditCard). */
  cardKind?: CardKind;
  /** Where `feeCents` came from: the node's suggested bundles, or the terminal's local rule. */
  feeSource?: 'node' | 'local';
  /** The local rule's fee, kept beside the node's so the operator sees a difference before the customer pays. */
  localFeeCents?: Cents;
}

/**
 * The session's status. Each: how it is entered -> how it is left.
 */
export type SessionStatus =
  | 'cart' // created; notices read and verified -> activate-requested, cancel
  | 'activating' // one activation per notice in flight -> every notice answered
  | 'activated' // at least one token held, waiting for the money -> tender, cancel, token expiry, abandonment
  | 'activation-refused' // no notice could be activated; nothing to close (final)
  | 'outcome-pending' // tender and OK outcomes committed in one transaction -> every outcome settled
  | 'completed' // every OK accepted (some maybe late) -> certificate issued
  | 'certified' // certificate issued (final; reprints allowed)
  | 'cancelling' // KO queued for every token, nothing collected -> every KO delivered
  | 'token-expired' // a token lapsed before the money was taken: KO queued for every token -> every KO delivered
  | 'cancelled' // nothing collected, every token closed with KO (final)
  | 'refund-required' // money collected for a notice the node refused -> refund recorded by the operator
  | 'refunded' // the operator recorded the refund (final)
  | 'needs-decision'; // an operator must decide (abandoned activation, discordant outcome) -> decision

export interface SessionState {
  id: string;
  status: SessionStatus;
  notices: NoticeState[];
  /** The id the next notice added gets: positions are never reused, removed notices included. */
  nextNoticeId: number;
  tender: Tender | null;
  /** Why the session is waiting for an operator, when it is. */
  decisionReason: string | null;
}

export type SessionEvent =
  | { type: 'notice-added'; ref: NoticeRef }
  | { type: 'notice-removed'; noticeId: number }
  | { type: 'verify-succeeded'; noticeId: number; verification: Verification }
  | { type: 'verify-failed'; noticeId: number; error: FaultInfo }
  | { type: 'activate-requested' }
  | { type: 'activate-succeeded'; noticeId: number; activation: Activation }
  | { type: 'activate-failed'; noticeId: number; error: FaultInfo }
  /** An answer refused (transfers not adding up, a field breaking its type) that still names a valid token: it gets a KO. */
  | { type: 'activate-refused-token'; noticeId: number; activation: Activation; error: FaultInfo }
  /** No trustworthy answer (none, garbage, a transient fault, a token we already hold): the node may hold a token. */
  | { type: 'activate-unknown'; noticeId: number; error: FaultInfo }
  /** Asking again with the key named the token: it gets its KO (the customer was never charged for it). */
  | { type: 'activation-found'; noticeId: number; activation: Activation }
  /** Asking again settled it without a token of ours left open (a definitive refusal, or every possible token has lapsed). */
  | { type: 'activation-settled'; noticeId: number; error: FaultInfo }
  | { type: 'tender-submitted'; tender: Tender }
  | { type: 'cancel-requested' }
  | { type: 'token-expired'; noticeId: number }
  | { type: 'abandoned'; unattended: boolean }
  | { type: 'outcome-accepted'; noticeId: number; late: boolean }
  | { type: 'outcome-refund-required'; noticeId: number; error: FaultInfo }
  | { type: 'outcome-needs-decision'; noticeId: number; error: FaultInfo }
  /** A technician sent an unsettled outcome again (outbox reset) before anyone decided: it is queued again. */
  | { type: 'outcome-requeued'; noticeId: number }
  | { type: 'decision-made'; decision: 'treat-as-paid' | 'refund' }
  | { type: 'refund-recorded'; note: string }
  | { type: 'certificate-issued' };

export type SessionEffect =
  | { kind: 'verify'; noticeId: number }
  | { kind: 'activate'; noticeId: number }
  /** ONE transaction: the tender, an OK outbox message per activated notice, the journal entry. */
  | { kind: 'commit-tender'; tender: Tender; noticeIds: number[] }
  /** ONE transaction: a KO outbox message per listed notice, the journal entry. */
  | {
      kind: 'queue-ko';
      noticeIds: number[];
      reason: 'cancelled' | 'token-expired' | 'abandoned' | 'operator-decision' | 'amount-refused' | 'answer-refused' | 'orphan-token';
    }
  /** ONE transaction with the decision: the decided notices' outcome messages become final, never sent again. */
  | { kind: 'close-outcomes'; noticeIds: number[] }
  | { kind: 'print-certificate' };

export type TransitionResult =
  | { ok: true; state: SessionState; effects: SessionEffect[] }
  | { ok: false; code: 'EVENT_NOT_ALLOWED' | 'EVENT_INVALID' | 'NOTICE_ALREADY_IN_CART'; message: string };
