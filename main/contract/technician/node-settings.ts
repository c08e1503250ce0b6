/**
 * The settings a technician edits: node credentials (password and subscription key write-only),
 * terminal identity, fees. A save merges the edit into the running configuration (a secret left
 * empty keeps its value), validates the whole file with the config schema and writes it atomically
 * with saveConfig; the core reads it at its next start.
 */
import { z } from 'zod';
import { configSchema, feeRuleSchema, saveConfig, sealSecrets } from '../../config';
import type { Config, SecretVault } from '../../config';
import { nodeEdit, terminalEdit } from './calls';
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

/** The whole new configuration, validated; SETTINGS_INVALID names the field (never a secret's value). */
export function mergeSettings(current: Config, edit: SettingsInput): Config {
  const next = { ...current, node: mergeNode(current.node, edit.node), terminal: { ...current.terminal, ...edit.terminal }, fees: edit.fees };
  const r = configSchema.safeParse(next);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new SettingsInvalid(issue.path.join('.'), issue.message);
  }
  return r.data;
}

/** With an OS keyring the secrets go into it and the file keeps placeholders (main/config/secrets.ts). */
export async function saveSettings(current: Config, edit: SettingsInput, file: string, vault: SecretVault | null = null): Promise<{ file: string; config: Config }> {
  const config = mergeSettings(current, edit);
  return { file: saveConfig(await sealSecrets(config, vault), { SPORTELLO_CONFIG: file }), config };
}
