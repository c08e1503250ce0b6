/**
 * The history's search form → a sessions.search request (pure). The day and the times are Italy's
 * wall clock (the screens show Europe/Rome time): they become UTC instants here. A notice number or
 * a token names one payment, so those search every day; amount, operator and times stay within the
 * chosen day (an empty day: every day). The amount typed in euros goes to the core as integer cents.
 */
import type { SessionSearchRequest } from '../../../main/contract/history-schemas';
import { parseEuroInput, TIME_ZONE } from '../../app/i18n/format';

export interface HistoryForm {
  /** YYYY-MM-DD, Italy's calendar; '' for every day. */
  day: string;
  /** HH:MM, Italy's wall clock; '' for the whole day. */
  fromTime: string;
  toTime: string;
  noticeNumber: string;
  paymentToken: string;
  /** As typed: "45,50", "€ 47". */
  amount: string;
  operatorId: string;
}

export type FormProblem = 'amount' | 'noticeNumber' | 'day' | 'time';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall clock in Italy at an instant, as if it were UTC (ms): the offset is the difference. */
function romeWallAsUtc(ms: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/** Italy's wall time (day + HH:MM) → the UTC instant, across summer time changes. */
export function romeToUtc(day: string, time: string): string {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let utc = wall - (romeWallAsUtc(wall) - wall);
  utc = wall - (romeWallAsUtc(utc) - utc);
  return new Date(utc).toISOString();
}

/** Today in Italy's calendar (YYYY-MM-DD). */
export function romeToday(nowMs: number): string {
  return new Date(romeWallAsUtc(nowMs)).toISOString().slice(0, 10);
}

const nextDay = (day: string): string => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function emptyForm(nowMs: number): HistoryForm {
  return { day: romeToday(nowMs), fromTime: '', toTime: '', noticeNumber: '', paymentToken: '', amount: '', operatorId: '' };
}

export function toRequest(f: HistoryForm): { request: SessionSearchRequest } | { problem: FormProblem } {
  const request: SessionSearchRequest = { paymentsOnly: true };
  const notice = f.noticeNumber.replace(/\s/g, '');
  if (notice !== '') {
    if (!/^\d{18}$/.test(notice)) return { problem: 'noticeNumber' };
    request.noticeNumber = notice;
  }
  if (f.paymentToken.trim() !== '') request.paymentToken = f.paymentToken.trim();
  if (f.amount.trim() !== '') {
    const cents = parseEuroInput(f.amount);
    if (cents === null || cents === 0) return { problem: 'amount' };
    request.amountCents = cents;
  }
  if (f.operatorId.trim() !== '') request.operatorId = f.operatorId.trim();
  const identifies = request.noticeNumber !== undefined || request.paymentToken !== undefined;
  if (f.day !== '' && !identifies) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.day)) return { problem: 'day' };
    const time = /^([01]\d|2[0-3]):[0-5]\d$/;
    if ((f.fromTime !== '' && !time.test(f.fromTime)) || (f.toTime !== '' && !time.test(f.toTime))) return { problem: 'time' };
    request.from = romeToUtc(f.day, f.fromTime || '00:00');
    request.to = f.toTime ? romeToUtc(f.day, f.toTime) : romeToUtc(nextDay(f.day), '00:00');
    if (Date.parse(request.from) >= Date.parse(request.to)) return { problem: 'time' };
  }
  return { request };
}
