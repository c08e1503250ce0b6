/**
 * The node's secrets and the OS keyring. Where a shell has one (Electron's safeStorage), the config
 * file keeps a placeholder for each secret and the value lives encrypted in the shell's secret store;
 * without one (browser-kiosk mode, the CLI), the values stay in the 0600 config file. `openSecrets`
 * gives the core the real values; `sealSecrets` prepares a config for writing.
 */
import { ConfigInvalid } from './load';
import { SECRET_FIELDS } from './schema';
import type { Config } from './schema';

/** Stands in the config file for a value kept in the keyring (8 chars: valid where a password is). */
export const KEYRING_PLACEHOLDER = '@keyring';

export type SecretField = (typeof SECRET_FIELDS)[number];

/**
 * Every name a secret store keeps: the config's secret fields, and the secrets technicians enter
 * outside the config file (the card terminal key's passphrase, the fleet broker's password and
 * client key). One list, so a store never holds a name nobody declared.
 */
export const VAULT_NAMES = [...SECRET_FIELDS, 'cardTerminal.passphrase', 'fleet.password', 'fleet.clientKey'] as const;
export type VaultName = (typeof VAULT_NAMES)[number];

/** What the core needs of a shell's secret store (main/shell/secret-store.ts implements it). */
export interface SecretVault {
  readonly protection: 'os-keyring' | 'user-file';
  get(name: VaultName): Promise<string | null>;
  set(name: VaultName, value: string): Promise<void>;
}

const key = (f: SecretField) => f.split('.')[1] as 'password' | 'subscriptionKey';

/** The config with every placeholder replaced by the keyring's value; a missing one names its field. */
export async function openSecrets(config: Config, vault: SecretVault | null, file: string): Promise<Config> {
  const out = structuredClone(config);
  for (const field of SECRET_FIELDS) {
    if (out.node[key(field)] !== KEYRING_PLACEHOLDER) continue;
    const value = vault ? await vault.get(field) : null;
    if (!value)
      throw new ConfigInvalid(field, 'kept in the OS keyring, which has no value for it here: enter it again in technician mode', file);
    out.node[key(field)] = value;
  }
  return out;
}

/** With an OS keyring: secrets moved into it and replaced by placeholders. Otherwise unchanged. */
export async function sealSecrets(config: Config, vault: SecretVault | null): Promise<Config> {
  if (!vault || vault.protection !== 'os-keyring') return config;
  const out = structuredClone(config);
  for (const field of SECRET_FIELDS) {
    const value = out.node[key(field)];
    if (value === KEYRING_PLACEHOLDER) continue;
    await vault.set(field, value);
    out.node[key(field)] = KEYRING_PLACEHOLDER;
  }
  return out;
}

export function hasPlainSecrets(config: Config): boolean {
  return SECRET_FIELDS.some((f) => config.node[key(f)] !== KEYRING_PLACEHOLDER);
}
