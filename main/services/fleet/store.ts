/**
 * What the fleet keeps on the terminal, all in the settings table but the secrets:
 * - `fleet.settings`: broker, identity, prefix, group, on/off (fleet-calls.ts; no secret);
 * - `fleet.shipped`: the cursor, `{ seq, at }` of the last journal entry the broker acknowledged.
 *   One row written by itself (its own implicit transaction) only after the broker's PUBACK, so a
 *   crash, an outage or days offline resume from it; a resend of unacknowledged entries is harmless
 *   (the back office keeps (terminal, seq) once). It moves back only on the back office's resend
 *   request (rewindCursor), when the broker acknowledged what the back office never received. Kept in the settings table rather than a table of
 *   its own: one value, written once per acknowledged batch, needs no migration;
 * - `fleet.config`: the configuration version running and the versions received but not yet applied;
 * - `fleet.fees`, `fleet.kioskAbandonSeconds`: what a configuration version set that the config file
 *   holds otherwise (they win over the file's values; config-apply.ts).
 * The broker password and the client key are secrets: in the shell's secret store when it has one,
 * else in 0600 files of their own in the data directory; never in the settings table, never logged,
 * never answered by a call (as the card terminal's passphrase: main/services/kiosk/card-secret.ts).
 */
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Json, SportelloDatabase } from '../../../db';
import type { SecretVault } from '../../config';
import { fleetStoredSettingsSchema } from '../../contract/technician/fleet-calls';
import type { FleetStoredSettings } from '../../contract/technician/fleet-calls';
import { configVersionSchema } from '../../fleet/wire';
import type { ConfigVersion } from '../../fleet/wire';

export const SETTINGS_KEY = 'fleet.settings';
export const CURSOR_KEY = 'fleet.shipped';
export const CONFIG_KEY = 'fleet.config';
export const FEES_KEY = 'fleet.fees';
export const ABANDON_KEY = 'fleet.kioskAbandonSeconds';

type Settings = Pick<SportelloDatabase, 'settings'>;

export function readFleetSettings(db: Settings): FleetStoredSettings | null {
  const r = fleetStoredSettingsSchema.safeParse(db.settings.get(SETTINGS_KEY));
  return r.success ? r.data : null;
}

export function writeFleetSettings(db: Settings, s: FleetStoredSettings): void {
  db.settings.set(SETTINGS_KEY, fleetStoredSettingsSchema.parse(s) as unknown as Json);
}

const cursorSchema = z.object({ seq: z.number().int().nonnegative(), at: z.string().nullable() });
export type Cursor = z.infer<typeof cursorSchema>;

export function readCursor(db: Settings): Cursor {
  const r = cursorSchema.safeParse(db.settings.get(CURSOR_KEY));
  return r.success ? r.data : { seq: 0, at: null };
}

/** Only forward: an acknowledgement of an older batch (a resend) never moves the cursor back. */
export function writeCursor(db: Settings, cursor: Cursor): void {
  if (readCursor(db).seq >= cursor.seq) return;
  db.settings.set(CURSOR_KEY, cursor as unknown as Json);
}

/**
 * Backward, on the back office's resend request: the broker acknowledged entries the back office
 * never got (a broker killed before saving them, or one that delivered them to nobody), so they are
 * shipped again from `seq + 1`.
 */
export function rewindCursor(db: Settings, seq: number): void {
  const cursor = readCursor(db);
  if (cursor.seq <= seq) return;
  db.settings.set(CURSOR_KEY, { seq, at: cursor.at } as unknown as Json);
}

const configStateSchema = z.object({
  running: z.number().int().nullable(),
  /** The highest version seen (applied, waiting or refused): a retained message seen again is ignored. */
  highestSeen: z.number().int().nonnegative(),
  pending: z.array(configVersionSchema),
});
export type ConfigState = z.infer<typeof configStateSchema>;

export function readConfigState(db: Settings): ConfigState {
  const r = configStateSchema.safeParse(db.settings.get(CONFIG_KEY));
  return r.success ? r.data : { running: null, highestSeen: 0, pending: [] };
}

export function writeConfigState(db: Settings, s: ConfigState): void {
  db.settings.set(CONFIG_KEY, s as unknown as Json);
}

export type { ConfigVersion };

// --- secrets -----------------------------------------------------------------------------------

export type FleetSecret = 'password' | 'clientKey';
const VAULT = { password: 'fleet.password', clientKey: 'fleet.clientKey' } as const;
const FILE = { password: 'fleet-password.secret', clientKey: 'fleet-client-key.secret' } as const;

export interface SecretPlace {
  dataDir: string;
  secrets: SecretVault | null;
}

export async function readFleetSecret(place: SecretPlace, which: FleetSecret): Promise<string | null> {
  if (place.secrets) {
    const v = await place.secrets.get(VAULT[which]);
    if (v) return v;
  }
  const file = join(place.dataDir, FILE[which]);
  if (!existsSync(file)) return null;
  const v = readFileSync(file, 'utf8');
  return v.length > 0 ? v : null;
}

/** null removes it (from the file; a vault entry is overwritten with an empty value). */
export async function writeFleetSecret(place: SecretPlace, which: FleetSecret, value: string | null): Promise<void> {
  const file = join(place.dataDir, FILE[which]);
  if (place.secrets) {
    await place.secrets.set(VAULT[which], value ?? '');
    rmSync(file, { force: true });
    return;
  }
  if (value === null) {
    rmSync(file, { force: true });
    return;
  }
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, value, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
