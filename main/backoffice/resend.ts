/**
 * Asking terminals to ship again what the broker acknowledged but the back office never received.
 * The terminal's cursor moves on the broker's PUBACK, and a PUBACK is not proof of delivery: a
 * broker SIGKILLed before it saved an acknowledged batch loses it, and a restarted mosquitto 2.0
 * does not restore the back office's shared subscriptions, so batches a terminal publishes before
 * the consumers subscribe again are acknowledged and dropped. Nothing on the terminal would send
 * them again; this job notices and asks.
 *
 * For each terminal whose chain is not broken, a request is due when its verified head stands
 * still (unchanged for `stallMs`) while
 * - entries are held beyond it (a gap: later batches arrived, earlier ones did not), or
 * - its latest status says `journal.shippedSeq` is past it (entries lost at the tail).
 * The request `{ fromSeq: head + 1 }` goes to `<prefix>/t/<t>/resend` (QoS 1, not retained) and is
 * repeated at most every `repeatMs` while the condition holds, so a request lost with the broker is
 * asked again. It expires at the broker after `repeatMs` (MQTT 5 message expiry): a terminal offline
 * for days does not find a pile of old requests, only the newest. A spurious request (a status that
 * overtook its journal batch in the queue) only costs a duplicate batch: storage is idempotent.
 * The head is read from PostgreSQL, so this works alongside any number of consumers; two back office
 * processes would both ask, which is harmless for the same reason.
 */
import type { MqttClient } from 'mqtt';
import type { Pool } from 'pg';
import { resendTopic, WIRE_VERSION, type ResendRequest } from '../fleet/wire';
import type { BackOfficeLog } from './log';

export interface ResendRules {
  /** how long the head must stand still before asking */
  stallMs: number;
  /** at most one request per terminal this often while the condition holds */
  repeatMs: number;
  /** how often the job looks */
  checkMs: number;
}

export const DEFAULT_RESEND_RULES: ResendRules = { stallMs: 5_000, repeatMs: 10_000, checkMs: 1_000 };

interface Watch {
  head: number;
  since: number;
  askedAt: number;
}

export interface ResendJob {
  /** requests published since start */
  readonly requested: () => number;
  /** one look now (the timer calls it; tests may too) */
  check(): Promise<void>;
  close(): Promise<void>;
}

interface Row {
  terminal: string;
  head_seq: string;
  max_seq: string;
  shipped_seq: string | null;
}

export function startResendJob(o: {
  pool: Pool;
  mqtt: MqttClient;
  prefix: string;
  log: BackOfficeLog;
  rules?: Partial<ResendRules>;
  now?: () => number;
}): ResendJob {
  const rules = { ...DEFAULT_RESEND_RULES, ...o.rules };
  const now = o.now ?? Date.now;
  const watches = new Map<string, Watch>();
  let requested = 0;
  let running: Promise<void> | null = null;

  const look = async (): Promise<void> => {
    // Every terminal known by a status or a chain; a terminal with a status and no entry has head 0.
    const rows = (
      await o.pool.query<Row>(
        `SELECT t.id AS terminal, COALESCE(c.head_seq, 0) AS head_seq, COALESCE(c.max_seq, 0) AS max_seq,
                (s.detail->'journal'->>'shippedSeq') AS shipped_seq
         FROM terminal t
         LEFT JOIN chain_state c ON c.terminal = t.id
         LEFT JOIN terminal_status s ON s.terminal = t.id
         WHERE c.broken_seq IS NULL`,
      )
    ).rows;
    const t = now();
    for (const r of rows) {
      const head = Number(r.head_seq);
      const shipped = r.shipped_seq === null ? 0 : Number(r.shipped_seq);
      const behind = Number(r.max_seq) > head || (Number.isSafeInteger(shipped) && shipped > head);
      let w = watches.get(r.terminal);
      if (!w || w.head !== head) watches.set(r.terminal, (w = { head, since: t, askedAt: w?.askedAt ?? 0 }));
      if (!behind || t - w.since < rules.stallMs || t - w.askedAt < rules.repeatMs) continue;
      if (!o.mqtt.connected) continue; // asked at the next look after the broker returns
      w.askedAt = t;
      const request: ResendRequest = { v: WIRE_VERSION, terminal: r.terminal, fromSeq: head + 1, requestedAt: new Date(t).toISOString() };
      const reason = Number(r.max_seq) > head ? 'gap' : 'status-ahead';
      o.mqtt.publish(
        resendTopic(o.prefix, r.terminal),
        JSON.stringify(request),
        { qos: 1, retain: false, properties: { messageExpiryInterval: Math.max(1, Math.ceil(rules.repeatMs / 1_000)) } },
        (e) => {
          if (e) o.log.warn('fleet-resend-publish-failed', { terminal: r.terminal, message: e.message });
        },
      );
      requested++;
      o.log.warn('fleet-resend-requested', {
        terminal: r.terminal,
        fromSeq: head + 1,
        reason,
        maxSeq: Number(r.max_seq),
        shippedSeq: shipped,
      });
    }
  };

  const check = (): Promise<void> =>
    (running ??= look()
      .catch((e: unknown) => o.log.error('fleet-resend-check-failed', { message: (e as Error).message }))
      .finally(() => (running = null)));
  const timer = setInterval(() => void check(), rules.checkMs);
  timer.unref();
  return {
    requested: () => requested,
    check,
    close: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
