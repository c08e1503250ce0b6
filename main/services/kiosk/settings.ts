/**
 * The kiosk's own settings, kept in the database's settings table (they describe this terminal, like
 * the PIN, and technicians change them from the technician screen without a restart):
 *  - timing: how long a citizen may stay idle before the warning, and how long the warning lasts
 *    before the kiosk goes back to the start (WCAG 2.2.1: at least 20 s to extend with one action);
 *  - the card terminal (this terminal's, kiosk or counter): none, the simulated one with its script,
 *    or a nexo terminal (its key's passphrase is a secret: card-secret.ts);
 *  - what to do without a working receipt printer: out of service, or the QR receipt.
 */
import type { Json, SportelloDatabase } from '../../../db';
import { cardTerminalSettingsSchema, kioskTimingSchema, withoutPrinterSchema } from '../../contract/kiosk/settings-schemas';
import type { CardTerminalSettings, KioskTiming, WithoutPrinter } from '../../contract/kiosk/settings-schemas';

export {
  cardTerminalSettingsSchema,
  kioskTimingSchema,
  MIN_WARNING_SECONDS,
  withoutPrinterSchema,
} from '../../contract/kiosk/settings-schemas';
export type { CardTerminalSettings, KioskTiming, NexoTerminalSettings, WithoutPrinter } from '../../contract/kiosk/settings-schemas';

export const DEFAULT_KIOSK_TIMING: KioskTiming = { idleSeconds: 60, warningSeconds: 30 };
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

/**
 * What a technician chose, or null when nobody did. The counter takes cards through a terminal only
 * when one was chosen: demo mode's simulated default is the kiosk's, so a demo counter keeps the
 * operator's "the POS approved".
 */
export function chosenCardTerminalSettings(db: Settings): CardTerminalSettings | null {
  const r = cardTerminalSettingsSchema.safeParse(db.settings.get(CARD_KEY));
  return r.success ? r.data : null;
}

export function writeCardTerminalSettings(db: Settings, settings: CardTerminalSettings): CardTerminalSettings {
  const valid = cardTerminalSettingsSchema.parse(settings);
  db.settings.set(CARD_KEY, valid as unknown as Json);
  return valid;
}

const WITHOUT_PRINTER_KEY = 'kiosk.withoutPrinter';

/**
 * Without a working printer: demo mode (no printer by default) shows the QR receipt so the demo pays;
 * a configured kiosk stays out of service until a technician chooses the QR receipt, so no citizen
 * pays without a receipt unless someone decided that.
 */
export function readWithoutPrinter(db: Settings, demo: boolean): WithoutPrinter {
  const r = withoutPrinterSchema.safeParse(db.settings.get(WITHOUT_PRINTER_KEY));
  if (r.success) return r.data;
  return demo ? 'qr-receipt' : 'out-of-service';
}

export function writeWithoutPrinter(db: Settings, value: WithoutPrinter): WithoutPrinter {
  const valid = withoutPrinterSchema.parse(value);
  db.settings.set(WITHOUT_PRINTER_KEY, valid);
  return valid;
}
