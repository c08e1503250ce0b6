/**
 * The back office in one process: a PostgreSQL pool, N broker consumers sharing the subscription,
 * a publisher connection for configuration versions and resend requests, the alerts job, the resend
 * job (resend.ts: asks a terminal to ship again what the broker lost) and the web server.
 */
import mqtt from 'mqtt';
import pg from 'pg';
import { DEFAULT_TOPIC_PREFIX } from '../fleet/wire';
import { DEFAULT_ALERT_RULES, refreshAlerts, type AlertRules } from './alerts';
import { mqttOptions, startConsumer, type BrokerOptions, type Consumer } from './consumer';
import { BackOfficeNotMigrated } from './errors';
import { startHttp, type BackOfficeHttp } from './http';
import type { BackOfficeLog } from './log';
import { pendingMigrations } from './migrations';
import { startResendJob, type ResendJob, type ResendRules } from './resend';

export interface BackOfficeOptions {
  broker: BrokerOptions;
  databaseUrl: string;
  prefix?: string;
  /** how many consumers this process runs (each its own connection in the share group) */
  consumers?: number;
  /** stable client ids: `<clientIdBase>-<n>`; two processes need different bases */
  clientIdBase?: string;
  shareGroup?: string;
  http?: { host: string; port: number; staticDir: string } | null;
  alerts?: AlertRules;
  alertEveryMs?: number;
  /** when to ask a terminal to ship again (resend.ts DEFAULT_RESEND_RULES) */
  resend?: Partial<ResendRules>;
  log: BackOfficeLog;
}

export interface BackOffice {
  readonly pool: pg.Pool;
  readonly consumers: readonly Consumer[];
  readonly http: BackOfficeHttp | null;
  readonly resend: ResendJob;
  refreshAlerts(): Promise<void>;
  /** every consumer subscribed (the broker may be down at start: this waits for it) */
  subscribed(): Promise<void>;
  close(): Promise<void>;
}

export const ALERT_EVERY_MS = 15_000;

export function createPool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  pool.on('error', () => undefined); // an idle client's connection dropped: the next query reconnects
  return pool;
}

export async function startBackOffice(o: BackOfficeOptions): Promise<BackOffice> {
  const prefix = o.prefix ?? DEFAULT_TOPIC_PREFIX;
  const pool = createPool(o.databaseUrl);
  try {
    const pending = await pendingMigrations(pool);
    if (pending.length > 0) throw new BackOfficeNotMigrated(pending);
  } catch (e) {
    await pool.end();
    throw e;
  }
  const rules = o.alerts ?? DEFAULT_ALERT_RULES;
  let alertsRunning: Promise<void> | null = null;
  const runAlerts = (): Promise<void> =>
    (alertsRunning ??= refreshAlerts(pool, rules)
      .catch((e: unknown) => o.log.error('fleet-alerts-failed', { message: (e as Error).message }))
      .finally(() => (alertsRunning = null)));
  const base = o.clientIdBase ?? 'sportello-backoffice';
  const consumers = Array.from({ length: Math.max(1, o.consumers ?? 1) }, (_, i) =>
    startConsumer({
      broker: o.broker,
      pool,
      prefix,
      clientId: `${base}-${i + 1}`,
      shareGroup: o.shareGroup,
      log: o.log,
      onStatus: () => void runAlerts(),
    }),
  );
  // Configuration versions go out on their own clean connection (nothing to receive).
  const publisher = mqtt.connect(o.broker.url, mqttOptions(o.broker, `${base}-publisher-${process.pid}`, false));
  publisher.on('error', (e) => o.log.warn('fleet-broker-error', { clientId: 'publisher', message: e.message }));
  const timer = setInterval(() => void runAlerts(), o.alertEveryMs ?? ALERT_EVERY_MS);
  timer.unref();
  const resend = startResendJob({ pool, mqtt: publisher, prefix, log: o.log, rules: o.resend });
  let http: BackOfficeHttp | null = null;
  if (o.http) {
    try {
      http = await startHttp({
        pool,
        resendRequested: resend.requested,
        mqtt: publisher,
        prefix,
        staticDir: o.http.staticDir,
        log: o.log,
        host: o.http.host,
        port: o.http.port,
      });
    } catch (e) {
      clearInterval(timer);
      await resend.close();
      await Promise.all(consumers.map((c) => c.close()));
      await publisher.endAsync(true);
      await pool.end();
      throw e;
    }
  }
  return {
    pool,
    consumers,
    http,
    resend,
    refreshAlerts: runAlerts,
    subscribed: async () => void (await Promise.all(consumers.map((c) => c.subscribed))),
    close: async () => {
      clearInterval(timer);
      await resend.close();
      await http?.close();
      await Promise.all(consumers.map((c) => c.close()));
      await publisher.endAsync(true);
      await alertsRunning;
      await pool.end();
    },
  };
}
