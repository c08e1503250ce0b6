/**
 * The kiosk's own settings, kept in the database's settings table (they describe this terminal, like
 * the PIN, and technicians change them from the technician screen without a restart):
 *  - timing: how long a citizen may stay idle before the warning, and how long the warning lasts
 *    before the kiosk goes back to the start (WCAG 2.2.1: at least 20 s to extend with one action);
 *  - the card terminal: none, or the simulated one with its script.
 */
import { z } from 'zod';
import type { Json, SportelloDatabase } from '../../../db';

/** WCAG 2.2.1 Timing Adjustable: the warning gives at least 20 s to extend with a simple action. */
export const MIN_WARNING_SECONDS = 20;

export const kioskTimingSchema = z.strictObject({
  /** Idle time before the warning appears (short values are for tests and demos). */
  idleSeconds: z.int().min(5).max(600),
  warningSeconds: z.int().min(MIN_WARNING_SECONDS).max(300),
});
export type KioskTiming = z.infer<typeof kioskTimingSchema>;
export const DEFAULT_KIOSK_TIMING: KioskTiming = { idleSeconds: 60, warningSeconds: 30 };

export const cardTerminalSettingsSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({
    kind: z.literal('simulated'),
    /** parseScript words: approve, decline[:reason], timeout, offline; the last repeats. */
    script: z.string().trim().min(1).max(200),
    /** Each phase (present card, processing). */
    stepMs: z.int().min(0).max(10_000),
    /** How long a 'timeout' waits for the card. */
    cardWaitMs: z.int().min(0).max(120_000),
  }),
]);
export type CardTerminalSettings = z.infer<typeof cardTerminalSettingsSchema>;

export const DEMO_CARD_TERMINAL: CardTerminalSettings = { kind: 'simulated', script: 'approve', stepMs: 1_500, cardWaitMs: 30_000 };

const TIMING_KEY = 'kiosk.timing';
const CARD_KEY = 'kiosk.cardTerminal';

type Settings = Pick<SportelloDatabase, 'settings'>;

export function readKioskTiming(db: Settings): KioskTiming {
  const r = kioskTimingSchema.safeParse(db.settings.get(TIMING_KEY));
  return r.success ? r.data : DEFAULT_KIOSK_TIMING;
}

export function writeKioskTiming(db: Settings, timing: KioskTiming): KioskTiming {
  const valid = kioskTimingSchema.parse(timing);
  db.settings.set(TIMING_KEY, valid as unknown as Json);
  return valid;
}

/** Demo mode has the simulated terminal until a technician says otherwise; a configured kiosk has none. */
export function readCardTerminalSettings(db: Settings, demo: boolean): CardTerminalSettings {
  const r = cardTerminalSettingsSchema.safeParse(db.settings.get(CARD_KEY));
  if (r.success) return r.data;
  return demo ? DEMO_CARD_TERMINAL : { kind: 'none' };
}

export function writeCardTerminalSettings(db: Settings, settings: CardTerminalSettings): CardTerminalSettings {
  const valid = cardTerminalSettingsSchema.parse(settings);
  db.settings.set(CARD_KEY, valid as unknown as Json);
  return valid;
}
