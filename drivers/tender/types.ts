/**
 * A tender device takes money from the customer without a person at the till: on a kiosk, the card
 * terminal. sportello only asks it to authorize an amount the core decided and reads back what it
 * said; the core turns an approval into a tender (money decisions stay in the core).
 *
 * Every answer is a value, never a throw: a declined card, a customer who walked away and a terminal
 * that is off are all ordinary outcomes the kiosk screen must explain.
 */

/** Why the card was refused, as far as the terminal tells (acquirers say little on purpose). */
export type DeclineReason = 'refused' | 'insufficient-funds' | 'pin-wrong' | 'card-expired' | 'card-unsupported';
/** Why nothing could be asked of the terminal. */
export type UnavailableReason = 'offline' | 'busy' | 'not-configured';

export type AuthorizationResult =
  | {
      outcome: 'approved';
      reference: string;
      amountCents: number;
      /** The acquirer's authorization code, printed on the card slip. */
      authCode: string;
      /** The terminal's own transaction id, what a reversal names. */
      transactionId: string;
      cardBrand: string;
      /** Only the last four digits ever leave the terminal. */
      maskedPan: string;
      /** The acquirer's (or payment service provider's) reference, when the terminal reports one. */
      acquirerReference?: string;
    }
  | { outcome: 'declined'; reference: string; reason: DeclineReason }
  /** No card was presented (or the card dialogue did not finish) within the terminal's wait. */
  | { outcome: 'timeout'; reference: string }
  /** `cancel()` stopped it before the card was read. */
  | { outcome: 'cancelled'; reference: string }
  | { outcome: 'unavailable'; reference: string; reason: UnavailableReason };

/**
 * What `resolve()` answers when the terminal cannot say how an authorization ended:
 * - `not-found`: the terminal has no record of it, so no money moved (safe to ask the customer again);
 * - `in-progress`: the terminal is still working on it (ask again later);
 * - `unreachable`: the terminal could not be asked, or its answer could not be believed (ask again later).
 */
export type UnresolvedReason = 'not-found' | 'in-progress' | 'unreachable';
export interface UnresolvedAuthorization {
  outcome: 'unknown';
  reference: string;
  reason: UnresolvedReason;
}

export type Approval = Extract<AuthorizationResult, { outcome: 'approved' }>;
export type AuthorizationOutcome = AuthorizationResult['outcome'];

/** What the terminal is doing now; `present-card` and `processing` only during an authorization. */
export type TenderDeviceState = 'ready' | 'present-card' | 'processing' | 'offline';

export interface TenderDeviceStatus {
  state: TenderDeviceState;
  /** The authorization under way, if any. */
  reference: string | null;
}

export interface VoidResult {
  voided: boolean;
  /** When it could not be voided (`refused`: the terminal said no, e.g. too late): a person must reverse it at the terminal or the acquirer. */
  reason?: 'unknown-transaction' | 'offline' | 'refused';
}

export interface TenderDevice {
  readonly id: string;
  /** For technicians: model or driver name. */
  readonly name: string;
  readonly kind: 'card-terminal';
  status(): TenderDeviceStatus;
  /** Asks the customer for a card for exactly `amountCents`; one authorization at a time. */
  authorize(amountCents: number, reference: string): Promise<AuthorizationResult>;
  /** Stops the authorization under way (resolved as 'cancelled'); false when there was none or it is past the card. */
  cancel(): Promise<boolean>;
  /** Reverses an approval the core could not turn into a tender (the session changed meanwhile). */
  void(approval: Approval): Promise<VoidResult>;
  /**
   * How the authorization with this reference ended, asked of the terminal itself: what the core calls
   * after its own crash (or after a lost answer it could not settle) before anything else happens.
   */
  resolve?(reference: string): Promise<AuthorizationResult | UnresolvedAuthorization>;
  /** Status changes as they happen; returns the function that stops listening. */
  onStatus(listener: (status: TenderDeviceStatus) => void): () => void;
  close(): Promise<void>;
}
