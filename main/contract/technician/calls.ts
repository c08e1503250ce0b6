/**
 * The technician's calls. Every one but the PIN screen's needs the token `technician.unlock` hands
 * out after the PIN (checked in the core, locked out after repeated failures), presented as the
 * call's credential (the transport's `auth`, not a request field); roles.ts declares it and the
 * gate checks it. Secrets are write-only: the node password and subscription key go in, never come
 * out. Browser-safe (zod).
 */
import { z } from 'zod';
import { feeRuleSchema } from '../../config/schema';
import { cents, journalEntrySchema } from '../schemas';
import { cardTerminalState } from '../kiosk/calls';
import { FLEET_CALLS } from './fleet-calls';
import { cardTerminalSettingsSchema as cardTerminalSettings, kioskTimingSchema as kioskTiming } from '../kiosk/settings-schemas';

const noFields = z.strictObject({});

const pinStatus = z.object({
  locked: z.boolean(),
  lockedUntilMs: z.number().int().nullable(),
  failures: z.number().int().nonnegative(),
  maxFailures: z.number().int().positive(),
  lockMinutes: z.number().positive(),
  defaultPinInUse: z.boolean(),
  /** Demo mode only, while the documented default is still the PIN. */
  demoPin: z.string().nullable(),
});

/** The keyboard-wedge scanner types into the screen: it needs no device and is always there. */
export const WEDGE_SCANNER = 'wedge';

/** A serial scanner's line: speed and what ends one read (drivers/scanner's serial framer). */
export const scannerLineSchema = z.strictObject({
  baudRate: z.int().min(300).max(921_600),
  suffix: z.enum(['CR', 'LF', 'CRLF', 'none']),
});

export const deviceChoiceSchema = z.strictObject({
  /** A printer target (serial:, tcp:, usb:, file:), or null for none (certificates on screen only). */
  printer: z.string().max(512).nullable(),
  paper: z.enum(['80mm', '58mm']),
  /** 'wedge', 'hid:<vid:pid[:serial]>' (HID POS), 'hid-keyboard:<vid:pid[:serial]>' (hidraw) or 'serial:<path>'. */
  scanner: z.string().max(512),
  /** A serial scanner's line (its port is in `scanner`); absent: 9600 baud, reads ended by CR. */
  scannerLine: scannerLineSchema.optional(),
});
const deviceChoice = deviceChoiceSchema;

const deviceList = z.object({
  scanners: z.array(
    z.object({ id: z.string(), name: z.string(), kind: z.enum(['wedge', 'hid-pos', 'hid', 'serial']), path: z.string().nullable() }),
  ),
  serialPorts: z.array(
    z.object({ path: z.string(), name: z.string(), manufacturer: z.string().nullable(), serialNumber: z.string().nullable() }),
  ),
  printers: z.array(z.object({ target: z.string(), name: z.string(), source: z.enum(['usb-lp', 'serial', 'chosen']) })),
  problems: z.array(z.object({ source: z.enum(['hid', 'serial', 'usb-lp']), code: z.string(), message: z.string() })),
  choice: deviceChoice,
  /** keyStored: whether a nexo terminal's passphrase is stored (the passphrase itself never leaves the core). */
  cardTerminal: z.object({ settings: cardTerminalSettings, state: cardTerminalState, keyStored: z.boolean().optional() }),
  /** The one directory file, pdf and svg printer targets may write in. */
  spoolDir: z.string(),
});

/** What the node section of the form sends; an absent or empty secret means "keep the current one". */
export const nodeEdit = z.strictObject({
  endpoint: z.string().trim().min(1).max(2048),
  idPSP: z.string().trim().min(1).max(35),
  idBrokerPSP: z.string().trim().min(1).max(35),
  idChannel: z.string().trim().min(1).max(35),
  pspFiscalCode: z.string().trim().min(1).max(18),
  pspName: z.string().trim().min(1).max(140),
  tokenDurationMs: z.int().min(60_000).max(1_800_000).optional(),
  isPoste: z.boolean().optional(),
  /** Write-only: absent or empty keeps the current one. */
  password: z.string().max(64).optional(),
  subscriptionKey: z.string().max(256).optional(),
});

export const terminalEdit = z.strictObject({
  id: z.string().trim().min(1).max(35),
  kind: z.enum(['counter', 'kiosk']),
  locale: z.enum(['it', 'en', 'de']),
  strictCheckDigit: z.boolean(),
  kioskAbandonSeconds: z.int().min(30).max(1_500),
});

const nodeTestResult = z.object({
  ok: z.boolean(),
  endpoint: z.string(),
  /** Which secrets went: the stored ones (stored endpoint only), those typed for this test, or none (placeholders). */
  credentials: z.enum(['stored', 'typed', 'none']),
  durationMs: z.number().int(),
  failure: z
    .object({
      kind: z.enum([
        'dns',
        'refused',
        'unreachable',
        'connect-timeout',
        'tls',
        'connection',
        'timeout',
        'connection-lost',
        'http',
        'fault',
        'bad-response',
        'config',
        'other',
      ]),
      message: z.string(),
      httpStatus: z.number().int().optional(),
      faultCode: z.string().optional(),
      messageKey: z.string().optional(),
    })
    .nullable(),
});

const scannedNotice = z.object({
  kind: z.enum(['qr', 'poste-datamatrix', 'manual']),
  noticeNumber: z.string(),
  fiscalCode: z.string(),
  amountCents: cents.nullable(),
  postalAccount: z.string().nullable(),
  checkDigitValid: z.boolean().nullable(),
  symbology: z.string().nullable(),
  warnings: z.array(
    z.object({ code: z.string(), messageKey: z.string(), details: z.record(z.string(), z.union([z.string(), z.number()])) }),
  ),
});

/** The core log's levels, least to most severe (main/log). */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
const logLevel = z.enum(LOG_LEVELS);

/** The log as the technician sees it: the level in force, the file, and why it is not written when it is not. */
const logSettings = z.object({ level: logLevel, file: z.string(), unavailable: z.string().nullable() });

const isoTime = z.iso.datetime({ offset: true });

/** A search over the whole journal, run by the database, newest first, paged by `beforeSeq`. */
export const journalSearchRequest = z
  .strictObject({
    /** Found in the event name, the payment id or the event's data (not in the sentences shown). */
    text: z.string().trim().max(200).optional(),
    kinds: z
      .array(z.string().regex(/^[a-z][a-z0-9-]{0,63}$/))
      .max(100)
      .optional(),
    sessionId: z.string().trim().min(1).max(64).optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    beforeSeq: z.int().positive().optional(),
    limit: z.int().min(1).max(500).optional(),
  })
  .refine((r) => !r.from || !r.to || Date.parse(r.from) <= Date.parse(r.to), { message: 'from must not be after to', path: ['from'] });

export const TECHNICIAN_CALLS = {
  /** Shipping to the PSP's fleet broker: fleet-calls.ts. */
  ...FLEET_CALLS,
  'technician.pinStatus': { request: z.strictObject({}), response: pinStatus },
  /** PIN_WRONG (details.attemptsLeft) or PIN_LOCKED (details.lockedUntilMs); else a token for the other calls. */
  'technician.unlock': {
    request: z.strictObject({ pin: z.string().min(1).max(32) }),
    /** mustChangePin: the default PIN on a configured terminal; the token only sets a new PIN. */
    response: z.object({ auth: z.string(), expiresAtMs: z.number().int(), defaultPinInUse: z.boolean(), mustChangePin: z.boolean() }),
  },
  'technician.lock': { request: noFields, response: z.object({ locked: z.literal(true) }) },
  'technician.changePin': {
    request: z.strictObject({ currentPin: z.string().min(1).max(32), newPin: z.string().min(1).max(32) }),
    response: z.object({ changed: z.literal(true) }),
  },
  /** Scanners, serial ports, printers and the card terminal, with what is chosen and what could not be listed. */
  'technician.devices': { request: noFields, response: deviceList },
  'technician.chooseDevices': {
    request: z.strictObject({
      printer: z.string().trim().max(512).nullable().optional(),
      paper: z.enum(['80mm', '58mm']).optional(),
      scanner: z.string().trim().min(1).max(512).optional(),
      scannerLine: scannerLineSchema.optional(),
      cardTerminal: cardTerminalSettings.optional(),
      /** The one directory file, pdf and svg targets may write in (absolute; default `<dataDir>/spool`). */
      spoolDir: z.string().trim().min(1).max(1024).optional(),
    }),
    response: z.object({ choice: deviceChoice, cardTerminal: cardTerminalSettings, spoolDir: z.string() }),
  },
  /** What sportello reads in a scan (or typed text): PAYLOAD_INVALID with its reason and messageKey when nothing. */
  'technician.testScan': { request: z.strictObject({ text: z.string().max(65_536) }), response: scannedNotice },
  /** The printer driver's test page on the chosen printer (or `target`); PRINTER_UNAVAILABLE says why not. */
  'technician.testPrint': {
    request: z.strictObject({ target: z.string().trim().min(1).max(512).optional() }),
    response: z.object({ output: z.string(), bytes: z.number().int(), warnings: z.array(z.string()) }),
  },
  /** The chosen printer's status (DLE EOT), or why it could not be read. */
  'technician.printerStatus': {
    request: noFields,
    response: z.object({
      target: z.string().nullable(),
      state: z.enum(['none', 'ready', 'unknown', 'problem', 'unavailable']),
      reason: z.string().nullable(),
      paperNearEnd: z.boolean(),
    }),
  },
  /** Writes the configuration file (atomic, 0600); the core uses it from its next start. */
  'technician.saveSettings': {
    request: z.strictObject({ node: nodeEdit, terminal: terminalEdit, fees: feeRuleSchema }),
    response: z.object({ file: z.string(), restartRequired: z.literal(true) }),
  },
  /** A catalogue request with the given settings (or the running ones): what failed, exactly. */
  'technician.testNode': { request: z.strictObject({ node: nodeEdit.optional() }), response: nodeTestResult },
  'technician.setKioskTiming': { request: z.strictObject({ timing: kioskTiming }), response: kioskTiming },
  /** A JSON bundle for support: configuration without secrets, versions, devices, database checks, logs. */
  'technician.diagnostics': { request: noFields, response: z.object({ filename: z.string(), content: z.string() }) },
  'technician.logSettings': { request: noFields, response: logSettings },
  /** In force at once, kept for the next start. */
  'technician.setLogLevel': { request: z.strictObject({ level: logLevel }), response: logSettings },
  /** The whole journal searched (not just a loaded page): filters, newest first, `nextBeforeSeq` for the next page. */
  'technician.journalSearch': {
    request: journalSearchRequest,
    response: z.object({
      entries: z.array(journalEntrySchema),
      nextBeforeSeq: z.number().int().positive().nullable(),
      total: z.number().int().nonnegative(),
    }),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
