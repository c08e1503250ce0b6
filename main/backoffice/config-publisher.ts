/**
 * New configuration versions: validated (fleetSettingsSchema), numbered from a PostgreSQL sequence
 * (global and increasing, whichever back office process assigns it), stored, and published retained
 * at QoS 1 on the target's topic, so a terminal connecting later still gets the latest one. The row
 * is committed only after the broker acknowledged the message: a version the terminals never could
 * receive is not recorded as issued.
 */
import type { MqttClient } from 'mqtt';
import type { Pool } from 'pg';
import { WIRE_VERSION, configTargetSchema, configTopic, configVersionSchema, fleetSettingsSchema, type ConfigVersion } from '../fleet/wire';
import type { ConfigPublished } from './api-types';
import { BackOfficeConfigInvalid } from './errors';
import { inTransaction } from './migrations';

export async function publishConfig(
  pool: Pool,
  mqtt: MqttClient,
  prefix: string,
  input: { target: unknown; settings: unknown },
  by: string,
): Promise<ConfigPublished> {
  const target = configTargetSchema.safeParse(input.target);
  if (!target.success)
    throw new BackOfficeConfigInvalid(`target: ${target.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const settings = fleetSettingsSchema.safeParse(input.settings);
  if (!settings.success)
    throw new BackOfficeConfigInvalid(`settings: ${settings.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const topic = configTopic(prefix, target.data);
  const client = await pool.connect();
  try {
    return await inTransaction(client, async () => {
      const version = Number((await client.query<{ v: string }>("SELECT nextval('config_version_seq') AS v")).rows[0]!.v);
      const message: ConfigVersion = configVersionSchema.parse({
        v: WIRE_VERSION,
        version,
        issuedAt: new Date().toISOString(),
        target: target.data,
        settings: settings.data,
      });
      const t = target.data;
      await client.query(
        'INSERT INTO config_version (version, target_kind, target_name, topic, settings, issued_by) VALUES ($1, $2, $3, $4, $5, $6)',
        [
          version,
          t.kind,
          t.kind === 'group' ? t.group : t.kind === 'terminal' ? t.terminal : null,
          topic,
          JSON.stringify(settings.data),
          by,
        ],
      );
      await mqtt.publishAsync(topic, JSON.stringify(message), { qos: 1, retain: true });
      return { version, topic };
    });
  } finally {
    client.release();
  }
}

export async function listConfigVersions(pool: Pool, limit = 50): Promise<unknown[]> {
  const r = await pool.query(
    'SELECT version, target_kind, target_name, topic, settings, issued_at, issued_by FROM config_version ORDER BY version DESC LIMIT $1',
    [limit],
  );
  return r.rows.map((x) => ({
    version: Number(x.version),
    target:
      x.target_kind === 'all'
        ? { kind: 'all' }
        : x.target_kind === 'group'
          ? { kind: 'group', group: x.target_name }
          : { kind: 'terminal', terminal: x.target_name },
    topic: x.topic,
    settings: x.settings,
    issuedAt: (x.issued_at as Date).toISOString(),
    issuedBy: x.issued_by,
  }));
}
