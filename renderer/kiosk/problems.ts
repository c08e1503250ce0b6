/**
 * What a citizen is told when a notice cannot be paid here. Operator messages (faults.json) speak to
 * staff ("do not collect", "call the technician"); a citizen needs to know what it means for them and
 * what to do next, so node faults are grouped into a few plain cases. Pure.
 */
import type { ContractError } from '../../main/contract/result';

export type ProblemKey =
  | 'already-paid'
  | 'expired'
  | 'annulled'
  | 'unknown-notice'
  | 'in-progress'
  | 'try-later'
  | 'cannot-pay-here'
  | 'unreadable'
  | 'reversed'
  | 'not-reversed'
  | 'card-open'
  | 'no-charge'
  | 'needs-staff'
  | 'out-of-service'
  | 'creditor-unreachable'
  | 'service-refused'
  | 'service-not-enabled'
  | 'service-unknown'
  | 'unexpected';

const BY_FAULT: Readonly<Record<string, ProblemKey>> = {
  PPT_PAGAMENTO_DUPLICATO: 'already-paid',
  PAA_PAGAMENTO_DUPLICATO: 'already-paid',
  PAA_PAGAMENTO_SCADUTO: 'expired',
  PAA_PAGAMENTO_ANNULLATO: 'annulled',
  PPT_PAGAMENTO_SCONOSCIUTO: 'unknown-notice',
  PAA_PAGAMENTO_SCONOSCIUTO: 'unknown-notice',
  PPT_DOMINIO_SCONOSCIUTO: 'unknown-notice',
  PPT_PAGAMENTO_IN_CORSO: 'in-progress',
  PAA_PAGAMENTO_IN_CORSO: 'in-progress',
  PPT_ATTIVAZIONE_IN_CORSO: 'in-progress',
  PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE: 'try-later',
  PPT_STAZIONE_INT_PA_TIMEOUT: 'try-later',
  PPT_STAZIONE_INT_PA_SERVIZIO_NON_ATTIVO: 'try-later',
  PPT_STAZIONE_INT_PA_SERVIZIO_NONATTIVO: 'try-later',
  PPT_STAZIONE_INT_PA_ERRORE_RESPONSE: 'try-later',
  PPT_SYSTEM_ERROR: 'try-later',
  PPT_SUPERAMENTOSOGLIA: 'try-later',
  PAA_SYSTEM_ERROR: 'try-later',
  PPT_DOMINIO_DISABILITATO: 'try-later',
  PPT_SERVIZIO_SCONOSCIUTO: 'service-unknown',
};

const BY_CODE: Readonly<Record<string, ProblemKey>> = {
  NODE_UNREACHABLE: 'try-later',
  NODE_NO_RESPONSE: 'try-later',
  NODE_HTTP_ERROR: 'try-later',
  NODE_BAD_RESPONSE: 'try-later',
  ACTIVATION_UNKNOWN: 'try-later',
  TRANSPORT_CLOSED: 'needs-staff',
  STORAGE_UNAVAILABLE: 'needs-staff',
  CARD_NOT_REVERSED: 'not-reversed',
  CARD_AUTHORIZATION_OPEN: 'card-open',
  PAYLOAD_INVALID: 'unreadable',
  KIOSK_OUT_OF_SERVICE: 'out-of-service',
  // Spontaneous payments (a service's form sent as demandPaymentNotice).
  CATALOGUE_NONE: 'try-later',
  CREDITOR_UNREACHABLE: 'creditor-unreachable',
  SERVICE_DATA_REFUSED: 'service-refused',
  SERVICE_DATA_INVALID: 'service-refused',
  SERVICE_NOT_ENABLED: 'service-not-enabled',
  SERVICE_UNKNOWN: 'service-unknown',
  SERVICE_SCHEMA_MISSING: 'service-unknown',
};

/** A notice's fault as the engine recorded it (lastError), or null when the notice has none. */
export function problemOfFault(e: NoticeFault | null): ProblemKey | null {
  if (!e) return null;
  const fault = faultCodeOf(e);
  if (fault) return BY_FAULT[fault] ?? 'cannot-pay-here';
  return BY_CODE[e.code] ?? 'cannot-pay-here';
}

export interface NoticeFault {
  code: string;
  faultCode?: string | undefined;
  messageKey?: string | undefined;
}

/** A refused call. */
export function problemOfError(e: ContractError): ProblemKey {
  return BY_CODE[e.code] ?? 'unexpected';
}

/**
 * A refused spontaneous payment (session.addService): data refused with a fault that is one of the
 * plain cases says that case (PAA_PAGAMENTO_DUPLICATO: the car tax already paid); otherwise the
 * service's own cases (data refused, creditor unreachable, ...), then any other fault as for a notice.
 */
export function problemOfService(e: ContractError): ProblemKey {
  const faultCode = typeof e.details?.faultCode === 'string' ? e.details.faultCode : undefined;
  // A creditor's refusal of the data that is a plain case (a car tax already paid this year) says that case.
  const plain = faultCode ? BY_FAULT[faultCode] : undefined;
  if (plain && e.code === 'SERVICE_DATA_REFUSED') return plain;
  const key = problemOfError(e);
  if (key !== 'unexpected') return key;
  return faultCode ? (problemOfFault({ code: e.code, faultCode }) ?? key) : key;
}

/** The creditor's own fault code, when the node passed one on (PPT_ERRORE_EMESSO_DA_PAA carries it). */
export function faultCodeOf(e: NoticeFault): string | undefined {
  // A creditor's fault arrives wrapped in PPT_ERRORE_EMESSO_DA_PAA; the classification's key
  // (faults.PAA_PAGAMENTO_SCADUTO) names the code that decided, so it is read first.
  const m = /^faults\.((?:PAA|PPT)_[A-Z_]+)/.exec(e.messageKey ?? '');
  return m?.[1] ?? e.faultCode;
}
