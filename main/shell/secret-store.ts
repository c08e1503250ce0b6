/**
 * Where a shell keeps the node's secrets (password, subscription key). One file in the data dir,
 * written atomically and readable only by the user (0600). Each value goes through a `SecretCipher`:
 * the Electron shell passes one over safeStorage (the OS keyring: DPAPI, Keychain, libsecret), so the
 * file holds ciphertext; browser-kiosk mode has no keyring and passes none, so the file holds the
 * values themselves, protected only by its permissions, and the store says so in `warning`.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SportelloError } from '../../kernel/errors';
import type { VaultName } from '../config/secrets';

export type SecretName = VaultName;

export interface SecretStore {
  /** 'os-keyring': values encrypted with a key the OS keeps; 'user-file': plain values in a 0600 file. */
  readonly protection: 'os-keyring' | 'user-file';
  /** Said once to whoever starts the shell when the protection is weaker than the OS keyring; never holds a secret. */
  readonly warning: string | null;
  readonly file: string;
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
}

/** Turns a secret into stored bytes and back; Electron's safeStorage is the one real implementation. */
export interface SecretCipher {
  readonly name: string;
  encrypt(plain: string): Promise<Buffer>;
  decrypt(stored: Buffer): Promise<string>;
}

export class SecretStoreUnreadable extends SportelloError {
  constructor(file: string, reason: string) {
    super('SECRET_STORE_UNREADABLE', `${file}: ${reason}`, { details: { file, reason } });
  }
}

interface StoreFile {
  version: 1;
  /** 'plain' or the cipher's name: values written by one cannot be read by the other. */
  protection: string;
  /** base64 of the stored bytes, by secret name */
  entries: Partial<Record<SecretName, string>>;
}

export const SECRET_FILE_NAME = 'secrets.json';

export function secretFilePath(dataDir: string): string {
  return join(dataDir, SECRET_FILE_NAME);
}

export class FileSecretStore implements SecretStore {
  readonly protection: SecretStore['protection'];
  readonly warning: string | null;
  private readonly label: string;

  constructor(
    readonly file: string,
    private readonly cipher: SecretCipher | null = null,
  ) {
    this.protection = cipher ? 'os-keyring' : 'user-file';
    this.label = cipher ? cipher.name : 'plain';
    this.warning = cipher
      ? null
      : `secrets are kept in ${file}, readable only by this user account: no OS keyring protects them in this mode`;
  }

  async get(name: SecretName): Promise<string | null> {
    const stored = this.read().entries[name];
    if (stored === undefined) return null;
    const bytes = Buffer.from(stored, 'base64');
    if (!this.cipher) return bytes.toString('utf8');
    try {
      return await this.cipher.decrypt(bytes);
    } catch (e) {
      // The reason comes from the keyring, not from the value: safe to keep.
      throw new SecretStoreUnreadable(this.file, `${name} cannot be decrypted (${(e as Error).message})`);
    }
  }

  async set(name: SecretName, value: string): Promise<void> {
    const bytes = this.cipher ? await this.cipher.encrypt(value) : Buffer.from(value, 'utf8');
    const data = this.read();
    data.entries[name] = bytes.toString('base64');
    this.write(data);
  }

  async delete(name: SecretName): Promise<void> {
    const data = this.read();
    if (!(name in data.entries)) return;
    delete data.entries[name];
    this.write(data);
  }

  private read(): StoreFile {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, protection: this.label, entries: {} };
      throw new SecretStoreUnreadable(this.file, (e as NodeJS.ErrnoException).code ?? 'unreadable');
    }
    // Someone loosened the permissions: tighten them before anything else is read or written.
    if (process.platform !== 'win32' && (statSync(this.file).mode & 0o077) !== 0) chmodSync(this.file, 0o600);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new SecretStoreUnreadable(this.file, 'not valid JSON');
    }
    const d = data as Partial<StoreFile> | null;
    if (!d || d.version !== 1 || typeof d.protection !== 'string' || !d.entries || typeof d.entries !== 'object') {
      throw new SecretStoreUnreadable(this.file, 'not a sportello secret file');
    }
    if (d.protection !== this.label) {
      throw new SecretStoreUnreadable(
        this.file,
        `written with ${d.protection} protection, read with ${this.label}: enter the secrets again`,
      );
    }
    return d as StoreFile;
  }

  private write(data: StoreFile): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify({ ...data, protection: this.label }, null, 2) + '\n', { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
  }
}
