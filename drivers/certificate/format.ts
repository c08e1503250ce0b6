/**
 * Amounts and times as the certificate prints them, per locale. Amounts go from integer cents to
 * text by string operations only (no floats, no Intl currency rounding); the separators and the
 * place of the euro sign come from the locale file.
 */
import type { Cents } from '../../kernel/money';
import { CertificateContextInvalid } from './errors';
import type { CertificateTranslate } from './messages';

/** 123456 -> "€ 1.234,56" (it, de) or "€1,234.56" (en). */
export function formatAmount(cents: Cents, t: CertificateTranslate): string {
  // a cart of five notices may add up to more than one notice's MAX_CENTS: any whole, safe count is fine
  if (!Number.isSafeInteger(cents) || cents < 0)
    throw new CertificateContextInvalid('amount', `is not a whole number of cents: ${String(cents)}`);
  const digits = String(cents).padStart(3, '0');
  const whole = digits.slice(0, -2);
  const groups: string[] = [];
  for (let end = whole.length; end > 0; end -= 3) groups.unshift(whole.slice(Math.max(0, end - 3), end));
  const value = `${groups.join(t('format.group'))}${t('format.decimal')}${digits.slice(-2)}`;
  return t('format.amount', { value });
}

/** Epoch ms -> the locale's date and time pattern, in the given IANA zone (24-hour clock). */
export function formatDateTime(ms: number, timeZone: string, t: CertificateTranslate): string {
  if (!Number.isFinite(ms)) throw new CertificateContextInvalid('time', `is not a valid instant: ${String(ms)}`);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return t('format.dateTime', {
    day: get('day'),
    month: get('month'),
    year: get('year'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  });
}
