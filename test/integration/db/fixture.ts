// Shared set-up for the db integration tests: a real database file in a temp folder, a clock the
// test moves by hand and predictable ids.
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { openDatabase } from '../../../db/index';
import type { OpenOptions, SportelloDatabase } from '../../../db/index';
import { tempDir } from '../../support/tmp';

export const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);

export interface Fixture {
  db: SportelloDatabase;
  path: string;
  dir: string;
  clock: { now(): number; set(ms: number): void; advance(ms: number): void };
  reopen(opts?: OpenOptions): SportelloDatabase;
}

export function freshDb(t: TestContext, opts: OpenOptions = {}): Fixture {
  const dir = tempDir(t, 'sportello-db-');
  const path = join(dir, 'sportello.db');
  let now = T0;
  let seq = 0;
  const clock = { now: () => now, set: (ms: number) => void (now = ms), advance: (ms: number) => void (now += ms) };
  const open = (more: OpenOptions = {}) => openDatabase(path, { clock: clock.now, newId: () => `id-${++seq}`, ...opts, ...more });
  const fx: Fixture = {
    db: open(),
    path,
    dir,
    clock,
    reopen(more) {
      fx.db.close();
      fx.db = open(more);
      return fx.db;
    },
  };
  t.after(() => fx.db.close());
  return fx;
}

/** A session with one activated notice per token, as the engine leaves it before the tender. */
export function activatedSession(db: SportelloDatabase, tokens: Array<{ token: string; expiresAtMs: number; amountCents?: number }>) {
  const session = db.sessions.create({ state: 'activated', kind: 'counter', terminalId: 'T-01', operatorId: 'op-1' });
  const notices = tokens.map((t, i) => {
    const n = db.notices.add(session.id, {
      position: i + 1,
      payloadKind: 'qr',
      payloadAmountCents: t.amountCents ?? 1000,
      fiscalCode: '77777777777',
      noticeNumber: `30200010000000${String(9400 + i)}`,
      phase: 'verified',
    });
    return db.notices.recordActivation(n.id, {
      paymentToken: t.token,
      expiresAtMs: t.expiresAtMs,
      durationMs: 900_000,
      creditorReferenceId: `0200010000000${String(9400 + i)}`,
      totalAmountCents: t.amountCents ?? 1000,
      fiscalCodePA: '77777777777',
      companyName: 'Comune di Prova',
      description: 'TARI 2026',
      transfers: [
        { idTransfer: 1, transferAmountCents: t.amountCents ?? 1000, fiscalCodePA: '77777777777', iban: 'IT60X0542811101000000123456' },
      ],
      suggestedUserFeeCents: null,
      suggestedPaFeeCents: null,
      suggestedIdBundle: null,
      suggestedIdCiBundle: null,
    });
  });
  return { session, notices };
}
