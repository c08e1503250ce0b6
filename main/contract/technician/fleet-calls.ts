/**
 * The fleet (issue 16): the technician turns shipping to the PSP's MQTT broker on or off, gives the
 * broker and this terminal's identity there, and sees how shipping goes. Off by default. Secrets are
 * write-only, as the node's: the broker password and the client key go in (an empty one keeps the
 * stored value), and only whether one is stored comes out. Browser-safe (zod).
 */
import { z } from 'zod';

const topicLevel = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only (a topic level)');
/** A PEM text pasted in, or the path of a PEM file on this terminal. */
const pemOrPath = z.string().trim().max(16_384);

export const fleetBrokerUrl = z
  .string()
  .trim()
  .max(512)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'mqtt:' || u.protocol === 'mqtts:') && u.hostname !== '' && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'mqtt:// or mqtts:// with a host, and no credentials in the address (they have their own fields)');

/** What is stored (the settings table, `fleet.settings`): never a secret. */
export const fleetStoredSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  brokerUrl: fleetBrokerUrl,
  username: z.string().max(256).nullable(),
  /** The client certificate and the CA (PEM or path); the key is a secret, kept apart. */
  clientCert: pemOrPath.nullable(),
  ca: pemOrPath.nullable(),
  topicPrefix: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, 'topic levels of letters, digits, _ . - separated by /'),
  group: topicLevel.nullable(),
});
export type FleetStoredSettings = z.output<typeof fleetStoredSettingsSchema>;

export const fleetConfigureRequest = fleetStoredSettingsSchema.extend({
  /** Write-only: empty or absent keeps the stored password; `clearPassword` removes it. */
  password: z.string().max(1024).optional(),
  clearPassword: z.boolean().optional(),
  /** Write-only: the client key (PEM or path); empty or absent keeps the stored one. */
  clientKey: pemOrPath.optional(),
  clearClientKey: z.boolean().optional(),
});
export type FleetConfigureRequest = z.output<typeof fleetConfigureRequest>;

export const fleetStatusSchema = z.object({
  enabled: z.boolean(),
  connected: z.boolean(),
  /** The stored settings (no secret) and whether each secret is stored; null when never configured. */
  settings: fleetStoredSettingsSchema.nullable(),
  hasPassword: z.boolean(),
  hasClientKey: z.boolean(),
  /** The broker as shown: scheme, host and port only. */
  broker: z.string().nullable(),
  /** When the broker last acknowledged a journal batch (ISO), null before the first. */
  lastAckAt: z.string().nullable(),
  shippedSeq: z.number().int().nonnegative(),
  headSeq: z.number().int().nonnegative(),
  /** Journal entries not yet acknowledged by the broker. */
  backlog: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  /** The configuration version this terminal runs (null: none received yet), and one waiting for the open payment to end. */
  configVersion: z.number().int().nullable(),
  pendingConfigVersion: z.number().int().nullable(),
});
export type FleetStatus = z.output<typeof fleetStatusSchema>;

export const FLEET_CALLS = {
  /** How shipping goes: connected, shipped vs head, backlog, last error, the configuration version running. */
  'fleet.status': { request: z.strictObject({}), response: fleetStatusSchema },
  /** Stores the fleet settings (journaled as fleet-configured) and restarts the shipper with them. */
  'fleet.configure': { request: fleetConfigureRequest, response: fleetStatusSchema },
} as const;
