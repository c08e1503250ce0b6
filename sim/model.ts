/**
 * What the simulated node knows: creditors (enti creditori) and their stations, creditor positions
 * (one per notice), payment sessions (one per paymentToken), idempotency records and the service
 * catalogue. Plain JSON-able data so both stores keep it as text. Money is integer cents.
 */
import type { Cents } from '../kernel/money';
import type { Operation } from './operations';

/** `unreachable`: the node cannot reach the creditor's station (PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE). */
export type StationStatus = 'online' | 'unreachable';

export interface Creditor {
  fiscalCode: string;
  companyName: string;
  station: StationStatus;
  /** postal current accounts (CCP) for verificaBollettino */
  postalAccounts: string[];
}

export interface MapEntry {
  key: string;
  value: string;
}

/** @e.bollo: a transfer paid as a digital revenue stamp instead of to an IBAN. */
export interface MarcaDaBollo {
  hashDocumento: string;
  tipoBollo: '01';
  provinciaResidenza: string;
}

export interface Transfer {
  idTransfer: number;
  amountCents: Cents;
  fiscalCodePA: string;
  companyName: string;
  /** exactly one of iban and marcaDaBollo */
  iban?: string;
  marcaDaBollo?: MarcaDaBollo;
  remittanceInformation: string;
  transferCategory?: string;
  metadata?: MapEntry[];
}

/** `payable` also covers "session open": that is derived from the sessions, not stored. */
export type PositionStatus = 'payable' | 'paid' | 'expired' | 'cancelled';

export interface Position {
  fiscalCode: string;
  noticeNumber: string;
  /** what the notice is for the people using the simulator ("multi-beneficiary, 5 transfers") */
  label?: string;
  companyName: string;
  officeName?: string;
  paymentDescription: string;
  dueDate?: string;
  paymentNote?: string;
  /** IUV */
  creditorReferenceId: string;
  /** the amount printed on the notice (and in its QR code); the current amount is the transfers' sum */
  printedAmountCents: Cents;
  transfers: Transfer[];
  metadata?: MapEntry[];
  status: PositionStatus;
  /** served by the node's Stand-In: responses carry standin=true */
  standin: boolean;
  postalAccount?: string;
  allCCP: boolean;
  /**
   * how the position was closed: token null when it was seeded as already paid; `late`: settled by
   * the node's late-outcome retry after the cancel job released the token (answered PPT_TOKEN_SCADUTO)
   */
  paid?: { paymentToken: string | null; at: number; late: boolean };
  /** every paymentToken issued on this notice, oldest first */
  tokens: string[];
  origin: 'seed' | 'admin' | 'demand';
  /** for positions created by demandPaymentNotice */
  demand?: {
    idSoggettoServizio: string;
    datiSpecificiServizio: string;
    /** car tax: the vehicle taxed, `<tipoVeicoloTarga>/<plate in capitals>` (one payment per year) */
    subject?: string;
  };
}

/** The outcome the node took for a token (answered OK in time, or settled late). */
export interface AcquiredOutcome {
  outcome: 'OK' | 'KO';
  at: number;
  /** settled after the cancel job released the token (the answer was PPT_TOKEN_SCADUTO) */
  late: boolean;
  /** taken (answered OK) after the token's expiry but before the cancel job released it */
  afterExpiry?: boolean;
  operation: Operation;
  paymentMethod?: string;
  paymentChannel?: string;
  feeCents?: Cents;
  /** the fee as the PSP wrote it (absent in records kept by older versions: then from feeCents) */
  fee?: string;
  applicationDate?: string;
  transferDate?: string;
  /** the payer's fiscal code or VAT number (details/payer/uniqueIdentifier) */
  payerEntityUniqueIdentifierValue?: string;
}

/** Every outcome message received for a token, with what the node answered. */
export interface ReceivedOutcome {
  at: number;
  operation: Operation;
  outcome: 'OK' | 'KO';
  idempotencyKey?: string;
  feeCents?: Cents;
  applicationDate?: string;
  /** 'OK' or the faultCode answered */
  answer: string;
}

export interface Session {
  paymentToken: string;
  fiscalCode: string;
  noticeNumber: string;
  idPSP: string;
  idBrokerPSP: string;
  idChannel: string;
  operation: 'activatePaymentNotice' | 'activatePaymentNoticeV2';
  amountCents: Cents;
  idempotencyKey?: string;
  activatedAt: number;
  expiresAt: number;
  acquired?: AcquiredOutcome;
  received: ReceivedOutcome[];
  /**
   * The node has not finished the activation (it still waits for the creditor's paGetPayment):
   * an outcome now is refused. Set through the admin API, as the official suite sets it in the
   * node's database (SEM_SPO_35.1).
   */
  activationPending?: boolean;
}

/**
 * `expired`: past its expiry with no outcome; it still holds the notice until the cancel job
 * releases it (see cancel-job.ts and the view's `released`).
 */
export type SessionStatus = 'open' | 'expired' | 'closed-ok' | 'closed-ko' | 'paid-late';

export function sessionStatus(s: Session, now: number): SessionStatus {
  if (s.acquired) return s.acquired.outcome === 'KO' ? 'closed-ko' : s.acquired.late ? 'paid-late' : 'closed-ok';
  return now < s.expiresAt ? 'open' : 'expired';
}

export interface IdempotencyRecord {
  idPSP: string;
  key: string;
  operation: Operation;
  /** sha-256 of the request's canonical form (password included, so never the password itself) */
  fingerprint: string;
  /** the response body element, replayed verbatim */
  response: string;
  outcome: 'OK' | 'KO';
  faultCode?: string;
  createdAt: number;
  validUntil: number;
  /** for activations: the token issued; the key is spent once that token's outcome is acquired */
  paymentToken?: string;
}

export interface ServiceProvider {
  idSoggettoServizio: string;
  idDominio: string;
  denominazioneEnteCreditore: string;
  dataInizioValidita: string;
  dataFineValidita?: string;
  commissione?: 'Y' | 'N';
  /** the position a demandPaymentNotice creates */
  paymentDescription: string;
  officeName?: string;
  /**
   * How the position's amount is found. Absent: the fixed `transfers`. A rule: its amount is paid to
   * the provider's creditor (idDominio) on the rule's IBAN as transfer 1, followed by the fixed
   * `transfers` (0..4), so the total is the rule's amount plus theirs (see sim/README.md).
   */
  amount?: AmountRule;
  transfers: Transfer[];
}

/**
 * `car-tax`: carTaxCents(tipoVeicoloTarga, veicoloTarga) of sim/services/car-tax.ts;
 * `from-data`: the decimal amount in the data's element of that local name (CUP's `amount`).
 */
export type AmountRule = ({ rule: 'car-tax' } | { rule: 'from-data'; element: string }) & {
  iban: string;
  remittanceInformation: string;
  transferCategory?: string;
};

export interface Service {
  idServizio: string;
  descrizioneServizio: string;
  categoria?: string;
  /** file name of the datiSpecificiServizio schema (sim/schema/pagopa-api/catalogo-servizi/) */
  xsdRiferimento: string;
  providers: ServiceProvider[];
}

export function amountOf(p: Position): Cents {
  return p.transfers.reduce((sum, t) => sum + t.amountCents, 0);
}
