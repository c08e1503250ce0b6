/**
 * The card terminal key's passphrase, kept like the node's secrets: in the shell's secret store when
 * it has one (with an OS keyring the value is encrypted there), otherwise in a file of its own in the
 * data directory readable only by this user (0600), as the node secrets stay in the 0600 config file
 * without a keyring. Never in the settings table, never answered by a call, never logged.
 */
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretVault, VaultName } from '../../config';

/** The name in the shell's secret store, next to node.password and node.subscriptionKey. */
const SECRET_NAME: VaultName = 'cardTerminal.passphrase';
export const CARD_SECRET_FILE = 'card-terminal.secret';

export interface CardSecretPlace {
  dataDir: string;
  secrets: SecretVault | null;
}

export async function readCardPassphrase(place: CardSecretPlace): Promise<string | null> {
  if (place.secrets) {
    const v = await place.secrets.get(SECRET_NAME);
    if (v) return v;
  }
  const file = join(place.dataDir, CARD_SECRET_FILE);
  if (!existsSync(file)) return null;
  const v = readFileSync(file, 'utf8');
  return v.length > 0 ? v : null;
}

export async function writeCardPassphrase(place: CardSecretPlace, passphrase: string): Promise<void> {
  const file = join(place.dataDir, CARD_SECRET_FILE);
  if (place.secrets) {
    await place.secrets.set(SECRET_NAME, passphrase);
    rmSync(file, { force: true });
    return;
  }
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, passphrase, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
