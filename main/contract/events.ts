/**
 * What the core pushes without being asked, each with its payload schema. The payload is parsed
 * with its schema before it leaves, so only declared fields ever do; who receives each event is
 * declared in access/audience.ts and applied by the core for every transport client. Browser-safe.
 */
import { z } from 'zod';
import { epochMs, sessionStateSchema } from './schemas';
import { printerStatusSchema } from './printer-calls';

export const outboxStatusSchema = z.object({
  /** Messages not yet settled: pending, in flight, or waiting for a person. */
  depth: z.number().int().nonnegative(),
  inFlight: z.number().int().nonnegative(),
  needsDecision: z.number().int().nonnegative(),
  /** The nearest token expiry among them (invariant 4: staff always see it); null when empty. */
  oldestDeadlineMs: epochMs.nullable(),
  /** Retry schedule spent: not being retried, one probe at a time until the node answers again. */
  stalled: z.number().int().nonnegative(),
  /** Refused by the node for a configuration reason: sent again once the technician fixes it. */
  parked: z.number().int().nonnegative(),
});

/** How a device is now: `ready` to use, `disconnected` (unplugged, not found), `permission-denied` (the OS
 *  refused to open it: `problem.fix` says what to run), `error` (busy, driver missing, I/O error:
 *  `problem.code`), `unknown` (not looked at yet; a network printer, never probed: a probe could
 *  collide with a print). */
export const DEVICE_STATES = ['ready', 'disconnected', 'permission-denied', 'error', 'unknown'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

/** Why a device is not ready: a code (drivers/scanner's UnavailableReason, or a printer's), and the fix to paste. */
const deviceProblem = z.object({
  code: z.enum(['not-found', 'permission-denied', 'busy', 'disconnected', 'driver-missing', 'io-error']),
  /** The one-time change an administrator makes (a udev rule and its commands, the dialout group). */
  fix: z.string().max(2000).optional(),
});

/** Where scans come from: the keyboard wedge types into the screen; the others are read by the core. */
export const SCANNER_KINDS = ['keyboard', 'hid-pos', 'hid-keyboard', 'serial'] as const;

const scannerEntry = z.object({
  /** The scan source id (`scanner.scan`'s sourceId); the wedge is `keyboard-wedge`. */
  id: z.string(),
  kind: z.enum(SCANNER_KINDS),
  /** Ids and path (`0c2e:0b61 /dev/hidraw3`), never what it read. */
  name: z.string(),
  status: z.enum(DEVICE_STATES),
  problem: deviceProblem.optional(),
  /** The core's last scan from it; null for the wedge, whose scans only the screen sees. */
  lastScanAt: epochMs.nullable(),
  /** When the status last changed (null: not looked at yet). */
  since: epochMs.nullable(),
});

const printerEntry = z.object({
  /** The chosen target (`serial:/dev/ttyUSB0:9600`, `usb:/dev/usb/lp0`, `tcp:…`, `file:…`). */
  id: z.string(),
  name: z.string(),
  status: z.enum(DEVICE_STATES),
  problem: deviceProblem.optional(),
  since: epochMs.nullable(),
});

const cardTerminalEntry = z.object({
  id: z.string(),
  /** Driver and model (`nexo 192.168.1.20`, `simulated`), never a key. */
  name: z.string(),
  status: z.enum(DEVICE_STATES),
  /** What it is doing: waiting for a card, processing one, idle, or found offline by the last request. */
  activity: z.enum(['ready', 'present-card', 'processing', 'offline']),
  since: epochMs.nullable(),
});

/** Every scanner (wedge included), the chosen printer and the card terminal, each with its live status (main/services/devices). */
export const deviceStatusSchema = z.object({
  scanners: z.array(scannerEntry),
  printers: z.array(printerEntry),
  /** The card terminal this terminal pays on (main/services/kiosk/card-terminal.ts); absent or empty without one. */
  cardTerminals: z.array(cardTerminalEntry).optional(),
});

/**
 * A scan read by the core from a device scanner (HID POS, hidraw keyboard, serial), for the screen
 * that is active, which handles it as a wedge scan. `terminal` is this terminal's kind: it decides
 * who hears it (main/api/audience.ts), as a Data Matrix carries the debtor's name and fiscal code.
 */
export const scannerScanSchema = z.object({
  sourceId: z.string(),
  kind: z.enum(['hid-pos', 'hid-keyboard', 'serial']),
  text: z.string().max(65_536),
  /** The AIM symbology when the wire carries it apart from the text (HID POS); else null. */
  symbology: z.string().max(8).nullable(),
  at: epochMs,
  terminal: z.enum(['counter', 'kiosk']),
});

export const nodeStatusSchema = z.object({
  /** unknown until the first exchange; reachable once the node answered anything, even a fault. */
  state: z.enum(['reachable', 'unreachable', 'unknown']),
  lastExchangeAtMs: epochMs.nullable(),
  /** The code of the last failure that made it unreachable (NODE_UNREACHABLE, NODE_NO_RESPONSE...). */
  lastErrorCode: z.string().nullable(),
});

export const EVENTS = {
  /** A payment session changed: its whole new state. */
  'session.updated': sessionStateSchema,
  'outbox.status': outboxStatusSchema,
  'devices.status': deviceStatusSchema,
  'node.status': nodeStatusSchema,
  'scanner.scan': scannerScanSchema,
  /** The receipt printer's status and the jobs still to print (printer-calls.ts). */
  'printer.status': printerStatusSchema,
} as const satisfies Record<string, z.ZodType>;

export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export type OutboxStatus = z.output<typeof outboxStatusSchema>;
export type DeviceStatus = z.output<typeof deviceStatusSchema>;
export type NodeStatus = z.output<typeof nodeStatusSchema>;
export type ScannerScan = z.output<typeof scannerScanSchema>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(EVENTS, name);
}
