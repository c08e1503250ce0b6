// --db: a real SQLite file keeps positions, sessions, outcomes, idempotency records and the clock across a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../../support/tmp';
import { startSimulator } from '../../../sim/simulator';
import { assertFault, assertOk, body, call, newKey } from './soap-client';
import { CF, N } from './fixtures';

test('a restart with the same database continues where the simulator stopped', async (t) => {
  const db = join(tempDir(t, 'sportello-sim-'), 'sim.sqlite');
  const first = await startSimulator({ db });
  const c = first.credentials;
  const activateKey = newKey();
  const activate = body.activate(c, { fc: CF, nn: N.single, amount: '120.00', key: activateKey, v2: true });
  const open = await call(first, activate);
  assertOk(open);
  const paid = await call(first, body.activate(c, { fc: CF, nn: N.canteen, amount: '45.50' }));
  const outcome = body.outcome(c, { token: paid.res.paymentToken, outcome: 'OK', key: newKey(), details: { fee: '1.10' } });
  assertOk(await call(first, outcome));
  const created = first.addPosition({
    fiscalCode: CF,
    companyName: 'Comune di Borgo Esempio',
    paymentDescription: 'Creata prima del riavvio',
    transfers: [{ amountCents: 700, iban: 'IT60X0542811101000000123456', remittanceInformation: 'Prova' }],
  });
  first.advanceClock(60_000);
  await first.close();

  const second = await startSimulator({ db });
  t.after(() => second.close());
  assert.equal(second.clockOffsetMs(), 60_000, 'the simulated clock is kept');
  assert.equal(second.position(CF, N.single)?.state, 'in-progress');
  assert.equal(second.position(CF, N.canteen)?.state, 'paid');
  assert.equal(second.position(CF, N.canteen)?.sessions[0]?.received.length, 1);
  assert.equal(second.position(CF, created.noticeNumber)?.paymentDescription, 'Creata prima del riavvio');

  // idempotency records survived: the same activation replays the same token
  const replay = await call(second, activate);
  assert.equal(replay.res.paymentToken, open.res.paymentToken);
  assertOk(await call(second, outcome));
  // the session survived: its outcome is accepted, and a repeat is already acquired
  assertOk(await call(second, body.outcomeV2(c, { tokens: [open.res.paymentToken], outcome: 'OK', details: {} })));
  assertFault(await call(second, body.outcome(c, { token: paid.res.paymentToken, outcome: 'KO' })), 'PPT_ESITO_GIA_ACQUISITO');
});

test('a database written by a newer schema is refused, not overwritten', async (t) => {
  const db = join(tempDir(t, 'sportello-sim-'), 'newer.sqlite');
  const raw = new Database(db);
  raw.pragma('user_version = 99');
  raw.close();
  await assert.rejects(startSimulator({ db }), (e: Error & { code?: string }) => e.code === 'SIM_DB' && /newer/.test(e.message));
});
