/**
 * The fleet on the terminal (issue 16): ships the journal to the PSP's MQTT broker, publishes the
 * terminal's status and receives configuration versions. Off by default; the technician turns it on
 * (`fleet.configure`). Everything here runs on timers and MQTT callbacks beside the payment path:
 * nothing of it is awaited by a payment, a broker that is down or slow never throws into the engine,
 * and a failed write of the cursor is retried at the next tick.
 *
 * Shipping, exactly once in effect: MQTT 5 with a persistent session (clean: false, a week's session
 * expiry) and QoS 1. Entries after the cursor (store.ts `fleet.shipped`) go out in batches of
 * consecutive entries (at most MAX_BATCH), one batch in flight at a time so order is kept; the cursor
 * moves to the batch's last seq only when the broker's PUBACK arrives, in a write of its own. After a
 * crash the unacknowledged batch is sent again (the back office keeps (terminal, seq) once).
 *
 * A PUBACK is not proof the back office gets the batch (a broker killed before saving it, or one
 * restarted that delivered it before the back office subscribed again). The back office then asks
 * on `<prefix>/t/<t>/resend` (main/fleet/wire.ts) and the cursor moves back to ship from there.
 */
import { readFileSync } from 'node:fs';
import mqtt from 'mqtt';
import type { IClientOptions, ISubscriptionMap, MqttClient } from 'mqtt';
import type { Core } from '../../core/core';
import type { DeviceStatus } from '../../contract/events';
import type { FleetConfigureRequest, FleetStatus, FleetStoredSettings } from '../../contract/technician/fleet-calls';
import {
  configTopicsFor,
  configVersionSchema,
  journalTopic,
  MAX_BATCH,
  resendRequestSchema,
  resendTopic,
  statusTopic,
  WIRE_VERSION,
} from '../../fleet/wire';
import type { JournalBatch, TerminalStatus } from '../../fleet/wire';
import { secretScrubber } from '../secrets';
import { applyPending, applyStoredOverrides, receiveVersion } from './config-apply';
import { buildStatus, romeDate, todayByCreditor } from './status';
import type { CreditorTotal } from './status';
import {
  readConfigState,
  readCursor,
  readFleetSecret,
  readFleetSettings,
  rewindCursor,
  writeConfigState,
  writeCursor,
  writeFleetSecret,
  writeFleetSettings,
} from './store';

/** A week: a terminal offline for days still finds its session (and its configuration messages) at the broker. */
export const SESSION_EXPIRY_S = 7 * 24 * 3_600;
export const POLL_MS = 500;
export const STATUS_EVERY_MS = 60_000;
/** Reconnects start after this and double up to MAX_RECONNECT_MS while the broker stays away. */
export const RECONNECT_MS = 1_000;
export const MAX_RECONNECT_MS = 60_000;

export interface FleetServiceOptions {
  devices: () => DeviceStatus;
  /** The receipt printer's state (none, ready, unknown, problem), null without a printer. */
  printer: () => string | null;
  pollMs?: number;
  statusEveryMs?: number;
  reconnectMs?: number;
}

const isPem = (v: string) => v.startsWith('-----BEGIN');
const pem = (v: string): string => (isPem(v) ? v : readFileSync(v, 'utf8'));

/** scheme://host:port only: what status and the log show of the broker. */
export function brokerShown(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(invalid address)';
  }
}

export class FleetService {
  private client: MqttClient | null = null;
  private settings: FleetStoredSettings | null = null;
  private connected = false;
  private lastError: string | null = null;
  private lastAckAt: string | null;
  /** Acknowledged by the broker (memory) and written to the cursor (may lag after a storage fault). */
  private shipped: number;
  private persisted: number;
  private inFlight = false;
  private applying = false;
  private timer: NodeJS.Timeout | null = null;
  private lastStatusText = '';
  private lastStatusAt = 0;
  private lastLookAt = 0;
  private today: { head: number; day: string; totals: CreditorTotal[] } | null = null;
  private scrub: (text: string) => string = (t) => t;
  private reconnectMs: number;
  private running = false;
  private generation = 0;
  private seenInvalid = new Set<string>();
  /** Bumped by every rewind: a PUBACK for a batch sent before it must not move the cursor forward again. */
  private rewinds = 0;
  /** The last rewind: shipping again from `from` up to `until` (the cursor before it). */
  private resending: { from: number; until: number } | null = null;

  constructor(
    private readonly core: Core,
    private readonly opts: FleetServiceOptions,
  ) {
    // What earlier versions set is in force whether or not the fleet runs now.
    applyStoredOverrides(core);
    const cursor = readCursor(core.db);
    this.shipped = this.persisted = cursor.seq;
    this.lastAckAt = cursor.at;
    this.reconnectMs = opts.reconnectMs ?? RECONNECT_MS;
  }

  /** Connects when the technician enabled it; a call while running restarts with the stored settings. */
  async start(): Promise<void> {
    await this.stop();
    this.running = true;
    const generation = ++this.generation;
    const settings = readFleetSettings(this.core.db);
    this.settings = settings;
    // Configuration versions already received are applied even with the broker away.
    this.timer = setInterval(() => this.tick(), this.opts.pollMs ?? POLL_MS);
    this.timer.unref();
    if (!settings?.enabled) return;
    let options: IClientOptions;
    try {
      options = await this.clientOptions(settings);
    } catch (e) {
      this.fail('fleet-settings-unusable', e);
      return;
    }
    if (generation !== this.generation) return; // stopped or restarted meanwhile
    const client = mqtt.connect(settings.brokerUrl, options);
    this.client = client;
    const shown = brokerShown(settings.brokerUrl);
    client.on('connect', (ack) => {
      this.connected = true;
      this.lastError = null;
      client.options.reconnectPeriod = this.reconnectMs;
      this.core.log.info('fleet-connected', { broker: shown, sessionPresent: ack.sessionPresent });
      this.subscribe(client, settings);
      this.lastStatusText = ''; // publish now: the broker may hold the last will
      this.tick();
    });
    client.on('close', () => {
      if (this.connected) this.core.log.warn('fleet-disconnected', { broker: shown });
      this.connected = false;
      // Backoff: each failed attempt waits twice as long, up to a minute.
      client.options.reconnectPeriod = Math.min(MAX_RECONNECT_MS, Math.max(this.reconnectMs, (client.options.reconnectPeriod ?? 0) * 2));
    });
    client.on('error', (e) => this.fail('fleet-error', e));
    const resend = resendTopic(settings.topicPrefix, this.core.config.terminal.id);
    client.on('message', (topic, payload) => (topic === resend ? this.onResend(payload) : this.onConfig(topic, payload)));
  }

  /** Stops shipping; a clean stop marks the terminal offline itself (a crash leaves it to the last will). */
  async stop(): Promise<void> {
    this.generation++;
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    this.connected = false;
    this.inFlight = false;
    if (!client) return;
    try {
      if (client.connected && this.settings)
        await client.publishAsync(statusTopic(this.settings.topicPrefix, this.core.config.terminal.id), JSON.stringify(this.offline()), {
          qos: 1,
          retain: true,
        });
    } catch {
      // going away anyway
    }
    await client.endAsync(true).catch(() => undefined);
  }

  status(): FleetStatus {
    const settings = readFleetSettings(this.core.db);
    const head = this.core.db.journal.head()?.seq ?? 0;
    const config = readConfigState(this.core.db);
    return {
      enabled: settings?.enabled ?? false,
      connected: this.connected,
      settings,
      hasPassword: false,
      hasClientKey: false,
      broker: settings ? brokerShown(settings.brokerUrl) : null,
      lastAckAt: this.lastAckAt,
      shippedSeq: this.shipped,
      headSeq: head,
      backlog: Math.max(0, head - this.shipped),
      lastError: this.lastError,
      configVersion: config.running,
      pendingConfigVersion: config.pending.at(-1)?.version ?? null,
    };
  }

  /** With whether each secret is stored (never the values). */
  async fullStatus(): Promise<FleetStatus> {
    const place = { dataDir: this.core.dataDir, secrets: this.core.secrets };
    return {
      ...this.status(),
      hasPassword: (await readFleetSecret(place, 'password')) !== null,
      hasClientKey: (await readFleetSecret(place, 'clientKey')) !== null,
    };
  }

  /** The technician's settings: stored, journaled, and in force at once when this API runs the fleet. */
  async configure(req: FleetConfigureRequest, restart: boolean): Promise<FleetStatus> {
    const { password, clearPassword, clientKey, clearClientKey, ...stored } = req;
    const place = { dataDir: this.core.dataDir, secrets: this.core.secrets };
    if (clearPassword) await writeFleetSecret(place, 'password', null);
    else if (password) await writeFleetSecret(place, 'password', password);
    if (clearClientKey) await writeFleetSecret(place, 'clientKey', null);
    else if (clientKey) await writeFleetSecret(place, 'clientKey', clientKey);
    this.core.db.transaction(() => {
      writeFleetSettings(this.core.db, stored);
      this.core.db.journal.append('fleet-configured', {
        enabled: stored.enabled,
        broker: brokerShown(stored.brokerUrl),
        topicPrefix: stored.topicPrefix,
        group: stored.group,
        tls: stored.clientCert !== null,
      });
    });
    this.core.log.info('fleet-configured', { enabled: stored.enabled, broker: brokerShown(stored.brokerUrl) });
    if (restart) await this.start();
    return this.fullStatus();
  }

  // --- inside ----------------------------------------------------------------------------------

  private async clientOptions(s: FleetStoredSettings): Promise<IClientOptions> {
    const place = { dataDir: this.core.dataDir, secrets: this.core.secrets };
    const password = await readFleetSecret(place, 'password');
    const key = await readFleetSecret(place, 'clientKey');
    this.scrub = secretScrubber([password ?? '', key ?? '']);
    const terminal = this.core.config.terminal.id;
    return {
      protocolVersion: 5,
      clientId: terminal,
      clean: false,
      properties: { sessionExpiryInterval: SESSION_EXPIRY_S },
      keepalive: 30,
      reconnectPeriod: this.reconnectMs,
      connectTimeout: 10_000,
      resubscribe: true,
      ...(s.username ? { username: s.username } : {}),
      ...(password ? { password } : {}),
      ...(s.clientCert ? { cert: pem(s.clientCert) } : {}),
      ...(key ? { key: pem(key) } : {}),
      ...(s.ca ? { ca: pem(s.ca) } : {}),
      rejectUnauthorized: true,
      will: { topic: statusTopic(s.topicPrefix, terminal), payload: Buffer.from(JSON.stringify(this.offline())), qos: 1, retain: true },
    };
  }

  private offline(): TerminalStatus {
    return { v: WIRE_VERSION, terminal: this.core.config.terminal.id, online: false, at: new Date(this.core.engine.now()).toISOString() };
  }

  /**
   * On every connect, with `resubscribe: true`: mqtt.js otherwise skips a filter it believes
   * subscribed already (it remembers it from the first connect), and resubscribes by itself only
   * when the broker says it kept no session; a broker that restored the session from its file but
   * not every subscription would leave the terminal deaf to configuration and resend requests.
   * Subscribing again to the same filter is harmless (a retained configuration seen again is
   * ignored by its version number).
   */
  private subscribe(client: MqttClient, s: FleetStoredSettings): void {
    const terminal = this.core.config.terminal.id;
    const topics = [...configTopicsFor(s.topicPrefix, terminal, s.group), resendTopic(s.topicPrefix, terminal)];
    const map = Object.fromEntries(topics.map((t) => [t, { qos: 1 as const }]));
    client.subscribe({ ...map, resubscribe: true } as ISubscriptionMap, (e) => {
      if (e) this.fail('fleet-subscribe-failed', e);
    });
  }

  /**
   * The back office asks for entries again from `fromSeq`: the cursor moves back to `fromSeq - 1`
   * (persisted) and shipping goes on from there. A request beyond the cursor (fromSeq > cursor + 1)
   * asks for what was never acknowledged and is ignored: shipping gets there anyway. A request
   * while a rewind to an earlier or equal seq is still being shipped again is the same request
   * repeated (the back office asks every few seconds while its head stands still) and ignored too.
   * Not journaled: a rewind changes no fact of the terminal's record, only how far its copy has
   * travelled; and an entry for it would itself have to be shipped, so repeated requests would grow
   * the journal they are about. The log keeps it.
   */
  private onResend(payload: Buffer): void {
    try {
      let json: unknown;
      try {
        json = JSON.parse(payload.toString('utf8'));
      } catch {
        json = undefined;
      }
      const parsed = resendRequestSchema.safeParse(json);
      const terminal = this.core.config.terminal.id;
      if (!parsed.success || parsed.data.terminal !== terminal) {
        const reason = parsed.success ? 'another terminal' : (parsed.error.issues[0]?.message ?? 'invalid');
        this.core.log.warn('fleet-resend-invalid', { reason: reason.slice(0, 300) });
        return;
      }
      const { fromSeq } = parsed.data;
      if (fromSeq > this.shipped + 1) {
        this.core.log.info('fleet-resend-ignored', { fromSeq, shippedSeq: this.shipped, reason: 'beyond the cursor' });
        return;
      }
      if (this.resending && this.shipped < this.resending.until && fromSeq >= this.resending.from) {
        this.core.log.info('fleet-resend-ignored', { fromSeq, shippedSeq: this.shipped, reason: 'already resending' });
        return;
      }
      const before = this.shipped;
      rewindCursor(this.core.db, fromSeq - 1);
      this.shipped = this.persisted = Math.min(this.shipped, fromSeq - 1);
      this.rewinds++;
      this.inFlight = false; // an ack of the batch in flight no longer moves the cursor (rewinds changed)
      this.resending = { from: fromSeq, until: before };
      this.core.log.warn('fleet-resend', { fromSeq, shippedSeq: before, requestedAt: parsed.data.requestedAt });
      this.lastStatusText = ''; // the status says the cursor moved back
      setImmediate(() => this.tick());
    } catch (e) {
      this.fail('fleet-resend-failed', e);
    }
  }

  private fail(event: string, e: unknown): void {
    const message = this.scrub(e instanceof Error ? e.message : String(e)).slice(0, 500);
    if (message !== this.lastError) this.core.log.warn(event, { message, code: (e as { code?: unknown })?.code ?? null });
    this.lastError = message;
  }

  private tick(): void {
    if (!this.running) return;
    try {
      this.persistCursor();
      void this.applyConfig();
      if (!this.connected || !this.client || !this.settings) return;
      this.shipNext(this.client, this.settings);
      this.publishStatus(this.client, this.settings);
    } catch (e) {
      this.fail('fleet-tick-failed', e);
    }
  }

  /** A cursor write that failed (disk full, database busy) is tried again; memory already moved on. */
  private persistCursor(): void {
    if (this.persisted >= this.shipped) return;
    try {
      writeCursor(this.core.db, { seq: this.shipped, at: this.lastAckAt });
      this.persisted = this.shipped;
    } catch (e) {
      this.fail('fleet-cursor-write-failed', e);
    }
  }

  private shipNext(client: MqttClient, s: FleetStoredSettings): void {
    if (this.inFlight) return;
    const entries = this.core.db.journal.list(this.shipped, MAX_BATCH);
    if (entries.length === 0) return;
    const terminal = this.core.config.terminal.id;
    const batch: JournalBatch = { v: WIRE_VERSION, terminal, sentAt: new Date(this.core.engine.now()).toISOString(), entries };
    const last = entries[entries.length - 1]!.seq;
    const generation = this.generation;
    const rewinds = this.rewinds;
    this.inFlight = true;
    client.publish(journalTopic(s.topicPrefix, terminal), JSON.stringify(batch), { qos: 1 }, (e) => {
      if (generation !== this.generation) return; // a stop or restart: the next start reads the cursor again
      if (rewinds !== this.rewinds) return; // sent before a rewind: shipping goes on from the rewound cursor
      this.inFlight = false;
      if (e) {
        this.fail('fleet-publish-failed', e);
        return;
      }
      // The broker has the batch: the cursor moves, in its own write.
      this.shipped = Math.max(this.shipped, last);
      this.lastAckAt = new Date(this.core.engine.now()).toISOString();
      this.persistCursor();
      if (this.connected) setImmediate(() => this.tick());
    });
  }

  private publishStatus(client: MqttClient, s: FleetStoredSettings): void {
    const now = Date.now();
    // At most one look a second: building the status reads the outbox, the sessions and the journal.
    if (now - this.lastLookAt < 1_000 && this.lastStatusText !== '') return;
    this.lastLookAt = now;
    const head = this.core.db.journal.head()?.seq ?? 0;
    const day = romeDate(this.core.engine.now()); // the totals start again at Rome's midnight
    if (!this.today || this.today.head !== head || this.today.day !== day)
      this.today = { head, day, totals: todayByCreditor(this.core.db, this.core.engine.now()) };
    const status = buildStatus({
      core: this.core,
      group: s.group,
      configVersion: readConfigState(this.core.db).running,
      shippedSeq: this.shipped,
      devices: this.opts.devices,
      printer: this.opts.printer,
      today: this.today.totals,
    });
    // What changed, without the times that change on every look.
    const text = JSON.stringify({ ...status.detail, clock: { plausible: status.detail!.clock.plausible } });
    const every = this.opts.statusEveryMs ?? STATUS_EVERY_MS;
    const changed = text !== this.lastStatusText;
    if (!changed && now - this.lastStatusAt < every) return;
    this.lastStatusText = text;
    this.lastStatusAt = now;
    client.publish(statusTopic(s.topicPrefix, this.core.config.terminal.id), JSON.stringify(status), { qos: 1, retain: true }, (e) => {
      if (e) this.fail('fleet-status-failed', e);
    });
  }

  private onConfig(topic: string, payload: Buffer): void {
    try {
      let json: unknown;
      try {
        json = JSON.parse(payload.toString('utf8'));
      } catch {
        json = undefined;
      }
      const parsed = configVersionSchema.safeParse(json);
      if (!parsed.success) {
        this.refuseInvalid(topic, json, parsed.error.issues[0]);
        return;
      }
      const r = receiveVersion(this.core, this.settings?.group ?? null, parsed.data);
      if (r.outcome === 'refused') this.core.log.warn('fleet-config-refused', { version: parsed.data.version, reason: r.reason });
      if (r.outcome === 'pending') {
        this.core.log.info('fleet-config-received', { version: parsed.data.version });
        void this.applyConfig();
      }
    } catch (e) {
      this.fail('fleet-config-failed', e);
    }
  }

  /** A message that is not a configuration version: journaled once per version number it claims, logged once otherwise. */
  private refuseInvalid(topic: string, json: unknown, issue: { path: PropertyKey[]; message: string } | undefined): void {
    const reason = `invalid: ${issue ? `${issue.path.join('.') || '(message)'} ${issue.message}` : 'not JSON'}`.slice(0, 300);
    const version = (json as { version?: unknown } | undefined)?.version;
    const state = readConfigState(this.core.db);
    if (typeof version === 'number' && Number.isSafeInteger(version) && version > state.highestSeen) {
      this.core.db.transaction(() => {
        writeConfigState(this.core.db, { ...state, highestSeen: version });
        this.core.db.journal.append('fleet-config-refused', { version, topic: topic.slice(0, 200), reason });
      });
      this.core.log.warn('fleet-config-refused', { version, reason });
      return;
    }
    const key = `${topic} ${reason}`;
    if (this.seenInvalid.has(key)) return;
    this.seenInvalid.add(key);
    this.core.log.warn('fleet-config-invalid', { topic: topic.slice(0, 200), reason });
  }

  private async applyConfig(): Promise<void> {
    if (this.applying) return;
    this.applying = true;
    try {
      const version = await applyPending(this.core);
      if (version !== null) {
        this.core.log.info('fleet-config-applied', { version });
        this.lastStatusText = ''; // the status names the version running
      }
    } catch (e) {
      this.fail('fleet-config-apply-failed', e);
    } finally {
      this.applying = false;
    }
  }
}
