/**
 * One broker consumer: an MQTT 5 client with a stable id and a persistent session (clean: false, a
 * long session expiry), subscribed to the back office's shared subscriptions at QoS 1. The broker
 * keeps what arrives while the back office is down and hands it over when it returns; several
 * consumers (here or in other processes) in the same share group split the terminals' messages.
 *
 * Acknowledgement after storage: mqtt.js sends a QoS 1 PUBACK only once `handleMessage` calls back,
 * and hands over the next message only then. The message is stored (its transaction committed)
 * before calling back, so a crash before the commit leaves it unacknowledged and the broker
 * redelivers it; storage is idempotent, so a crash between commit and PUBACK is harmless too.
 * A message that fails validation is logged and acknowledged (dropped): redelivering it would
 * never make it valid. A database error is retried until it succeeds or the consumer closes.
 */
import mqtt, { type IClientOptions, type ISubscriptionMap, type MqttClient } from 'mqtt';
import type { Pool } from 'pg';
import { backOfficeTopics, journalBatchSchema, parseTerminalTopic, terminalStatusSchema } from '../fleet/wire';
import type { BackOfficeLog } from './log';
import { storeJournalBatch, storeStatus } from './store';

export interface BrokerOptions {
  url: string;
  username?: string;
  password?: string;
  /** PEM text: the broker's CA, and this back office's client certificate and key (mutual TLS) */
  ca?: string;
  cert?: string;
  key?: string;
}

export interface ConsumerOptions {
  broker: BrokerOptions;
  pool: Pool;
  prefix: string;
  clientId: string;
  shareGroup?: string;
  log: BackOfficeLog;
  /** after a status is stored (alerts may change) */
  onStatus?: (terminal: string) => void;
}

export interface Consumer {
  readonly client: MqttClient;
  /** resolves once the subscriptions are in place (a fresh session subscribed, or an old one resumed) */
  readonly subscribed: Promise<void>;
  /** messages handled (stored or dropped) since start */
  readonly handled: () => number;
  /** store attempts that failed (and were retried) since start */
  readonly failures: () => number;
  close(): Promise<void>;
}

/** A week: messages wait that long for a back office that is down. */
export const SESSION_EXPIRY_S = 7 * 24 * 3600;

export function mqttOptions(b: BrokerOptions, clientId: string, persistent: boolean): IClientOptions {
  return {
    clientId,
    protocolVersion: 5,
    clean: !persistent,
    ...(persistent ? { properties: { sessionExpiryInterval: SESSION_EXPIRY_S } } : {}),
    reconnectPeriod: 1_000,
    connectTimeout: 10_000,
    ...(b.username !== undefined ? { username: b.username } : {}),
    ...(b.password !== undefined ? { password: b.password } : {}),
    ...(b.ca ? { ca: b.ca } : {}),
    ...(b.cert ? { cert: b.cert } : {}),
    ...(b.key ? { key: b.key } : {}),
  };
}

export function startConsumer(o: ConsumerOptions): Consumer {
  const client = mqtt.connect(o.broker.url, mqttOptions(o.broker, o.clientId, true));
  let closing = false;
  let count = 0;
  let failed = 0;
  let markSubscribed = (): void => undefined;
  const subscribed = new Promise<void>((resolve) => (markSubscribed = resolve));
  client.on('connect', (ack) => {
    // Subscribed on every connect, even when the broker says it kept the session: mosquitto 2.0
    // restores a persistent session from its file after a restart but not its shared
    // subscriptions, so trusting sessionPresent left the back office deaf after a broker restart
    // (test/integration/fleet/system.test.ts). Subscribing again to the same filter is harmless.
    // `resubscribe: true` because mqtt.js otherwise skips a filter it believes subscribed already.
    const topics = Object.fromEntries(backOfficeTopics(o.prefix, o.shareGroup).map((t) => [t, { qos: 1 as const }]));
    client.subscribe({ ...topics, resubscribe: true } as ISubscriptionMap, (e) => {
      if (e) o.log.error('fleet-subscribe-failed', { clientId: o.clientId, message: e.message });
      else markSubscribed();
    });
    o.log.info('fleet-consumer-connected', { clientId: o.clientId, sessionPresent: ack.sessionPresent });
  });
  client.on('error', (e) => o.log.warn('fleet-broker-error', { clientId: o.clientId, message: e.message }));

  const handle = async (topic: string, payload: Buffer): Promise<void> => {
    const where = parseTerminalTopic(o.prefix, topic);
    if (!where) return o.log.warn('fleet-message-dropped', { topic, reason: 'not a terminal topic' });
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      return o.log.warn('fleet-message-dropped', { topic, reason: 'not JSON' });
    }
    const schema = where.stream === 'journal' ? journalBatchSchema : terminalStatusSchema;
    const parsed = schema.safeParse(body);
    if (!parsed.success) return o.log.warn('fleet-message-dropped', { topic, reason: parsed.error.issues[0]?.message ?? 'invalid' });
    if (parsed.data.terminal !== where.terminal)
      return o.log.warn('fleet-message-dropped', { topic, reason: 'terminal differs from its topic' });
    for (let attempt = 0; ; attempt++) {
      try {
        if (where.stream === 'journal') {
          const r = await storeJournalBatch(o.pool, parsed.data as never);
          if (r.broken) o.log.warn('fleet-chain-broken', { terminal: where.terminal, seq: r.broken.seq, reason: r.broken.reason });
        } else {
          await storeStatus(o.pool, parsed.data as never);
          o.onStatus?.(where.terminal);
        }
        return;
      } catch (e) {
        if (e instanceof Error && e.message === 'an entry has no valid time')
          return o.log.warn('fleet-message-dropped', { topic, reason: e.message });
        failed++;
        if (closing) throw e;
        o.log.error('fleet-store-failed', { topic, attempt, message: (e as Error).message });
        await new Promise((r) => setTimeout(r, Math.min(30_000, 250 * 2 ** Math.min(attempt, 7))).unref());
        if (closing) throw e;
      }
    }
  };

  // In order, one at a time; PUBACK only after `done` (see the module comment).
  client.handleMessage = (packet, done) => {
    if (packet.cmd !== 'publish') return done();
    handle(packet.topic, Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload)).then(
      () => {
        count++;
        if (!closing) done();
      },
      () => undefined, // closing: left unacknowledged, the broker delivers it again
    );
  };

  return {
    client,
    subscribed,
    handled: () => count,
    failures: () => failed,
    close: async () => {
      closing = true;
      await client.endAsync(true);
    },
  };
}
