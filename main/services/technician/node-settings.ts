/**
 * The settings a technician edits: node credentials (password and subscription key write-only),
 * terminal identity, fees. A save merges the edit into the running configuration (a secret left
 * empty keeps its value), validates the whole file with the config schema and writes it atomically
 * with saveConfig; the core reads it at its next start.
 */
import { z } from 'zod';
import { configSchema, feeRuleSchema, saveConfig, sealSecrets } from '../../config';
import type { Config, SecretVault } from '../../config';
import { nodeEdit, terminalEdit } from '../../contract/technician/calls';
import { SettingsInvalid } from './errors';

export const settingsInput = z.strictObject({ node: nodeEdit, terminal: terminalEdit, fees: feeRuleSchema });
export type NodeSettingsInput = z.infer<typeof nodeEdit>;
export type SettingsInput = z.infer<typeof settingsInput>;

/** The node settings with the edit applied; secrets from the running configuration unless replaced. */
export function mergeNode(current: Config['node'], edit: NodeSettingsInput): Config['node'] {
  const { password, subscriptionKey, ...rest } = edit;
  return {
    ...current,
    ...rest,
    password: password ? password : current.password,
    subscriptionKey: subscriptionKey ? subscriptionKey : current.subscriptionKey,
  };
}

/** Placeholders a test sends to an endpoint that is not the stored one when no secret was typed for it. */
export const UNSENT_PASSWORD = 'NOT-SENT';
export const UNSENT_SUBSCRIPTION_KEY = 'not-sent';

/** Same scheme, host and port: the stored secrets belong to that server, and only to it. */
export function sameServer(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/**
 * The node settings a connectivity test uses. The stored password and subscription key go only to
 * the stored endpoint's server: for another one, only what was typed for it is sent, and a secret
 * left empty is replaced by a harmless placeholder (the node then answers as for a wrong secret,
 * which still proves it is reachable).
 */
export function nodeForTest(
  current: Config['node'],
  edit: NodeSettingsInput,
): { node: Config['node']; credentials: 'stored' | 'typed' | 'none' } {
  if (sameServer(current.endpoint, edit.endpoint)) {
    const typed = Boolean(edit.password || edit.subscriptionKey);
    return { node: mergeNode(current, edit), credentials: typed ? 'typed' : 'stored' };
  }
  const { password, subscriptionKey, ...rest } = edit;
  const typed = Boolean(password || subscriptionKey);
  return {
    node: { ...current, ...rest, password: password || UNSENT_PASSWORD, subscriptionKey: subscriptionKey || UNSENT_SUBSCRIPTION_KEY },
    credentials: typed ? 'typed' : 'none',
  };
}

/** The whole new configuration, validated; SETTINGS_INVALID names the field (never a secret's value). */
export function mergeSettings(current: Config, edit: SettingsInput): Config {
  const next = {
    ...current,
    node: mergeNode(current.node, edit.node),
    terminal: { ...current.terminal, ...edit.terminal },
    fees: edit.fees,
  };
  const r = configSchema.safeParse(next);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new SettingsInvalid(issue.path.join('.'), issue.message);
  }
  return r.data;
}

/** With an OS keyring the secrets go into it and the file keeps placeholders (main/config/secrets.ts). */
export async function saveSettings(
  current: Config,
  edit: SettingsInput,
  file: string,
  vault: SecretVault | null = null,
): Promise<{ file: string; config: Config }> {
  const config = mergeSettings(current, edit);
  return { file: saveConfig(await sealSecrets(config, vault), { SPORTELLO_CONFIG: file }), config };
}
