/**
 * The diagnostics bundle a technician saves and sends to support: configuration without secrets,
 * versions, devices, database integrity, the journal chain, the outbox, recent delivery failures,
 * the last journal kinds (no payloads: they are payment data) and the newest lines of the core's log
 * (main/log: already redacted, bounded to 2,000 lines and 512 KB), or why there are none. Every string
 * goes through the secret scrubber once more before it leaves.
 */
import { arch, platform, release } from 'node:os';
import { redactConfig } from '../../config';
import type { Core } from '../../core/core';
import { redactEndpoint } from '../../node';
import { CONTRACT_VERSION } from '../../contract/calls';
import { outboxMessageView } from '../outbox/view';
import type { DeviceList } from './devices';

const RECENT_MESSAGES = 50;
const RECENT_JOURNAL = 100;

export interface DiagnosticsInput {
  core: Core;
  sportelloVersion: string;
  devices: DeviceList;
  extra: Record<string, unknown>;
  scrub: (s: string) => string;
  now: number;
}

export function diagnosticsBundle(d: DiagnosticsInput): { filename: string; content: string } {
  const { core } = d;
  const config = redactConfig(core.config);
  config.node.endpoint = redactEndpoint(new URL(config.node.endpoint));
  const integrity = core.db.sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>;
  const journal = core.db.journal.verify();
  const messages = core.db.outbox.list({ limit: RECENT_MESSAGES });
  const bundle = {
    generatedAt: new Date(d.now).toISOString(),
    mode: core.mode,
    versions: {
      sportello: d.sportelloVersion,
      contract: CONTRACT_VERSION,
      databaseSchema: core.db.schemaVersion,
      node: process.versions.node,
      v8: process.versions.v8,
      electron: process.versions.electron ?? null,
      platform: platform(),
      release: release(),
      arch: arch(),
    },
    dataDir: core.dataDir,
    config,
    devices: d.devices,
    ...d.extra,
    database: { path: core.db.path, integrity: integrity.map((r) => r.integrity_check), journal },
    outbox: {
      depth: core.db.outbox.pending(),
      recent: messages.map((m) => ({ ...outboxMessageView(m), attempts: core.db.outbox.attempts(m.id).slice(-5) })),
    },
    journal: lastJournal(core, journal.ok ? journal.count : null),
    recovery: core.recovery,
    logs: logSection(core),
  };
  const stamp = new Date(d.now).toISOString().replace(/[:.]/g, '-');
  return {
    filename: `sportello-diagnostics-${core.config.terminal.id}-${stamp}.json`,
    content: d.scrub(JSON.stringify(bundle, null, 2)) + '\n',
  };
}

/** The newest journal entries, kind and time only. */
function lastJournal(core: Core, count: number | null): Array<{ seq: number; at: string; kind: string }> {
  // A broken chain has no trusted count: its first entries are still worth reading.
  const from = count === null ? 0 : Math.max(0, count - RECENT_JOURNAL);
  return core.db.journal.list(from, RECENT_JOURNAL).map((e) => ({ seq: e.seq, at: e.at, kind: e.kind }));
}

/**
 * The log's newest lines, oldest first, and whether older ones were left out; `unavailable` says why
 * the file is not being written (an unwritable directory, a full disk) when it is not.
 */
function logSection(core: Core): { level: string; file: string; unavailable: string | null; truncated: boolean; lines: string[] } {
  const { path, unavailable } = core.log.file();
  const { lines, truncated } = core.log.tail();
  return { level: core.log.level(), file: path, unavailable, truncated, lines };
}
