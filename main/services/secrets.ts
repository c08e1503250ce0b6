/**
 * The last line of defence for invariant 7 on the error path: error messages and details are
 * free text from deep inside the core, so the configured secret values are masked in them before
 * they cross the contract. Values are never scrubbed (a short password could match payment data);
 * their schemas declare what may leave instead.
 */
import { mask } from '../config/load';

export function secretScrubber(secrets: readonly string[]): (text: string) => string {
  // Longest first, so a secret containing another is masked whole.
  const values = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  return (text) => values.reduce((t, secret) => t.split(secret).join(mask(secret)), text);
}
