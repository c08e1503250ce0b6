/**
 * The kiosk's settings as they cross the contract (technician.chooseDevices, technician.setKioskTiming)
 * and as the database keeps them (main/services/kiosk/settings.ts). Browser-safe (zod).
 */
import { z } from 'zod';

/** WCAG 2.2.1 Timing Adjustable: the warning gives at least 20 s to extend with a simple action. */
export const MIN_WARNING_SECONDS = 20;

export const kioskTimingSchema = z.strictObject({
  /** Idle time before the warning appears (short values are for tests and demos). */
  idleSeconds: z.int().min(5).max(600),
  warningSeconds: z.int().min(MIN_WARNING_SECONDS).max(300),
});
export type KioskTiming = z.infer<typeof kioskTimingSchema>;

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

/**
 * What the kiosk does when its receipt printer is missing or not working (no paper, cover open,
 * unreachable): stay out of service, or, with the citizen's consent, show the receipt as a QR code
 * the citizen keeps with a phone.
 */
export const WITHOUT_PRINTER = ['out-of-service', 'qr-receipt'] as const;
export const withoutPrinterSchema = z.enum(WITHOUT_PRINTER);
export type WithoutPrinter = z.infer<typeof withoutPrinterSchema>;

/** The kiosk's receipt printer as checked before a payment: ready, none configured, or not working now. */
export const kioskPrinterStateSchema = z.enum(['ready', 'none', 'problem']);
export type KioskPrinterState = z.infer<typeof kioskPrinterStateSchema>;
