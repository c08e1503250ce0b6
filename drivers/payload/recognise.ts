/**
 * Names the common things that are not notices, so the operator hears "that is a product barcode"
 * or "that is a link" instead of a generic refusal.
 */
import type { PayloadInvalidReason } from './messages';
import type { Symbology } from './framing';
import { digitsOnly } from './manual';

export function looksLikeUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]{1,15}:\/\//i.test(text) || /^www\./i.test(text);
}

export function notANoticeReason(text: string, symbology: Symbology | null): PayloadInvalidReason {
  if (looksLikeUrl(text)) return 'looks-like-url';
  const digits = digitsOnly(text);
  if (/^\d+$/.test(digits)) {
    // a bare notice number: the creditor fiscal code is needed to verify it
    if (digits.length === 18) return 'fiscal-code-missing';
    if (digits.length === 13 && (symbology === 'ean-upc' || ean13CheckDigitValid(digits))) return 'looks-like-ean13';
  }
  return 'not-a-notice';
}

/** GS1 mod-10: weights 1 and 3 alternating from the left over the first twelve digits. */
export function ean13CheckDigitValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(12) - 48;
}
