/**
 * Why a certificate cannot be made or delivered. Details name the session, never the debtor's
 * data (descriptions, amounts): they may end up in logs.
 */
import { SportelloError } from '../../kernel/errors';

export const CERTIFICATE_NAMESPACE = 'certificate';

export const UNAVAILABLE_REASONS = [
  'not-paid', // no money was taken: cart, activation, cancelled, token expired, abandoned activation
  'no-paid-notice', // money was taken but the node took none of the notices (all to be refunded)
] as const;
export type CertificateUnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

/** The session holds nothing a certificate (or pending slip) could attest. */
export class CertificateUnavailable extends SportelloError {
  declare readonly code: 'CERTIFICATE_UNAVAILABLE';
  readonly reason: CertificateUnavailableReason;
  readonly messageKey: string;

  constructor(reason: CertificateUnavailableReason, sessionId: string, status: string) {
    const messageKey = `${CERTIFICATE_NAMESPACE}:unavailable.${reason}`;
    super('CERTIFICATE_UNAVAILABLE', `no certificate for session ${sessionId} (${status}): ${reason}`, {
      details: { sessionId, status, reason, messageKey },
    });
    this.reason = reason;
    this.messageKey = messageKey;
  }
}

/** A notice that should be on the certificate lacks its activation data: the store is inconsistent. */
export class CertificateDataMissing extends SportelloError {
  declare readonly code: 'CERTIFICATE_DATA_MISSING';

  constructor(sessionId: string, noticeId: number, what: string) {
    super('CERTIFICATE_DATA_MISSING', `session ${sessionId}, notice ${noticeId}: ${what} missing`, {
      details: { sessionId, noticeId, what },
    });
  }
}

/** The caller's context cannot make a valid certificate (empty PSP identity, bad time). */
export class CertificateContextInvalid extends SportelloError {
  declare readonly code: 'CERTIFICATE_CONTEXT_INVALID';

  constructor(field: string, reason: string) {
    super('CERTIFICATE_CONTEXT_INVALID', `certificate context: ${field} ${reason}`, { details: { field, reason } });
  }
}

/** A `--to` string that names no output we know. */
export class CertificateOutputInvalid extends SportelloError {
  declare readonly code: 'CERTIFICATE_OUTPUT_INVALID';

  constructor(message: string, output: string) {
    super('CERTIFICATE_OUTPUT_INVALID', message, { details: { output } });
  }
}
