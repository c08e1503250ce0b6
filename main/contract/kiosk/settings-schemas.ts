/**
 * The kiosk's settings as they cross the contract (technician.chooseDevices, technician.setKioskTiming)
 * and as the database keeps them (main/services/kiosk/settings.ts). The card terminal is this
 * terminal's, kiosk or counter (its stored key keeps the historical `kiosk.` name). Browser-safe (zod).
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

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', '::1']);
const FINGERPRINT = /^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){31}$/;

/**
 * A nexo (Adyen Terminal API, local integration) terminal as stored: everything but the key's
 * passphrase, which is a secret (main/services/kiosk/card-secret.ts) and never crosses the contract
 * on the way out. https needs a pinned fingerprint or the terminal maker's CA; plain http only to
 * loopback with `insecureLoopback` (the simulator, `npm run sim:nexo`).
 */
export const nexoTerminalSettingsSchema = z
  .strictObject({
    kind: z.literal('nexo'),
    /** `https://<terminal ip>:8443/nexo`, or `http://127.0.0.1:<port>/nexo` for the simulator. */
    url: z.string().trim().min(1).max(200),
    /** The terminal's POIID, e.g. V400m-324688179. */
    poiId: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'letters, digits . _ -, at most 40'),
    /** Our nexo SaleID: this sportello. */
    saleId: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'letters, digits . _ -, at most 40'),
    keyIdentifier: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits . _ -, at most 64'),
    keyVersion: z.int().min(0).max(999_999),
    insecureLoopback: z.boolean(),
    /** The terminal certificate's SHA-256 fingerprint (AB:CD:…, 32 pairs): pins this terminal. */
    fingerprint256: z.string().trim().regex(FINGERPRINT, 'SHA-256 fingerprint: 32 hex pairs separated by colons').optional(),
    /** PEM of the CA that signs the terminal's certificate, checked with `serverName` (else the host). */
    ca: z.string().trim().min(1).max(20_000).optional(),
    serverName: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine((s, ctx) => {
    let u: URL;
    try {
      u = new URL(s.url);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'not a URL' });
      return;
    }
    if (u.protocol === 'http:' && !(s.insecureLoopback && LOOPBACK_HOSTS.has(u.hostname)))
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'plain http only to 127.0.0.1 or ::1, with insecureLoopback (the simulator)',
      });
    else if (u.protocol === 'https:' && !s.fingerprint256 && !s.ca)
      ctx.addIssue({ code: 'custom', path: ['fingerprint256'], message: "https needs the terminal's fingerprint or its CA" });
    else if (u.protocol !== 'http:' && u.protocol !== 'https:') ctx.addIssue({ code: 'custom', path: ['url'], message: 'http(s) only' });
  });
export type NexoTerminalSettings = z.infer<typeof nexoTerminalSettingsSchema>;

/** The key's passphrase as a technician types it: write-only, never answered back. */
export const cardTerminalPassphraseSchema = z.string().min(1).max(128);

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
  nexoTerminalSettingsSchema,
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
