/**
 * What the core pushes without being asked, each with its payload schema. The payload is parsed
 * with its schema before it leaves, so only declared fields ever do; who receives each event is
 * declared in access/audience.ts and applied by the core for every transport client. Browser-safe.
 */
import { z } from 'zod';
import { epochMs, sessionStateSchema } from './schemas';

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

const deviceEntry = z.object({
  id: z.string(),
  name: z.string(),
  /** Driver-defined ('ready', 'offline', 'paper-out'...): the device manager will narrow this. */
  status: z.string(),
});

/** Placeholder until the device manager lands: which scanners and printers exist and how they are. */
export const deviceStatusSchema = z.object({
  scanners: z.array(deviceEntry),
  printers: z.array(deviceEntry),
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
} as const satisfies Record<string, z.ZodType>;

export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export type OutboxStatus = z.output<typeof outboxStatusSchema>;
export type DeviceStatus = z.output<typeof deviceStatusSchema>;
export type NodeStatus = z.output<typeof nodeStatusSchema>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(EVENTS, name);
}
