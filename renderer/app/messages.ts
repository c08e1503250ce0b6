/**
 * What the operator (or the citizen) is told about an error, in words from the locale files:
 * - a message key the core attached (a node fault's `faults.…` key, a payload reading's
 *   `payload:error.…`, a printer's `printer:unavailable.…`, a certificate's `certificate:…`),
 *   filled with the error's details;
 * - else the code's own text (`app:errors.<CODE>`), transport failures included;
 * - else a generic text that names the code, so support can look it up.
 * Pure (given `t` and `has`).
 */
import type { Translate } from './i18n/translate';

export interface ErrorLike {
  code: string;
  message?: string;
  messageKey?: string;
  details?: Readonly<Record<string, unknown>>;
}

/** Node errors carry no key when nothing was answered: the engine keeps only the code. */
const CODE_KEYS: Readonly<Record<string, string>> = {
  NODE_UNREACHABLE: 'faults.transport.unreachable',
  NODE_NO_RESPONSE: 'faults.transport.noResponse',
  ACTIVATION_UNKNOWN: 'faults.transport.noResponse',
  NODE_HTTP_ERROR: 'faults.transport.httpServer',
  NODE_BAD_RESPONSE: 'faults.transport.badResponse',
  NODE_REQUEST_INVALID: 'faults.transport.requestInvalid',
};

function params(details: Readonly<Record<string, unknown>> | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(details ?? {})) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return out;
}

export function errorKey(e: ErrorLike, has: (key: string) => boolean): string {
  const detailKey = typeof e.details?.messageKey === 'string' ? e.details.messageKey : undefined;
  for (const key of [e.messageKey, detailKey, CODE_KEYS[e.code], `app:errors.${e.code}`]) {
    if (key && has(key)) return key;
  }
  return 'app:errors.unexpected';
}

export function describeError(e: ErrorLike, t: Translate, has: (key: string) => boolean): string {
  return t(errorKey(e, has), { code: e.code, message: e.message ?? '', ...params(e.details) });
}
