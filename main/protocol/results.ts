/**
 * Typed results of the node primitives (outcome OK) and the fault bean of a KO.
 * Same naming rules as types.ts: XSD names, flattened lists, amounts in cents.
 */
import type { Cents } from '../../kernel/money';
import type { AmountOption, MapEntry, QrCode, TransferId } from './types';

export interface PaymentOption {
  amount: Cents;
  options: AmountOption;
  dueDate?: string;
  paymentNote?: string;
}

export interface PaymentOptionBollettino extends PaymentOption {
  /** true: the option may be paid into any of the creditor's postal accounts */
  allCCP: boolean;
}

export interface VerifyPaymentNoticeResult {
  /** at least one option */
  paymentList: PaymentOption[];
  paymentDescription?: string;
  fiscalCodePA?: string;
  companyName?: string;
  officeName?: string;
  /** answered by pagoPA's Stand-In */
  standin?: boolean;
}

export interface TransferV1 {
  idTransfer: TransferId;
  transferAmount: Cents;
  fiscalCodePA: string;
  IBAN: string;
  remittanceInformation: string;
  metadata: MapEntry[];
}

/** `ctRichiestaMarcaDaBollo`: this transfer is an @e.bollo stamp the PSP sells with the payment. */
export interface RichiestaMarcaDaBollo {
  /** base64 of the hash of the document the stamp is for (4..72 characters) */
  hashDocumento: string;
  /** `stTipoBolloDigitale`: '01' is the only value the XSD defines */
  tipoBollo: '01';
  /** two upper-case letters: the payer's province */
  provinciaResidenza: string;
}

/** `ctTransferPSPV2`; every field checked against its XSD type before it is returned. */
export interface TransferV2 {
  /** distinct within the answer; the OK's marcaDaBollo names the stamp transfer by it */
  idTransfer: TransferId;
  transferAmount: Cents;
  fiscalCodePA: string;
  companyName?: string;
  /** at most one of IBAN and richiestaMarcaDaBollo is present */
  IBAN?: string;
  richiestaMarcaDaBollo?: RichiestaMarcaDaBollo;
  remittanceInformation: string;
  transferCategory?: string;
  metadata: MapEntry[];
}

interface ActivateCommon {
  /** always present on OK: what the customer owes; equals the sum of the transfers when they are listed */
  totalAmount: Cents;
  paymentDescription?: string;
  fiscalCodePA?: string;
  companyName?: string;
  officeName?: string;
  /** always present on OK: the session's token (goes on the certificate) */
  paymentToken: string;
  /** the IUV */
  creditorReferenceId?: string;
  standin?: boolean;
}

export interface ActivatePaymentNoticeResult extends ActivateCommon {
  transferList: TransferV1[];
}

export interface ActivatePaymentNoticeV2Result extends ActivateCommon {
  /** 0 (the node listed none) or 1..5 transfers summing to totalAmount */
  transferList: TransferV2[];
  metadata: MapEntry[];
  /** the fee of the PSP's published bundle the node suggests charging the payer */
  suggestedUserFee?: Cents;
  /** the part of the fee the creditor bears (goes back as primaryCiIncurredFee) */
  suggestedPaFee?: Cents;
  /** goes back in the OK as details/idBundle */
  suggestedIdBundle?: string;
  /** goes back in the OK as details/idCiBundle */
  suggestedIdCiBundle?: string;
  allCCP?: boolean;
}

/** The node accepted the outcome. */
export interface SendPaymentOutcomeResult {
  outcome: 'OK';
}

export interface VerificaBollettinoResult {
  /** at least one option */
  paymentBollettinoList: PaymentOptionBollettino[];
  paymentDescription?: string;
  fiscalCodePA?: string;
  noticeNumber?: string;
  companyName?: string;
  officeName?: string;
  standin?: boolean;
}

export interface DemandPaymentNoticeResult {
  /** always present on OK: the notice to activate */
  qrCode: QrCode;
  /** at least one option */
  paymentList: PaymentOption[];
  paymentDescription?: string;
  fiscalCodePA?: string;
  companyName?: string;
  officeName?: string;
}

/** One creditor offering a catalogue service (`ctSoggettoErogante`). */
export interface SoggettoErogante {
  idSoggettoServizio: string;
  idDominio: string;
  denominazioneEnteCreditore: string;
  dataInizioValidita: string;
  dataFineValidita?: string;
  commissione?: 'Y' | 'N';
}

/** One service of the catalogue (`ctCatalogoServizi`). */
export interface CatalogoServizio {
  idServizio: string;
  descrizioneServizio: string;
  soggettiEroganti: SoggettoErogante[];
  categoria?: string;
  /** names the XSD of the service's `datiSpecificiServizio` */
  xsdRiferimento: string;
}

export interface CatalogoServiziResult {
  /** empty when the node sent no xmlCatalogoServizi */
  servizi: CatalogoServizio[];
}

/** `ctFaultBean`, as it arrives in a KO answer. */
export interface FaultBean {
  faultCode: string;
  faultString: string;
  /** who raised it: NodoDeiPagamentiSPC, or the creditor's domain id */
  id: string;
  description?: string;
  serial?: number;
  originalFaultCode?: string;
  originalFaultString?: string;
  originalDescription?: string;
}
