/**
 * Typed requests and results of the node primitives.
 *
 * Naming rule: field names are the XSD's element names (so `IBAN`, `MBDAttachment`, `allCCP`),
 * except `e-mail` -> `eMail` (not an identifier). Wrapper lists are flattened
 * (`paymentList/paymentOptionDescription*` -> `paymentList: PaymentOption[]`), repeated elements are
 * always arrays (empty when absent), optional scalars are `undefined` when absent.
 * Amounts are integer cents (`Cents`), dates `YYYY-MM-DD` strings, `expirationTime` milliseconds.
 */
import type { Cents } from '../../kernel/money';
import type {
  ActivatePaymentNoticeResult,
  ActivatePaymentNoticeV2Result,
  CatalogoServiziResult,
  DemandPaymentNoticeResult,
  SendPaymentOutcomeResult,
  VerificaBollettinoResult,
  VerifyPaymentNoticeResult,
} from './results';

export type * from './results';

/** The channel's credentials: the client adds them to every request. */
export interface NodeCredentials {
  idPSP: string;
  idBrokerPSP: string;
  idChannel: string;
  password: string;
}

export type Outcome = 'OK' | 'KO';
/** `stAmountOptionPSP`; pagoPA says only EQ is used "at the moment". */
export type AmountOption = 'EQ' | 'LS' | 'GT' | 'ANY';
/** `stPaymentMethod`, used in outcome details. */
export type PaymentMethod = 'cash' | 'creditCard' | 'bancomat' | 'other';
export type PaymentChannel = 'frontOffice' | 'atm' | 'onLine' | 'app' | 'other';
/** `stPaymentMethodFee` (activate V2): PO = "pagamento attivato presso PSP", the counter's case. */
export type PaymentMethodFee = 'BBT' | 'BP' | 'AD' | 'CP' | 'PO' | 'OBEP' | 'JIF' | 'MYBK' | 'PPAL';
/** `stTouchpointFee` (activate V2): PSP = generic PSP counter, ATM, TS = tabaccheria, POS... */
export type TouchpointFee = 'IO' | 'WISP' | 'CHECKOUT' | 'PSP' | 'ATM' | 'BETTING' | 'TS' | 'HB' | 'POS';
export type TransferId = 1 | 2 | 3 | 4 | 5;

export interface QrCode {
  /** creditor's fiscal code, 11 digits */
  fiscalCode: string;
  /** codice avviso, 18 digits */
  noticeNumber: string;
}

export interface MapEntry {
  key: string;
  value: string;
}

// ---------------------------------------------------------------- requests

export interface VerifyPaymentNoticeRequest {
  qrCode: QrCode;
}

export interface ActivatePaymentNoticeRequest {
  idempotencyKey?: string;
  qrCode: QrCode;
  /** token validity in milliseconds, at most 1 800 000 (30 min) */
  expirationTime?: number;
  amount: Cents;
  dueDate?: string;
  paymentNote?: string;
}

export interface ActivatePaymentNoticeV2Request extends ActivatePaymentNoticeRequest {
  paymentMethod?: PaymentMethodFee;
  touchPoint?: TouchpointFee;
}

/** `ctSubject`: who pays. */
export interface Payer {
  uniqueIdentifier: {
    /** F = natural person, G = legal person */
    entityUniqueIdentifierType: 'F' | 'G';
    /** fiscal code or VAT number; pagoPA's docs allow 'ANONYMOUS' when unknown */
    entityUniqueIdentifierValue: string;
  };
  fullName: string;
  streetName?: string;
  civicNumber?: string;
  postalCode?: string;
  city?: string;
  stateProvinceRegion?: string;
  /** two upper-case letters */
  country?: string;
  /** the XSD's `e-mail` */
  eMail?: string;
}

export interface OutcomeDetails {
  paymentMethod: PaymentMethod;
  paymentChannel?: PaymentChannel;
  /** commission paid by the customer */
  fee: Cents;
  payer?: Payer;
  /** "data applicativa" */
  applicationDate: string;
  /** "data di disposizione bonifico" */
  transferDate: string;
}

/** A digital revenue stamp (@e.bollo) bought with the payment. */
export interface MarcaDaBollo {
  paymentToken: string;
  idTransfer: TransferId;
  /** base64 of the stamp document */
  MBDAttachment: string;
}

export interface OutcomeDetailsV2 extends OutcomeDetails {
  primaryCiIncurredFee?: Cents;
  idBundle?: string;
  idCiBundle?: string;
  marcheDaBollo?: MarcaDaBollo[];
}

export interface SendPaymentOutcomeRequest {
  idempotencyKey?: string;
  paymentToken: string;
  outcome: Outcome;
  /** mandatory when outcome is OK (pagoPA docs); the builder refuses an OK without it */
  details?: OutcomeDetails;
}

export interface SendPaymentOutcomeV2Request {
  idempotencyKey?: string;
  /** 1..5 tokens; a PSP counter sends exactly one (several get PPT_SEMANTICA "token multipli") */
  paymentTokens: string[];
  outcome: Outcome;
  details?: OutcomeDetailsV2;
}

/** Poste Italiane only: from the Data Matrix of the postal bulletin. */
export interface VerificaBollettinoRequest {
  /** postal current account, 12 digits */
  ccPost: string;
  noticeNumber: string;
}

export interface DemandPaymentNoticeRequest {
  /** `elencoSoggettiEroganti.soggettoErogante.idSoggettoServizio` from the catalogue, 5 chars */
  idSoggettoServizio: string;
  /**
   * The service-specific XML document (schema named by the catalogue's `xsdRiferimento`), as text:
   * the builder base64-encodes it (UTF-8).
   */
  datiSpecificiServizio: string;
}

export interface CatalogoServiziRequest {
  identificativoDominio?: string;
  categoria?: string;
  commissione?: 'Y' | 'N';
}

/** Request and result type of each primitive, for code that is generic over the primitive. */
export interface PrimitiveTypes {
  verifyPaymentNotice: { request: VerifyPaymentNoticeRequest; result: VerifyPaymentNoticeResult };
  activatePaymentNotice: { request: ActivatePaymentNoticeRequest; result: ActivatePaymentNoticeResult };
  activatePaymentNoticeV2: { request: ActivatePaymentNoticeV2Request; result: ActivatePaymentNoticeV2Result };
  sendPaymentOutcome: { request: SendPaymentOutcomeRequest; result: SendPaymentOutcomeResult };
  sendPaymentOutcomeV2: { request: SendPaymentOutcomeV2Request; result: SendPaymentOutcomeResult };
  verificaBollettino: { request: VerificaBollettinoRequest; result: VerificaBollettinoResult };
  demandPaymentNotice: { request: DemandPaymentNoticeRequest; result: DemandPaymentNoticeResult };
  nodoChiediCatalogoServiziV2: { request: CatalogoServiziRequest; result: CatalogoServiziResult };
}

export type RequestOf<P extends keyof PrimitiveTypes> = PrimitiveTypes[P]['request'];
export type ResultOf<P extends keyof PrimitiveTypes> = PrimitiveTypes[P]['result'];
