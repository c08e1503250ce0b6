/**
 * Money and dates for the screens. Money goes from integer cents to text by string operations
 * only (never floats), with the separators and the place of the euro sign from app.json `format`
 * (`€ 1.234,56` in Italian, as on the certificate). Display only: amounts are decided by the core.
 */
import type { Lang, Translate } from './translate';

/** 123456 -> "€ 1.234,56"; negative amounts (a cash difference) keep their sign in front. */
export function formatMoney(cents: number, t: Translate): string {
  if (!Number.isSafeInteger(cents)) return '—';
  const sign = cents < 0 ? '-' : '';
  const digits = String(Math.abs(cents)).padStart(3, '0');
  const whole = digits.slice(0, -2);
  const groups: string[] = [];
  for (let end = whole.length; end > 0; end -= 3) groups.unshift(whole.slice(Math.max(0, end - 3), end));
  const value = `${groups.join(t('app:format.group'))}${t('app:format.decimal')}${digits.slice(-2)}`;
  return `${sign}${t('app:format.amount', { value })}`;
}

const LOCALES: Record<Lang, string> = { it: 'it-IT', en: 'en-GB', de: 'de-DE' };
export const TIME_ZONE = 'Europe/Rome';

/** An instant (ISO text or epoch ms) as the locale writes date and time, in Italy's time zone. */
export function formatDateTime(when: string | number, lang: Lang): string {
  const d = new Date(when);
  if (Number.isNaN(d.getTime())) return String(when);
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'medium' }).format(d);
}

export function formatTime(when: string | number, lang: Lang): string {
  const d = new Date(when);
  if (Number.isNaN(d.getTime())) return String(when);
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: TIME_ZONE, timeStyle: 'short' }).format(d);
}

/** A calendar date as the node gives it (YYYY-MM-DD, maybe with a time or zone): no time-zone shift. */
export function formatDate(isoDate: string, t: Translate): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return m ? t('app:format.date', { year: m[1]!, month: m[2]!, day: m[3]! }) : isoDate;
}

/** mm:ss (or h:mm:ss) left until a deadline; "0:00" once passed. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * What the operator typed as an amount of euros -> integer cents, or null when it is not one.
 * Accepts "20", "20,5", "20.50", "1.234,56", "1,234.56" and "€ 20": the last separator followed by
 * one or two digits is the decimal one. String math only.
 */
export function parseEuroInput(text: string): number | null {
  const s = text.replace(/[€\s]/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const m = /^(.*?)(?:[.,](\d{1,2}))?$/.exec(s)!;
  const wholeText = m[1]!;
  const frac = (m[2] ?? '').padEnd(2, '0');
  // what is left may only use one separator, as thousands groups of three digits
  if (/[.,]/.test(wholeText) && !/^\d{1,3}([.,]\d{3})*$/.test(wholeText)) return null;
  if (/[.,]/.test(wholeText) && m[2] !== undefined && wholeText.match(/[.,]/)![0] === s.charAt(s.length - m[2].length - 1)) return null;
  const whole = wholeText.replace(/[.,]/g, '');
  if (whole.length === 0 || whole.length > 11) return null;
  const cents = Number(whole) * 100 + Number(frac);
  return Number.isSafeInteger(cents) ? cents : null;
}
