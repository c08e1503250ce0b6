/**
 * The terminal's status as the fleet sees it (wire.ts `terminalStatusSchema`): the outbox (depth,
 * nearest token deadline, stalled and parked), open payments, devices and printer, clock sanity,
 * software and configuration version, journal head against what the broker acknowledged, and what
 * was collected today per creditor.
 *
 * `today` adds up the `tender-submitted` journal entries of the Europe/Rome day: each names the
 * notices it paid with their creditor and amount (main/engine/engine.ts journalPayload), and the
 * tender row the X report sums (shift/report.ts, payments.amountCents) is written in the same
 * transaction with the same notices' total, so the two agree; the back office totals the same
 * entries it received, so all three agree.
 */
import type { SportelloDatabase } from '../../../db';
import type { Core } from '../../core/core';
import type { DeviceStatus } from '../../contract/events';
import { outboxStatus } from '../outbox/view';
import { sportelloVersion } from '../version';
import { WIRE_VERSION } from '../../fleet/wire';
import type { TerminalStatus } from '../../fleet/wire';

const ROME_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });
export const romeDate = (ms: number): string => ROME_DATE.format(new Date(ms));

type Detail = NonNullable<TerminalStatus['detail']>;
export type CreditorTotal = Detail['today'][number];

interface TenderNotice {
  fiscalCode?: unknown;
  amountCents?: unknown;
}

/** Per-creditor totals of the tenders journaled on the Rome calendar day of `nowMs`, by fiscal code. */
export function todayByCreditor(db: Pick<SportelloDatabase, 'journal'>, nowMs: number): CreditorTotal[] {
  const day = romeDate(nowMs);
  // A Rome day lies within 26 hours before its end; entries are then filtered by their Rome date.
  const from = new Date(nowMs - 26 * 3_600_000).toISOString();
  const totals = new Map<string, { payments: number; cents: number }>();
  let beforeSeq: number | undefined;
  for (;;) {
    const page = db.journal.search({ kinds: ['tender-submitted'], from, limit: 500, ...(beforeSeq ? { beforeSeq } : {}) });
    for (const e of page.entries) {
      if (romeDate(Date.parse(e.at)) !== day) continue;
      const notices = (e.payload as { notices?: TenderNotice[] } | null)?.notices ?? [];
      for (const n of notices) {
        if (typeof n.fiscalCode !== 'string' || typeof n.amountCents !== 'number') continue;
        const t = totals.get(n.fiscalCode) ?? { payments: 0, cents: 0 };
        t.payments += 1;
        t.cents += n.amountCents;
        totals.set(n.fiscalCode, t);
      }
    }
    if (page.nextBeforeSeq === null) break;
    beforeSeq = page.nextBeforeSeq;
  }
  return [...totals]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(0, 500)
    .map(([fiscalCode, t]) => ({ fiscalCode, payments: t.payments, cents: t.cents }));
}

/** Sessions holding a customer's payment before its tender or closing (config-apply.ts waits for none). */
export const OPEN_PAYMENT_STATES = ['cart', 'activating', 'activated', 'needs-decision'] as const;

export function openPayments(core: Pick<Core, 'db' | 'engine'>): number {
  let open = 0;
  for (const rec of core.db.sessions.listByState(OPEN_PAYMENT_STATES)) {
    const s = core.engine.get(rec.id);
    if (s.status === 'cart' && s.notices.length === 0) continue; // an empty cart holds nothing
    if (s.status === 'needs-decision' && s.tender !== null) continue; // money taken: waiting for a person, not a customer
    open++;
  }
  return open;
}

export interface StatusInputs {
  core: Core;
  group: string | null;
  configVersion: number | null;
  shippedSeq: number;
  devices: () => DeviceStatus;
  printer: () => string | null;
  /** Cached per journal head by the caller: the journal is only read again when it grew. */
  today: CreditorTotal[];
}

export function buildStatus(i: StatusInputs): TerminalStatus {
  const { core } = i;
  const outbox = outboxStatus(core.db);
  const clock = core.clockGuard.status();
  const dev = i.devices();
  const devices = [
    ...dev.scanners.map((s) => ({ kind: `scanner-${s.kind}`, name: s.name, state: s.status })),
    ...dev.printers.map((p) => ({ kind: 'printer', name: p.name, state: p.status })),
    ...(dev.cardTerminals ?? []).map((c) => ({ kind: 'card-terminal', name: c.name, state: c.status })),
  ]
    .slice(0, 32)
    .map((d) => ({ kind: d.kind.slice(0, 40), name: d.name.slice(0, 120), state: String(d.state).slice(0, 40) }));
  return {
    v: WIRE_VERSION,
    terminal: core.config.terminal.id,
    online: true,
    at: new Date(core.engine.now()).toISOString(),
    detail: {
      kind: core.config.terminal.kind,
      group: i.group,
      softwareVersion: sportelloVersion().slice(0, 40),
      configVersion: i.configVersion,
      outbox: {
        depth: outbox.depth,
        nearestDeadline: outbox.oldestDeadlineMs === null ? null : new Date(outbox.oldestDeadlineMs).toISOString(),
        stalled: outbox.stalled,
        parked: outbox.parked,
      },
      openSessions: openPayments(core),
      devices,
      printer: i.printer(),
      clock: { plausible: clock.plausible, wallMs: Math.trunc(clock.wallMs) },
      journal: { headSeq: core.db.journal.head()?.seq ?? 0, shippedSeq: i.shippedSeq },
      today: i.today,
    },
  };
}
