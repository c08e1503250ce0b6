/**
 * The nexo local-integration envelope (Adyen Terminal API "local" encryption, AdyenCryptoVersion 1),
 * written from the documented scheme:
 * - three keys are derived from the shared passphrase with PBKDF2-HMAC-SHA1 (salt "AdyenNexoV1Salt",
 *   4000 iterations, 80 bytes): HMAC key (bytes 0-31), AES key (32-63), IV base (64-79);
 * - the whole JSON message is encrypted with AES-256-CBC; the IV is the IV base XOR a random 16-byte
 *   nonce sent in the clear;
 * - an HMAC-SHA256 of the plaintext authenticates it;
 * - the wire form is `{MessageHeader, NexoBlob, SecurityTrailer{AdyenCryptoVersion, KeyIdentifier,
 *   KeyVersion, Nonce, Hmac}}` inside `SaleToPOIRequest` / `SaleToPOIResponse`.
 * Only the inner (authenticated) message is ever believed; the outer header is routing only.
 */
import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { NexoEnvelopeInvalid, TenderConfigInvalid } from '../errors';

export interface NexoKey {
  keyIdentifier: string;
  keyVersion: number;
  /** The shared secret; never logged, never in an error's details. */
  passphrase: string;
}

export const CRYPTO_VERSION = 1;
const SALT = Buffer.from('AdyenNexoV1Salt', 'latin1');
const ITERATIONS = 4000;

interface DerivedKeys {
  hmacKey: Buffer;
  cipherKey: Buffer;
  ivBase: Buffer;
}

// PBKDF2 is slow on purpose; a terminal's key is derived once per passphrase.
const derived = new Map<string, DerivedKeys>();

export function deriveKeys(passphrase: string): DerivedKeys {
  let keys = derived.get(passphrase);
  if (!keys) {
    // PBKDF2's output blocks do not depend on the requested length: 80 bytes are what the scheme uses.
    const material = pbkdf2Sync(Buffer.from(passphrase, 'latin1'), SALT, ITERATIONS, 80, 'sha1');
    keys = { hmacKey: material.subarray(0, 32), cipherKey: material.subarray(32, 64), ivBase: material.subarray(64, 80) };
    if (derived.size > 16) derived.clear();
    derived.set(passphrase, keys);
  }
  return keys;
}

export function checkKey(key: NexoKey): void {
  if (!key || typeof key.passphrase !== 'string' || key.passphrase.length === 0)
    throw new TenderConfigInvalid('the nexo key needs a passphrase', {});
  if (typeof key.keyIdentifier !== 'string' || key.keyIdentifier.length === 0)
    throw new TenderConfigInvalid('the nexo key needs a key identifier', {});
  if (!Number.isSafeInteger(key.keyVersion) || key.keyVersion < 0)
    throw new TenderConfigInvalid('the nexo key version must be a non-negative integer', { keyVersion: key.keyVersion });
}

function iv(keys: DerivedKeys, nonce: Buffer): Buffer {
  const out = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) out[i] = keys.ivBase[i]! ^ nonce[i]!;
  return out;
}

export interface SecuredMessage {
  MessageHeader: Record<string, unknown>;
  NexoBlob: string;
  SecurityTrailer: { AdyenCryptoVersion: number; KeyIdentifier: string; KeyVersion: number; Nonce: string; Hmac: string };
}

/** Encrypts `plaintext` (the whole `{"SaleToPOIRequest": {...}}` JSON text) under `key`. */
export function seal(header: Record<string, unknown>, plaintext: string, key: NexoKey, nonce: Buffer = randomBytes(16)): SecuredMessage {
  const keys = deriveKeys(key.passphrase);
  const bytes = Buffer.from(plaintext, 'utf8');
  const cipher = createCipheriv('aes-256-cbc', keys.cipherKey, iv(keys, nonce));
  const blob = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return {
    MessageHeader: header,
    NexoBlob: blob.toString('base64'),
    SecurityTrailer: {
      AdyenCryptoVersion: CRYPTO_VERSION,
      KeyIdentifier: key.keyIdentifier,
      KeyVersion: key.keyVersion,
      Nonce: nonce.toString('base64'),
      Hmac: createHmac('sha256', keys.hmacKey).update(bytes).digest('base64'),
    },
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const securedSchema = z.object({
  MessageHeader: z.record(z.string(), z.unknown()),
  NexoBlob: z.string().min(1).regex(BASE64),
  SecurityTrailer: z.object({
    AdyenCryptoVersion: z.number().int(),
    KeyIdentifier: z.string(),
    KeyVersion: z.number().int(),
    Nonce: z.string().regex(BASE64),
    Hmac: z.string().regex(BASE64),
  }),
});

/** Whether a parsed message body looks like an envelope (has a NexoBlob) rather than a plain message. */
export function isSecured(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'NexoBlob' in body;
}

/**
 * Opens an envelope and returns the authenticated plaintext (JSON text). Throws NexoEnvelopeInvalid
 * for anything that is not exactly an envelope under `key` with a valid HMAC.
 */
export function open(secured: unknown, key: NexoKey): string {
  const parsed = securedSchema.safeParse(secured);
  if (!parsed.success) throw new NexoEnvelopeInvalid('format', 'not a nexo envelope', { issues: parsed.error.issues.length });
  const t = parsed.data.SecurityTrailer;
  if (t.KeyIdentifier !== key.keyIdentifier || t.KeyVersion !== key.keyVersion || t.AdyenCryptoVersion !== CRYPTO_VERSION) {
    throw new NexoEnvelopeInvalid('key-mismatch', 'the envelope is under another key', {
      keyIdentifier: t.KeyIdentifier,
      keyVersion: t.KeyVersion,
      cryptoVersion: t.AdyenCryptoVersion,
    });
  }
  const nonce = Buffer.from(t.Nonce, 'base64');
  if (nonce.length !== 16) throw new NexoEnvelopeInvalid('format', 'the nonce is not 16 bytes', { length: nonce.length });
  const keys = deriveKeys(key.passphrase);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', keys.cipherKey, iv(keys, nonce));
    plain = Buffer.concat([decipher.update(Buffer.from(parsed.data.NexoBlob, 'base64')), decipher.final()]);
  } catch {
    // bad padding: another passphrase or a damaged blob
    throw new NexoEnvelopeInvalid('decrypt', 'the envelope does not decrypt under this key');
  }
  const expected = createHmac('sha256', keys.hmacKey).update(plain).digest();
  const received = Buffer.from(t.Hmac, 'base64');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    throw new NexoEnvelopeInvalid('hmac', 'the envelope HMAC does not match: refused');
  }
  return plain.toString('utf8');
}
