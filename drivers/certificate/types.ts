/**
 * What a certificate is made from and what it holds. The input types describe the engine's
 * SessionState by shape only: drivers/ never imports the engine, and a unit test checks at compile
 * time that SessionState still fits (and that the status and phase lists are the engine's, so a new
 * status cannot slip past the exhaustive switch in model.ts).
 */
import type { Cents } from '../../kernel/money';

export type Language = 'it' | 'en' | 'de';

export type CertificateSessionStatus =
  | 'cart'
  | 'activating'
  | 'activated'
  | 'activation-refused'
  | 'outcome-pending'
  | 'completed'
  | 'certified'
  | 'cancelling'
  | 'token-expired'
  | 'cancelled'
  | 'refund-required'
  | 'refunded'
  | 'needs-decision';

export type CertificateNoticePhase =
  | 'verifying'
  | 'verified'
  | 'verify-failed'
  | 'activating'
  | 'activation-unknown'
  | 'activated'
  | 'activation-refused'
  | 'ok-queued'
  | 'ko-queued'
  | 'accepted'
  | 'accepted-late'
  | 'ko-delivered'
  | 'refund-required'
  | 'needs-decision';

export type PaymentMethod = 'cash' | 'card' | 'other';

export interface CertificateNoticeInput {
  readonly id: number;
  readonly ref: { readonly fiscalCode: string; readonly noticeNumber: string; readonly service?: CertificateService };
  readonly phase: CertificateNoticePhase;
  readonly verification: {
    readonly amountCents: Cents;
    readonly description: string;
    readonly companyName: string;
    readonly standin?: boolean;
  } | null;
  readonly activation: {
    readonly paymentToken: string;
    readonly creditorReferenceId: string;
    readonly totalAmountCents: Cents;
    readonly companyName: string;
    readonly description: string;
    readonly fiscalCodePA: string;
    /** the activation was answered by the node's Stand-In */
    readonly standin?: boolean;
  } | null;
}

/** A spontaneous payment's catalogue service and the data entered (a car tax's vehicle class and plate). */
export interface CertificateService {
  readonly description: string;
  readonly creditor: string;
  readonly data: readonly { readonly name: string; readonly value: string; readonly optionKey?: string }[];
}

export interface CertificateSession {
  readonly id: string;
  readonly status: CertificateSessionStatus;
  readonly notices: readonly CertificateNoticeInput[];
  readonly tender: {
    readonly method: PaymentMethod;
    readonly noticesCents: Cents;
    readonly feeCents: Cents;
    readonly dueCents: Cents;
    /** cash only: what the customer handed over, and the change given back */
    readonly givenCents?: Cents | null;
    readonly changeCents?: Cents;
  } | null;
}

/**
 * What the card terminal or the other means answered, as the journal holds it (the operator's
 * `tender-details`, the kiosk's `card-authorization`). A card number is printed masked whatever
 * it holds: only its last 4 digits.
 */
export interface TenderDetails {
  readonly authCode?: string;
  readonly brand?: string;
  /** last 4 digits, or a masked PAN from the card terminal */
  readonly card?: string;
  readonly reference?: string;
}

/** What the session does not know: who prints, where, when, in which language. */
export interface CertificateContext {
  /** SANP: at least the PSP's company name and fiscal code (from the configuration). */
  readonly psp: { readonly name: string; readonly fiscalCode: string };
  readonly terminalId: string;
  /** null for sessions without an operator (kiosk, CLI): printed as "n.d." */
  readonly operatorId: string | null;
  readonly locale: Language;
  /** 'duplicate' on a reprint; a session already certified always prints as a duplicate. */
  readonly variant: 'original' | 'duplicate';
  /** When the money was taken (the tender row), epoch ms: the "date and time of the operation". */
  readonly paidAtMs: number;
  /** When this copy is printed, epoch ms (shown on duplicates). */
  readonly printedAtMs: number;
  /** IANA zone the times are printed in; default Europe/Rome. */
  readonly timeZone?: string;
  /** The card's or the other means' details, when the journal has them. */
  readonly tenderDetails?: TenderDetails | null;
}

/** One paid (or, on the pending slip, tendered) notice. */
export interface CertifiedNotice {
  readonly creditorFiscalCode: string;
  readonly creditorName: string;
  /** creditorReferenceId */
  readonly iuv: string;
  readonly noticeNumber: string;
  readonly paymentToken: string;
  readonly amountCents: Cents;
  readonly description: string;
  /** false only on the pending slip, for notices whose outcome the node has not taken yet */
  readonly confirmed: boolean;
  /** present (true) only when the node's Stand-In served the notice (verify's or the activation's answer said so) */
  readonly standin?: true;
  /** present only for a spontaneous payment: the service and the data entered, printed under the notice */
  readonly service?: {
    readonly description: string;
    readonly data: readonly { readonly name: string; readonly value: string; readonly optionKey?: string }[];
  };
}

/**
 * The certificate as data, built once by certificateFor and rendered by certificateDocument into
 * the printer's document model (then ESC/POS, SVG or PDF). No strings of the locale in it.
 */
export interface CertificateModel {
  /** 'pending': the outcome is still in the outbox (or awaits an operator); not a certificate. */
  readonly kind: 'pending' | 'final';
  readonly duplicate: boolean;
  readonly locale: Language;
  readonly timeZone: string;
  readonly sessionId: string;
  readonly paidAtMs: number;
  readonly printedAtMs: number;
  readonly psp: { readonly name: string; readonly fiscalCode: string };
  readonly terminalId: string;
  readonly operatorId: string | null;
  readonly method: PaymentMethod;
  readonly notices: readonly CertifiedNotice[];
  /** tendered notices left out (refused by the node: to be refunded) */
  readonly excludedCount: number;
  /** sum of the notices shown */
  readonly amountCents: Cents;
  /** the fee the tender charged */
  readonly feeCents: Cents;
  readonly totalCents: Cents;
  /** cash: given and change, printed under the method */
  readonly cash: { readonly givenCents: Cents; readonly changeCents: Cents } | null;
  /** card / other: what the terminal or the receipt said; card digits already masked */
  readonly tenderDetails: TenderDetails | null;
}
