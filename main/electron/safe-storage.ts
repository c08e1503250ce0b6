/**
 * The SecretStore of the Electron shell: the shared 0600 file (main/shell/secret-store.ts) holding
 * values encrypted by Electron's safeStorage, whose key the OS keeps (DPAPI, Keychain, libsecret or
 * KWallet). Where there is no real keyring (no keyring at all, or Linux's 'basic_text' backend,
 * a key written in Chromium's source) the plain 0600 file is used, with its warning.
 */
import type { SafeStorage } from 'electron';
import { FileSecretStore, secretFilePath } from '../shell/secret-store';
import type { SecretCipher, SecretStore } from '../shell/secret-store';

export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export function safeStorageCipher(safeStorage: SafeStorageLike): SecretCipher {
  return {
    name: 'electron-safe-storage',
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    decrypt: async (stored) => (await safeStorage.decryptStringAsync(stored)).result,
  };
}

/** Call after the app is ready (before that the keyring is not known). */
export async function electronSecretStore(
  safeStorage: SafeStorageLike,
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): Promise<SecretStore> {
  const file = secretFilePath(dataDir);
  let available = false;
  try {
    available = await safeStorage.isAsyncEncryptionAvailable();
  } catch {
    available = false;
  }
  if (available && platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') available = false;
  return new FileSecretStore(file, available ? safeStorageCipher(safeStorage) : null);
}
