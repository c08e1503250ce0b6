/**
 * For the back office's tests: a fresh database per test (CREATE DATABASE on the file's server,
 * migrated), a fake terminal that builds a real hash chain (db/repos/journal.ts entryHash) and
 * publishes it as a terminal would (main/fleet/wire.ts topics and schemas), and a poll helper.
 */
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { GENESIS_HASH, entryHash } from '../../../db/repos/journal';
import {
  WIRE_VERSION,
  journalTopic,
  statusTopic,
  type JournalBatch,
  type TerminalStatus,
  type WireJournalEntry,
} from '../../../main/fleet/wire';
import { migrate } from '../../../main/backoffice/migrations';
import type { Postgres } from '../../support/postgres';

export async function freshDatabase(server: Postgres): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = server.url.replace(/\/sportello$/, `/${name}`);
  const pool = new pg.Pool({ connectionString: url });
  await migrate(pool);
  await pool.end();
  return url;
}

export function uniquePrefix(): string {
  return `it${randomBytes(4).toString('hex')}`;
}

/** A terminal's journal, chained as the terminal's SQLite journal chains it. */
export class FakeTerminal {
  readonly entries: WireJournalEntry[] = [];
  private client: MqttClient | null = null;
  private clock = Date.parse('2026-03-10T09:00:00.000Z');

  constructor(
    readonly id: string,
    readonly prefix: string,
  ) {}

  append(kind: string, payload: unknown, sessionId: string | null = null): WireJournalEntry {
    const prevHash = this.entries.at(-1)?.hash ?? GENESIS_HASH;
    this.clock += 1_000;
    const at = new Date(this.clock).toISOString();
    const e = {
      seq: this.entries.length + 1,
      at,
      kind,
      sessionId,
      payload,
      prevHash,
      hash: entryHash(prevHash, { at, kind, sessionId, payload }),
    };
    this.entries.push(e);
    return e;
  }

  /** A paid session: tender-submitted with its notices, then an accepted outcome for each. */
  pay(sessionId: string, notices: { fiscalCode: string; noticeNumber: string; amountCents: number }[], method = 'cash'): string[] {
    const withTokens = notices.map((n, i) => ({ noticeId: `n${i + 1}`, paymentToken: `tok-${this.id}-${sessionId}-${i + 1}`, ...n }));
    const owed = notices.reduce((s, n) => s + n.amountCents, 0);
    this.append('session-started', { kind: 'counter', operatorId: 'op1', shiftId: 'sh1' }, sessionId);
    this.append(
      'tender-submitted',
      { status: 'outcome-pending', method, noticesCents: owed, feeCents: 0, dueCents: owed, notices: withTokens },
      sessionId,
    );
    for (const n of withTokens) this.append('outcome-accepted', { status: 'paid', noticeId: n.noticeId }, sessionId);
    return withTokens.map((n) => n.paymentToken);
  }

  batch(fromSeq: number, toSeq: number): JournalBatch {
    return { v: WIRE_VERSION, terminal: this.id, sentAt: new Date().toISOString(), entries: this.entries.slice(fromSeq - 1, toSeq) };
  }

  async connect(url: string): Promise<MqttClient> {
    this.client ??= await mqtt.connectAsync(url, {
      clientId: `fake-${this.id}-${randomBytes(3).toString('hex')}`,
      protocolVersion: 5,
      reconnectPeriod: 0,
    });
    return this.client;
  }

  async publishBatch(url: string, batch: JournalBatch): Promise<void> {
    const c = await this.connect(url);
    await c.publishAsync(journalTopic(this.prefix, this.id), JSON.stringify(batch), { qos: 1 });
  }

  async publishStatus(url: string, patch: Partial<NonNullable<TerminalStatus['detail']>['outbox']> = {}, online = true): Promise<void> {
    const c = await this.connect(url);
    const status: TerminalStatus = {
      v: WIRE_VERSION,
      terminal: this.id,
      online,
      at: new Date().toISOString(),
      detail: {
        kind: 'kiosk',
        group: 'roma',
        softwareVersion: '1.0.0',
        configVersion: null,
        outbox: { depth: 0, nearestDeadline: null, stalled: 0, parked: 0, ...patch },
        openSessions: 0,
        devices: [],
        printer: 'ok',
        clock: { plausible: true, wallMs: Date.now() },
        journal: { headSeq: this.entries.length, shippedSeq: this.entries.length },
        today: [],
      },
    };
    await c.publishAsync(statusTopic(this.prefix, this.id), JSON.stringify(status), { qos: 1, retain: true });
  }

  async close(): Promise<void> {
    await this.client?.endAsync();
    this.client = null;
  }
}

/** Polls until `probe` returns a value (not undefined/false), or fails after `ms` saying what it waited for. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`still waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
