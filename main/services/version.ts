/** sportello's own version, from package.json, read once (system.info, the diagnostics bundle). */
import { readFileSync } from 'node:fs';

let version: string | null = null;

export function sportelloVersion(): string {
  if (version === null) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    version = pkg.version ?? 'unknown';
  }
  return version;
}
