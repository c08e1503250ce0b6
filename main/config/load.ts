/**
 * Where the data lives and how the configuration is read. `SPORTELLO_DATA_DIR` and
 * `SPORTELLO_CONFIG` override the locations (tests isolate themselves with them). No config file
 * means demo mode: the core starts its own simulator on loopback and says so.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, chmodSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { SportelloError } from '../../kernel/errors';
import { CONFIG_VERSION, configSchema, SECRET_FIELDS } from './schema';
import type { Config } from './schema';
import { endpointSecrets, maskUrl } from './mask';

export class ConfigInvalid extends SportelloError {
  constructor(
    readonly field: string,
    reason: string,
    file: string,
  ) {
    super('CONFIG_INVALID', `${file}: ${field || '(root)'}: ${reason}`, { details: { field, reason, file } });
  }
}

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SPORTELLO_DATA_DIR) return env.SPORTELLO_DATA_DIR;
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'sportello');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'sportello');
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.SPORTELLO_CONFIG || join(dataDir(env), 'config.json');
}

/** Upgrades from older file versions, each a pure function to the next version (none yet). */
const upgrades: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {};

export type LoadedConfig = { mode: 'configured'; config: Config; file: string } | { mode: 'demo'; file: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const file = configPath(env);
  if (!existsSync(file)) return { mode: 'demo', file };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigInvalid('', `not valid JSON (${(e as Error).message})`, file);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigInvalid('', 'must be a JSON object', file);
  let obj = raw as Record<string, unknown>;
  let version = typeof obj.version === 'number' ? obj.version : NaN;
  if (version > CONFIG_VERSION)
    throw new ConfigInvalid('version', `version ${version} is newer than this sportello (${CONFIG_VERSION})`, file);
  while (version < CONFIG_VERSION && upgrades[version]) {
    obj = upgrades[version]!(obj);
    version = obj.version as number;
  }
  const parsed = configSchema.safeParse(obj);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigInvalid(issue.path.join('.'), issue.message, file);
  }
  return { mode: 'configured', config: parsed.data, file };
}

/** Writes atomically (temp file + rename) and readable only by the user: it holds the node password. */
export function saveConfig(config: Config, env: NodeJS.ProcessEnv = process.env): string {
  const file = configPath(env);
  const valid = configSchema.parse(config);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(valid, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return file;
}

/** A copy safe to print, export or show: secrets replaced by a mask, the endpoint's query values and user info too. */
export function redactConfig(config: Config): Config {
  const copy = structuredClone(config);
  copy.node.endpoint = maskUrl(copy.node.endpoint);
  for (const path of SECRET_FIELDS) {
    const [section, key] = path.split('.') as ['node', 'password' | 'subscriptionKey'];
    copy[section][key] = mask(copy[section][key]);
  }
  return copy;
}

export function mask(secret: string): string {
  return secret.length === 0 ? '' : '••••••••';
}

/** Every secret value the configuration holds, for scrubbing free text: the two secret fields and what the endpoint carries. */
export function secretValues(config: Config): string[] {
  return [config.node.password, config.node.subscriptionKey, ...endpointSecrets(config.node.endpoint)];
}
