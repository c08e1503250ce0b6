/**
 * Business errors as the node sends them: a ctFaultBean inside the normal response
 * (`<outcome>KO</outcome><fault>…</fault>`), never a SOAP Fault. faultStrings are the node's own
 * ("Dominio Nodo" table); creditor (PAA_) errors arrive wrapped in PPT_ERRORE_EMESSO_DA_PAA.
 */
import { SportelloError } from '../kernel/errors';
import { leaf, node } from './xml/write';

export const NODE_ID = 'NodoDeiPagamentiSPC';

export interface FaultBean {
  faultCode: string;
  faultString: string;
  id: string;
  description?: string;
  serial?: number;
  originalFaultCode?: string;
  originalFaultString?: string;
  originalDescription?: string;
}

const NODE_FAULT_STRINGS = {
  PPT_AUTENTICAZIONE: 'Errore di autenticazione',
  PPT_AUTORIZZAZIONE: "Il richiedente non ha i diritti per l'operazione",
  PPT_CANALE_SCONOSCIUTO: 'Canale sconosciuto',
  PPT_DOMINIO_SCONOSCIUTO: 'IdentificativoDominio sconosciuto',
  PPT_ERRORE_EMESSO_DA_PAA: "Errore restituito dall'Ente Creditore",
  PPT_INTERMEDIARIO_PSP_SCONOSCIUTO: 'Identificativo intermediario psp sconosciuto',
  PPT_PSP_SCONOSCIUTO: 'PSP sconosciuto',
  PPT_SEMANTICA: 'Errore semantico',
  PPT_SINTASSI_EXTRAXSD: 'Errore di sintassi extra XSD',
  PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE: 'Errore di connessione verso la Stazione',
  PPT_STAZIONE_INT_PA_SCONOSCIUTA: 'IdentificativoStazioneRichiedente sconosciuto',
  PPT_SYSTEM_ERROR: 'Errore generico',
  PPT_PAGAMENTO_DUPLICATO: 'Pagamento in attesa risulta concluso al sistema pagoPA',
  PPT_PAGAMENTO_IN_CORSO: 'Pagamento in attesa risulta in corso al sistema pagoPA',
  PPT_ESITO_GIA_ACQUISITO: "L'esito del pagamento risulta già acquisito dal sistema pagoPA",
  PPT_SOAPACTION_ERRATA: 'SOAPAction errata',
  PPT_TOKEN_SCONOSCIUTO: 'unknown token',
  PPT_TOKEN_SCADUTO: 'paymentToken is expired',
  PPT_TOKEN_SCADUTO_KO: 'paymentToken is expired',
  // Not in the published table: wording chosen here (documented in sim/README.md).
  PPT_ERRORE_IDEMPOTENZA: 'Errore di idempotenza',
  PPT_SERVIZIO_SCONOSCIUTO: 'Servizio sconosciuto',
} as const;

export type NodeFaultCode = keyof typeof NODE_FAULT_STRINGS;

const CREDITOR_FAULT_STRINGS = {
  PAA_PAGAMENTO_SCONOSCIUTO: 'Pagamento in attesa risulta sconosciuto all’Ente Creditore',
  PAA_PAGAMENTO_SCADUTO: 'Pagamento in attesa risulta scaduto all’Ente Creditore',
  PAA_PAGAMENTO_ANNULLATO: 'Pagamento in attesa risulta annullato all’Ente Creditore',
  PAA_ATTIVA_RPT_IMPORTO_NON_VALIDO: 'L’importo del pagamento in attesa non è congruente con il dato indicato dal PSP',
  PAA_SINTASSI_EXTRAXSD: 'Errore di sintassi extra XSD',
  PAA_SINTASSI_XSD: 'Errore di sintassi XSD',
  PAA_SEMANTICA: 'Errore semantico',
  PAA_PAGAMENTO_DUPLICATO: 'Pagamento in attesa risulta concluso all’Ente Creditore',
} as const;

export type CreditorFaultCode = keyof typeof CREDITOR_FAULT_STRINGS;

export function nodeFault(code: NodeFaultCode, description?: string): FaultBean {
  return { faultCode: code, faultString: NODE_FAULT_STRINGS[code], id: NODE_ID, ...(description !== undefined ? { description } : {}) };
}

/**
 * A creditor's error as the node relays it: PPT_ERRORE_EMESSO_DA_PAA with the creditor's domain as
 * `id`, its fault in the original* fields (the extended faultBean) and, for brokers that do not read
 * those, the same fault spelled out in `description`.
 */
export function creditorFault(creditorFiscalCode: string, code: CreditorFaultCode, description: string): FaultBean {
  const faultString = CREDITOR_FAULT_STRINGS[code];
  return {
    faultCode: 'PPT_ERRORE_EMESSO_DA_PAA',
    faultString: NODE_FAULT_STRINGS.PPT_ERRORE_EMESSO_DA_PAA,
    id: creditorFiscalCode,
    description: `FaultBean{faultCode=${code}, faultString=${faultString}, id=${creditorFiscalCode}, description=${description}}`,
    originalFaultCode: code,
    originalFaultString: faultString,
    originalDescription: description,
  };
}

/** Thrown inside a primitive to answer KO with this fault; the dispatcher turns it into the response. */
export class NodeFault extends SportelloError {
  constructor(readonly bean: FaultBean) {
    super('SIM_NODE_FAULT', `${bean.faultCode}: ${bean.description ?? bean.faultString}`, { details: { faultCode: bean.faultCode } });
  }
}

export function faultXml(f: FaultBean): string {
  return node('fault', [
    leaf('faultCode', f.faultCode),
    leaf('faultString', f.faultString),
    leaf('id', f.id),
    leaf('description', f.description),
    leaf('serial', f.serial),
    leaf('originalFaultCode', f.originalFaultCode),
    leaf('originalFaultString', f.originalFaultString),
    leaf('originalDescription', f.originalDescription),
  ]);
}
