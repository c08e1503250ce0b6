/**
 * The technician PIN as stored: scrypt with a random salt, never the PIN itself. A terminal that
 * never had a PIN set uses DEFAULT_PIN (documented, shown on the lock screen in demo mode); its hash
 * is stored like any other, so every check goes through the same scrypt comparison.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** The PIN of a terminal nobody has set one on yet: README, and the lock screen in demo mode. */
export const DEFAULT_PIN = '246810';
export const PIN_RULE = /^\d{4,12}$/;

export interface StoredPin {
  scheme: 'scrypt';
  /** scrypt cost parameters, kept with the hash so they can be raised later without breaking old hashes. */
  N: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
  /** Still the documented default: the screen asks for a new one. */
  isDefault: boolean;
}

const COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

function derive(pin: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFKC'), salt, KEY_BYTES, { ...cost, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPin(pin: string, isDefault = false): Promise<StoredPin> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, COST);
  return { scheme: 'scrypt', ...COST, salt: salt.toString('base64'), hash: key.toString('base64'), isDefault };
}

export async function pinMatches(pin: string, stored: StoredPin): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(pin, Buffer.from(stored.salt, 'base64'), stored);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export function isStoredPin(v: unknown): v is StoredPin {
  const o = v as Partial<StoredPin> | null;
  return (
    !!o &&
    o.scheme === 'scrypt' &&
    typeof o.salt === 'string' &&
    typeof o.hash === 'string' &&
    Number.isInteger(o.N) &&
    Number.isInteger(o.r) &&
    Number.isInteger(o.p) &&
    typeof o.isDefault === 'boolean'
  );
}
