// The fleet as a PSP runs it, every part a real process (issue 16, "done when"): one mosquitto, one
// PostgreSQL, one node simulator, three terminals (`sportello serve`, each its own data folder and
// terminal id) paying cash and card while they ship, and the back office (`sportello fleet`). Mid-run
// the broker is SIGKILLed and restarted, a terminal is SIGKILLed and restarted, the back office is
// SIGKILLed and restarted (the broker's restart too, in a second test: what mosquitto acknowledged
// and then lost, unsaved at the SIGKILL or delivered before the back office subscribed again, comes
// back through the back office's resend request, main/backoffice/resend.ts).
// Afterwards the back office holds every journal entry of every terminal exactly once (PostgreSQL
// rows against each terminal's SQLite journal: count, seqs, hashes), each chain verifies (the back
// office's verdict, and recomputed here), and the totals per creditor and per terminal equal what
// each terminal paid and its own X report. No timed assertion: every wait
// is for a condition, with a generous bound that only fails a run that would otherwise hang.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startMosquitto, type Broker } from '../../support/mosquitto';
import { startPostgres, type Postgres } from '../../support/postgres';
import { tempDir } from '../../support/tmp';
import type { OverviewView, PaymentTotals } from '../../../main/backoffice/api-types';
import { romeToday } from '../../../main/backoffice/reports';
import { freshDatabase, uniquePrefix } from './backoffice-support';
import { assertChain } from './terminal-support';
import { BackOfficeProcess, readJournal, startSimulator, SystemTerminal, until, type Simulator } from './system-support';

const CREDITORS = ['77777777777', '66666666666', '55555555555'] as const;
const WAIT = 120_000;

describe('fleet: the whole system under faults', { timeout: 400_000 }, () => {
  let broker: Broker;
  let postgres: Postgres;
  before(async () => {
    broker = await startMosquitto();
    postgres = await startPostgres();
  });
  after(async () => {
    await broker?.close();
    await postgres?.close();
  });

  /** The whole run; `brokerRestart` adds the broker's SIGKILL and restart mid-run. */
  async function wholeFleet(t: TestContext, brokerRestart: boolean): Promise<void> {
    const prefix = uniquePrefix();
    const database = await freshDatabase(postgres);
    const sim: Simulator = await startSimulator(t, tempDir(t, 'sportello-system-sim-'));
    const terminals = ['T01', 'T02', 'T03'].map((id) => new SystemTerminal(t, id, sim));
    const backOffice = await BackOfficeProcess.create(t, broker.url, database, prefix);
    await backOffice.start();

    const enable = async (term: SystemTerminal) => {
      await term.call('fleet.configure', {
        enabled: true,
        brokerUrl: broker.url,
        username: null,
        clientCert: null,
        ca: null,
        topicPrefix: prefix,
        group: null,
      });
    };
    await Promise.all(
      terminals.map(async (term, i) => {
        await term.start();
        await enable(term);
        await term.call('shift.open', { operatorId: `op${i + 1}`, floatCents: 10_000 });
      }),
    );

    // Each terminal pays `count` notices one after another; the terminals pay at once.
    let n = 0;
    const pay = (term: SystemTerminal, count: number) =>
      (async () => {
        for (let i = 0; i < count; i++) {
          const k = n++;
          await term.pay(CREDITORS[k % CREDITORS.length]!, 1_000 + 37 * k, k % 3 === 1 ? 'card' : 'cash');
        }
      })();
    const round = (count: number, who = terminals) => Promise.all(who.map((term) => pay(term, count)));

    await round(2);

    // The broker dies (SIGKILL) while the terminals pay and ship; they keep paying without it.
    const busy = round(3);
    if (brokerRestart) {
      await until('entries in flight', () => terminals.every((x) => x.paid.length >= 3), WAIT);
      await broker.kill();
    }
    await busy;
    if (brokerRestart) await broker.start();

    // A terminal dies (SIGKILL) while shipping, the others pay on; its next life pays too.
    const [t1, t2, t3] = terminals as [SystemTerminal, SystemTerminal, SystemTerminal];
    const others = round(3, [t1, t3]);
    await pay(t2, 1);
    await t2.kill();
    await t2.start();
    await pay(t2, 2);
    await others;

    // The back office dies (SIGKILL) while the terminals ship; the broker keeps its sessions' messages.
    const more = round(3);
    await until('payments while the back office runs', () => terminals.every((x) => x.paid.length >= 10), WAIT);
    await backOffice.kill();
    await more;
    await round(1);
    await backOffice.start();

    // Every terminal shipped all it journaled; the back office verified every chain to its head. Both
    // read again on every look: a terminal may still journal (an outcome its outbox delivers late)
    // or move its cursor back (the back office's resend request) after a first look said "done".
    const heads = new Map<string, number>();
    let seen: OverviewView | null = null;
    const overview = await until(
      'every terminal shipped to its head and the back office verified every chain to it',
      async () => {
        for (const term of terminals) {
          const st = await term.call('fleet.status', {});
          if (!st.connected || st.shippedSeq !== st.headSeq) return null;
          heads.set(term.id, st.headSeq);
        }
        const o = (seen = await backOffice.get<OverviewView>('/api/overview'));
        return terminals.every((x) => o.terminals.find((v) => v.id === x.id)?.journal.headSeq === heads.get(x.id)) ? o : null;
      },
      WAIT,
    ).catch((e: Error) => {
      const state = seen?.terminals.map((v) => ({ id: v.id, head: heads.get(v.id), ...v.journal }));
      throw new Error(`${e.message}: ${JSON.stringify(state)}\nback office log:\n${backOffice.log().slice(-4_000)}`);
    });
    for (const term of terminals) {
      const v = overview.terminals.find((x) => x.id === term.id)!;
      assert.equal(v.journal.brokenSeq, null, `${term.id}: the back office found no broken link`);
      assert.equal(v.journal.gap, null, `${term.id}: no gap`);
      assert.equal(v.journal.maxSeq, heads.get(term.id), `${term.id}: nothing past the head`);
    }
    assert.deepEqual(
      overview.alerts.filter((a) => a.kind === 'broken-chain'),
      [],
      'no broken-chain alert',
    );

    // The terminals' own X reports, while they run.
    const xReports = new Map<string, number>();
    for (const term of terminals) xReports.set(term.id, (await term.call('shift.xReport', {})).payments.amountCents);

    // Stopped (SIGKILL: nothing more journaled), each journal is read from its SQLite file.
    for (const term of terminals) await term.kill();
    const pool = new pg.Pool({ connectionString: database });
    t.after(() => pool.end());
    let grand = 0;
    for (const term of terminals) {
      const local = readJournal(term.dir);
      assert.equal(local.length, heads.get(term.id), `${term.id}: the journal head seen while running is the file's`);
      assertChain(local);
      const rows = (
        await pool.query<{ seq: string; hash: string; prev_hash: string; kind: string; at_text: string }>(
          'SELECT seq, hash, prev_hash, kind, at_text FROM journal WHERE terminal = $1 ORDER BY seq',
          [term.id],
        )
      ).rows;
      assert.equal(rows.length, local.length, `${term.id}: as many rows as entries (each exactly once)`);
      assert.deepEqual(
        rows.map((r) => `${r.seq} ${r.at_text} ${r.kind} ${r.prev_hash} ${r.hash}`),
        local.map((e) => `${e.seq} ${e.at} ${e.kind} ${e.prevHash} ${e.hash}`),
        `${term.id}: the same seqs, times, kinds and hashes`,
      );
      // The chain recomputed from what PostgreSQL holds (payload as stored).
      const stored = (
        await pool.query<{
          seq: string;
          at_text: string;
          kind: string;
          session_id: string | null;
          payload: unknown;
          prev_hash: string;
          hash: string;
        }>('SELECT seq, at_text, kind, session_id, payload, prev_hash, hash FROM journal WHERE terminal = $1 ORDER BY seq', [term.id])
      ).rows;
      assertChain(
        stored.map((r) => ({
          seq: Number(r.seq),
          at: r.at_text,
          kind: r.kind,
          sessionId: r.session_id,
          payload: r.payload,
          prevHash: r.prev_hash,
          hash: r.hash,
        })),
      );

      // Per creditor: what the driver paid, what the back office derived, and the X report's total.
      const expected = new Map<string, { payments: number; cents: number }>();
      for (const p of term.paid) {
        const e = expected.get(p.fiscalCode) ?? { payments: 0, cents: 0 };
        e.payments++;
        e.cents += p.amountCents;
        expected.set(p.fiscalCode, e);
      }
      const byCreditor = (
        await pool.query<{ fiscal_code: string; payments: string; cents: string; states: string[] }>(
          `SELECT fiscal_code, count(*) AS payments, sum(amount_cents) AS cents, array_agg(DISTINCT state) AS states
           FROM payment WHERE terminal = $1 GROUP BY fiscal_code ORDER BY fiscal_code`,
          [term.id],
        )
      ).rows;
      assert.deepEqual(
        byCreditor.map((r) => [r.fiscal_code, Number(r.payments), Number(r.cents)]),
        [...expected].sort(([a], [b]) => a.localeCompare(b)).map(([fc, e]) => [fc, e.payments, e.cents]),
        `${term.id}: per-creditor totals`,
      );
      for (const r of byCreditor) assert.deepEqual(r.states, ['accepted'], `${term.id} ${r.fiscal_code}: every outcome accepted`);
      const sum = byCreditor.reduce((s, r) => s + Number(r.cents), 0);
      assert.equal(sum, xReports.get(term.id), `${term.id}: the back office's total is the X report's`);
      grand += sum;
    }
    assert.equal(
      grand,
      [...xReports.values()].reduce((a, b) => a + b, 0),
      'in sum',
    );
    // The dashboard's day totals say the same (unless the Rome day turned during the run).
    const totals = await backOffice.get<PaymentTotals>(`/api/totals?day=${romeToday()}`);
    if (totals.byTerminal.length > 0) {
      for (const term of terminals)
        assert.equal(totals.byTerminal.find((x) => x.terminal === term.id)?.cents, xReports.get(term.id), `${term.id}: /api/totals`);
      assert.equal(
        totals.byCreditor.reduce((s, c) => s + c.cents, 0),
        grand,
        '/api/totals by creditor, in sum',
      );
    }
    await backOffice.stop();
  }

  test('three terminals, one SIGKILLed, the back office SIGKILLed: every entry once, chains verify, totals match', (t) =>
    wholeFleet(t, false));

  test('the same with the broker SIGKILLed and restarted mid-run', (t) => wholeFleet(t, true));
});
