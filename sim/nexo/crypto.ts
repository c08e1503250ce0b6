/**
 * The simulator's side of the nexo envelope: @adyen/api-library's own NexoCrypto (the reference
 * implementation of the scheme), never the driver's code, so one mistake cannot pass on both sides.
 */
import { createRequire } from 'node:module';
import type NexoCryptoClass from '@adyen/api-library/lib/src/security/nexoCrypto.js';
import type { MessageHeader } from '@adyen/api-library/lib/src/typings/terminal/messageHeader.js';
import type { SaleToPOISecuredMessage } from '@adyen/api-library/lib/src/typings/terminal/saleToPOISecuredMessage.js';

// The library is CommonJS and exports the class as `default`; required directly so the whole client
// (HTTP, services) is not loaded with it.
const NexoCrypto = (
  createRequire(import.meta.url)('@adyen/api-library/lib/src/security/nexoCrypto.js') as { default: typeof NexoCryptoClass }
).default;

export interface SimKey {
  keyIdentifier: string;
  keyVersion: number;
  passphrase: string;
}

const securityKey = (k: SimKey) => ({
  KeyIdentifier: k.keyIdentifier,
  KeyVersion: k.keyVersion,
  Passphrase: k.passphrase,
  AdyenCryptoVersion: 1,
});

export function encrypt(header: Record<string, unknown>, plaintext: string, key: SimKey): SaleToPOISecuredMessage {
  return NexoCrypto.encrypt(header as unknown as MessageHeader, plaintext, securityKey(key));
}

/** The plaintext, or null when the envelope is not under our key (wrong key, HMAC, damage). */
export function decrypt(secured: unknown, key: SimKey): string | null {
  const s = secured as Partial<SaleToPOISecuredMessage> | null;
  const trailer = s?.SecurityTrailer;
  if (!s || typeof s.NexoBlob !== 'string' || !trailer) return null;
  if (trailer.KeyIdentifier !== key.keyIdentifier || trailer.KeyVersion !== key.keyVersion) return null;
  try {
    return new NexoCrypto().decrypt(s as SaleToPOISecuredMessage, securityKey(key));
  } catch {
    return null;
  }
}
