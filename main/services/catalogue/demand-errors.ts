/**
 * The refusals of a spontaneous payment (issue 15), one typed error per thing the operator or the
 * citizen is told. Codes are the contract's (main/contract/service-calls.ts).
 */
import { SportelloError } from '../../../kernel/errors';
import type { ServiceValueError } from '../../contract/service-form';

/** Not in the catalogue (or out of its validity dates), or the node said PPT_SERVIZIO_SCONOSCIUTO. */
export class ServiceUnknown extends SportelloError {
  declare readonly code: 'SERVICE_UNKNOWN';
  constructor(idSoggettoServizio: string, faultCode?: string) {
    super('SERVICE_UNKNOWN', `service ${idSoggettoServizio} is not offered${faultCode ? ` (${faultCode})` : ''}`, {
      details: { idSoggettoServizio, ...(faultCode ? { faultCode } : {}) },
    });
  }
}

/** The terminal has no copy of the XSD the catalogue names for the service: no form can be made. */
export class ServiceSchemaMissing extends SportelloError {
  declare readonly code: 'SERVICE_SCHEMA_MISSING';
  constructor(idSoggettoServizio: string, xsd: string) {
    super('SERVICE_SCHEMA_MISSING', `the terminal has no schema ${xsd} for service ${idSoggettoServizio}`, {
      details: { idSoggettoServizio, xsd },
    });
  }
}

/** A kiosk offers only the services its technician enabled. */
export class ServiceNotEnabled extends SportelloError {
  declare readonly code: 'SERVICE_NOT_ENABLED';
  constructor(idSoggettoServizio: string) {
    super('SERVICE_NOT_ENABLED', `service ${idSoggettoServizio} is not enabled on this kiosk`, { details: { idSoggettoServizio } });
  }
}

/** The values break the service's form: nothing was sent. */
export class ServiceDataInvalid extends SportelloError {
  declare readonly code: 'SERVICE_DATA_INVALID';
  constructor(errors: ServiceValueError[]) {
    super('SERVICE_DATA_INVALID', `the service data is not valid: ${errors.map((e) => `${e.path} ${e.rule}`).join(', ')}`, {
      details: { errors },
    });
  }
}

/** The creditor refused the data (PAA_SINTASSI_XSD, PAA_SINTASSI_EXTRAXSD, another PAA_ code). */
export class ServiceDataRefused extends SportelloError {
  declare readonly code: 'SERVICE_DATA_REFUSED';
  constructor(faultCode: string, description: string | undefined, field: { path: string; name: string } | null) {
    super('SERVICE_DATA_REFUSED', `the creditor refused the service data: ${faultCode}${description ? ` ${description}` : ''}`, {
      details: { faultCode, ...(field ? { field: field.path, fieldName: field.name } : {}), ...(description ? { description } : {}) },
    });
  }
}

/** The node could not reach the creditor's station (or its broker) for the service. */
export class CreditorUnreachable extends SportelloError {
  declare readonly code: 'CREDITOR_UNREACHABLE';
  constructor(faultCode: string, retryable: boolean) {
    super('CREDITOR_UNREACHABLE', `the creditor cannot be reached for this service (${faultCode})`, { retryable, details: { faultCode } });
  }
}

/** The node's answer cannot be this service's notice (another creditor, no amount): nothing is added. */
export class DemandAnswerInvalid extends SportelloError {
  declare readonly code: 'DEMAND_ANSWER_INVALID';
  constructor(reason: string, details: Record<string, unknown>) {
    super('DEMAND_ANSWER_INVALID', `the demandPaymentNotice answer was refused: ${reason}`, { details: { reason, ...details } });
  }
}
