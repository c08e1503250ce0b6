/**
 * Idempotency keys for activatePaymentNotice(V2) and sendPaymentOutcome(V2):
 * `<prefix>_<10 alphanumerics>`, XSD `[a-zA-Z0-9]{2,18}_[a-zA-Z0-9]{10}`. pagoPA's rule is
 * prefix = the PSP's fiscal code. The caller persists the key before the request leaves and reuses
 * it for every resend of the same request (pagopa-protocol.md §5.2).
 */
import { randomInt } from 'node:crypto';
import { SportelloError } from '../../kernel/errors';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const PREFIX_RE = /^[a-zA-Z0-9]{2,18}$/;
const RANDOM_RE = /^[a-zA-Z0-9]{10}$/;
export const IDEMPOTENCY_KEY_RE = /^[a-zA-Z0-9]{2,18}_[a-zA-Z0-9]{10}$/;

export class IdempotencyKeyInvalid extends SportelloError {
  declare readonly code: 'IDEMPOTENCY_KEY_INVALID';
  constructor(message: string, details: Record<string, unknown>) {
    super('IDEMPOTENCY_KEY_INVALID', message, { retryable: false, details });
  }
}

/** 10 characters from the 62 alphanumerics, uniformly, from the OS's CSPRNG. */
export function randomAlnum10(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += ALNUM[randomInt(ALNUM.length)];
  return s;
}

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && IDEMPOTENCY_KEY_RE.test(value);
}

/**
 * A fresh key. `prefix` (usually the PSP's fiscal code) must be 2-18 alphanumerics; `random`
 * replaces the CSPRNG in tests and must return 10 alphanumerics.
 */
export function newIdempotencyKey(prefix: string, random: () => string = randomAlnum10): string {
  if (typeof prefix !== 'string' || !PREFIX_RE.test(prefix)) {
    throw new IdempotencyKeyInvalid('idempotency key prefix must be 2-18 letters or digits', {
      prefixLength: typeof prefix === 'string' ? prefix.length : null,
    });
  }
  const tail = random();
  if (typeof tail !== 'string' || !RANDOM_RE.test(tail)) {
    throw new IdempotencyKeyInvalid('the random part of an idempotency key must be 10 letters or digits', {});
  }
  return `${prefix}_${tail}`;
}
