/**
 * Named places where a payment's state has just been persisted (or is about to leave). The crash
 * harness (test/crash/, `npm run chaos`) kills the process at one of them to prove that recovery
 * loses nothing and sends nothing twice. A no-op unless SPORTELLO_CRASH_AT names the point:
 * `SPORTELLO_CRASH_AT=<point>[:<nth>]` kills the process with SIGKILL the nth time (default 1st) it is reached.
 */
export const CRASH_POINTS = [
  'session-created',
  'event-committed',
  'activate-key-persisted',
  'activate-answered',
  'tender-committed',
  'attempt-persisted',
  'outcome-answered',
  'attempt-result-persisted',
] as const;
/**
 * The kiosk's card payment (main/services/kiosk/card-payment.ts): after its intent is journaled, before
 * the terminal is asked; after the terminal's approval is journaled, before the tender. Apart from
 * CRASH_POINTS because only a card payment reaches them (the cash crash tests walk CRASH_POINTS).
 */
export const CARD_CRASH_POINTS = ['card-intent-journaled', 'card-approved'] as const;
/**
 * A spontaneous payment (main/services/catalogue/demand.ts): the creditor's notice was demanded and
 * answered, and is not in the cart yet. Apart from CRASH_POINTS because only a service demand reaches it.
 */
export const SERVICE_CRASH_POINTS = ['service-notice-created'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number] | (typeof CARD_CRASH_POINTS)[number] | (typeof SERVICE_CRASH_POINTS)[number];

const spec = process.env.SPORTELLO_CRASH_AT;
const [target, nth] = spec ? [spec.split(':')[0], Number(spec.split(':')[1] ?? '1')] : [null, 0];
let seen = 0;

export function crashPoint(point: CrashPoint): void {
  if (target !== point) return;
  seen += 1;
  if (seen === nth) process.kill(process.pid, 'SIGKILL');
}
