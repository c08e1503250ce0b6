/**
 * What every call answers, on every transport: `{ ok: true, value }` or `{ ok: false, error }`.
 * Nothing throws across the contract; `toContractError` is the one place an exception becomes an
 * error result. Browser-safe.
 */
import { z } from 'zod';
import { SportelloError } from '../../kernel/errors';

export const contractErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ContractError = z.infer<typeof contractErrorSchema>;

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ContractError };

export const ok = <T>(value: T): CallResult<T> => ({ ok: true, value });
export const fail = (error: ContractError): CallResult<never> => ({ ok: false, error });

/** Codes the contract itself produces (the core's own codes come from its SportelloErrors). */
export const CONTRACT_CODES = {
  /** The request did not satisfy the call's schema (or was not JSON). */
  requestInvalid: 'REQUEST_INVALID',
  /** No call of that name. */
  callUnknown: 'CALL_UNKNOWN',
  /** The core produced an answer its own schema refuses: a bug, reported instead of sent. */
  responseInvalid: 'RESPONSE_INVALID',
  /** Anything that was not a SportelloError. */
  internal: 'INTERNAL',
  /** The transport went away before the answer came (client side). */
  transportClosed: 'TRANSPORT_CLOSED',
} as const;

/** Longest string kept from an error we did not make ourselves. */
const MESSAGE_LIMIT = 300;
const ISSUE_LIMIT = 10;

function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(request)' : path.map((p) => String(p)).join('.');
}

/** A zod failure as REQUEST_INVALID: the first issue in the message, up to ten in the details. */
export function requestInvalid(error: z.ZodError): ContractError {
  const issues = error.issues.slice(0, ISSUE_LIMIT).map((i) => ({ path: issuePath(i.path), message: i.message }));
  const first = issues[0] ?? { path: '(request)', message: 'invalid' };
  return { code: CONTRACT_CODES.requestInvalid, message: `${first.path}: ${first.message}`, details: { issues } };
}

/** Any JSON-safe copy of a details object; what cannot be serialised is dropped, not thrown. */
function jsonSafe(details: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  try {
    const copy = JSON.parse(JSON.stringify(details)) as unknown;
    return copy && typeof copy === 'object' && !Array.isArray(copy) && Object.keys(copy).length > 0
      ? (copy as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Maps what a handler threw: a SportelloError keeps its code, message, retryable flag and details;
 * a zod error is REQUEST_INVALID; anything else is INTERNAL with its message cut short (a stack
 * never leaves). `scrub` removes known secret values from the text as a last line of defence.
 */
export function toContractError(e: unknown, scrub: (s: string) => string = (s) => s): ContractError {
  if (e instanceof z.ZodError) return requestInvalid(e);
  if (e instanceof SportelloError) {
    const details = jsonSafe(e.details);
    return {
      code: e.code,
      message: scrub(e.message),
      retryable: e.retryable,
      ...(details ? { details: scrubDeep(details, scrub) as Record<string, unknown> } : {}),
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: CONTRACT_CODES.internal, message: scrub(message.slice(0, MESSAGE_LIMIT)) };
}

function scrubDeep(value: unknown, scrub: (s: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, scrub));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrub(k), scrubDeep(v, scrub)]));
  }
  return value;
}
