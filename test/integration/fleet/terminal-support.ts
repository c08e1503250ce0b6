/**
 * For the terminal side's fleet tests: a real demo core (its own simulator, SQLite in a temp folder)
 * with the fleet shipper running fast (100 ms polls, quick reconnects), a listener that plays the back
 * office on the real broker (every journal batch and status checked with the wire schemas), and a
 * wait that polls a condition (the deadline only fails a test that would otherwise hang).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import mqtt, { type MqttClient } from 'mqtt';
import { startCore } from '../../../main/core/core';
import type { Core } from '../../../main/core/core';
import { createCoreApi } from '../../../main/api/core-api';
import type { CoreApi } from '../../../main/api/core-api';
import { GENESIS_HASH, entryHash } from '../../../db/repos/journal';
import { journalBatchSchema, journalTopic, statusTopic, terminalStatusSchema } from '../../../main/fleet/wire';
import type { TerminalStatus, WireJournalEntry } from '../../../main/fleet/wire';
import type { FleetConfigureRequest } from '../../../main/contract/technician/fleet-calls';
import { tempDir } from '../../support/tmp';
import { value } from '../contract/counter-fixture';

type T = { after(fn: () => unknown): void };

export function uniquePrefix(): string {
  return `tt${randomBytes(4).toString('hex')}`;
}

export async function until<V>(
  what: string,
  fn: () => V | null | undefined | false | Promise<V | null | undefined | false>,
  deadlineMs = 30_000,
): Promise<V> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) assert.fail(`waited ${deadlineMs} ms for ${what}`);
    await sleep(50);
  }
}

export interface Terminal {
  core: Core;
  api: CoreApi;
  dir: string;
  close(): Promise<void>;
}

export const FAST = { pollMs: 100, statusEveryMs: 60_000, reconnectMs: 200 };

export async function startTerminal(t: T, opts: { dir?: string } = {}): Promise<Terminal> {
  const dir = opts.dir ?? tempDir(t, 'sportello-fleet-');
  const core = await startCore({ env: { SPORTELLO_DATA_DIR: dir, SPORTELLO_CONFIG: join(dir, 'config.json') } });
  const api = createCoreApi(core, { fleet: FAST });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    api.close();
    await api.closed();
    await core.close();
  };
  t.after(close);
  return { core, api, dir, close };
}

export function fleetSettings(brokerUrl: string, prefix: string, extra: Partial<FleetConfigureRequest> = {}): FleetConfigureRequest {
  return { enabled: true, brokerUrl, username: null, clientCert: null, ca: null, topicPrefix: prefix, group: null, ...extra };
}

export async function fleetStatus(term: Pick<Terminal, 'api'>) {
  return value(await term.api.call('fleet.status', {}));
}

export async function enableFleet(term: Terminal, settings: FleetConfigureRequest): Promise<void> {
  value(await term.api.call('fleet.configure', settings));
}

/** The back office's view of one terminal on the broker: every journal entry received (duplicates counted) and the statuses. */
export class Listener {
  readonly received: WireJournalEntry[] = [];
  readonly statuses: TerminalStatus[] = [];
  private constructor(private readonly client: MqttClient) {}

  static async open(t: T, url: string, prefix: string, terminal: string): Promise<Listener> {
    const client = await mqtt.connectAsync(url, {
      protocolVersion: 5,
      clientId: `listener-${randomBytes(4).toString('hex')}`,
      clean: false,
      properties: { sessionExpiryInterval: 3_600 },
      reconnectPeriod: 200,
    });
    const l = new Listener(client);
    client.on('message', (topic, payload) => {
      const json: unknown = JSON.parse(payload.toString('utf8'));
      if (topic === journalTopic(prefix, terminal)) l.received.push(...journalBatchSchema.parse(json).entries);
      else if (topic === statusTopic(prefix, terminal)) l.statuses.push(terminalStatusSchema.parse(json));
    });
    await client.subscribeAsync([journalTopic(prefix, terminal), statusTopic(prefix, terminal)], { qos: 1 });
    t.after(() => client.endAsync(true));
    return l;
  }

  /** Each seq once, in order, however often it came. */
  distinct(): WireJournalEntry[] {
    const bySeq = new Map<number, WireJournalEntry>();
    for (const e of this.received) if (!bySeq.has(e.seq)) bySeq.set(e.seq, e);
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  lastStatus(): TerminalStatus | undefined {
    return this.statuses.at(-1);
  }
}

/** seq 1..n without a gap, each hash recomputed from its fields and chained to the one before. */
export function assertChain(entries: readonly WireJournalEntry[]): void {
  let prev = GENESIS_HASH;
  entries.forEach((e, i) => {
    assert.equal(e.seq, i + 1, 'no gap');
    assert.equal(e.prevHash, prev, `entry ${e.seq} chained to the one before`);
    assert.equal(entryHash(e.prevHash, e), e.hash, `entry ${e.seq} hash`);
    prev = e.hash;
  });
}
