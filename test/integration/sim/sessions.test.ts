// Session rules on the simulated clock: expiry, late outcomes, repeated outcomes, idempotency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adminJson, assertFault, assertOk, body, call, newKey } from './soap-client';
import { CF, N, startSim } from './fixtures';

const MIN = 60_000;

test('an expired session holds the notice until the cancel job runs: then verify and activate work again', async (t) => {
  const sim = await startSim(t, { cancelJobMs: 2 * MIN });
  const c = sim.credentials;
  const a = await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', expirationTime: 5 * MIN }));
  assertOk(a);
  sim.advanceClock(4 * MIN);
  assertFault(await call(sim, body.verify(c, CF, N.single)), 'PPT_PAGAMENTO_IN_CORSO');
  sim.advanceClock(MIN);
  // expired, but the job has not run yet: still in progress
  assertFault(await call(sim, body.verify(c, CF, N.single)), 'PPT_PAGAMENTO_IN_CORSO');
  const held = sim.position(CF, N.single);
  assert.equal(held?.sessions[0]?.status, 'expired');
  assert.equal(held?.sessions[0]?.holdsNotice, true);
  assert.equal(held?.state, 'in-progress');
  sim.advanceClock(2 * MIN);
  assertOk(await call(sim, body.verify(c, CF, N.single)));
  assert.equal(sim.position(CF, N.single)?.sessions[0]?.holdsNotice, false);
  assertOk(await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00' })));
});

test('the cancel job can be run now: POST /admin/cancel-job releases every expired token at once', async (t) => {
  const sim = await startSim(t, { cancelJobMs: 0 });
  const c = sim.credentials;
  assertOk(await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', expirationTime: MIN })));
  assertOk(await call(sim, body.activate(c, { fc: CF, nn: N.canteen, amount: '45.50', expirationTime: 10 * MIN })));
  sim.advanceClock(60 * MIN - 1);
  assert.equal(sim.position(CF, N.canteen)?.state, 'in-progress', 'period 0: the job never runs by itself');
  sim.advanceClock(1);
  const r = await adminJson(sim, 'POST', '/cancel-job');
  assert.equal(r.status, 200);
  assert.equal(r.body.released, 2);
  assert.equal(sim.position(CF, N.single)?.state, 'payable');
  assert.equal(sim.position(CF, N.canteen)?.state, 'payable');
  assert.equal((await adminJson(sim, 'POST', '/cancel-job')).body.released, 0, 'nothing left to release');
});

test('the default token validity is the configured node default', async (t) => {
  const sim = await startSim(t, { tokenMs: 10 * MIN });
  const c = sim.credentials;
  const a = await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00' }));
  const s = sim.position(CF, N.single)?.sessions[0];
  assert.equal(Date.parse(s?.expiresAt ?? '') - Date.parse(s?.activatedAt ?? ''), 10 * MIN);
  sim.advanceClock(10 * MIN);
  sim.runCancelJob();
  assertFault(await call(sim, body.outcome(c, { token: a.res.paymentToken, outcome: 'KO' })), 'PPT_TOKEN_SCADUTO_KO');
});

test('late OK: PPT_TOKEN_SCADUTO, and the notice still ends PAID, recorded as late', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const a = await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', expirationTime: MIN }));
  sim.advanceClock(2 * MIN); // expiry + the default cancel job period
  const f = assertFault(
    await call(sim, body.outcome(c, { token: a.res.paymentToken, outcome: 'OK', key: newKey(), details: {} })),
    'PPT_TOKEN_SCADUTO',
  );
  assert.equal(f.faultString, 'paymentToken is expired');
  const p = sim.position(CF, N.single);
  assert.equal(p?.state, 'paid');
  assert.equal(p?.paid?.late, true);
  assert.equal(p?.paid?.paymentToken, a.res.paymentToken);
  assert.equal(p?.sessions[0]?.status, 'paid-late');
  assertFault(await call(sim, body.verify(c, CF, N.single)), 'PPT_PAGAMENTO_DUPLICATO');
});

test('late OK after another payment closed the notice: PPT_PAGAMENTO_DUPLICATO, the first payment stands', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const first = await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', expirationTime: MIN }));
  sim.advanceClock(2 * MIN); // expiry + the default cancel job period
  const second = await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', key: newKey() }));
  assertOk(second);
  assertOk(await call(sim, body.outcome(c, { token: second.res.paymentToken, outcome: 'OK', details: {} })));
  assertFault(await call(sim, body.outcome(c, { token: first.res.paymentToken, outcome: 'OK', details: {} })), 'PPT_PAGAMENTO_DUPLICATO');
  const p = sim.position(CF, N.single);
  assert.equal(p?.paid?.paymentToken, second.res.paymentToken);
  assert.equal(p?.paid?.late, false);
  assert.equal(p?.sessions[0]?.status, 'expired');
});

test('late KO: PPT_TOKEN_SCADUTO_KO and nothing changes', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const a = await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', expirationTime: MIN }));
  sim.advanceClock(MIN + 1);
  sim.runCancelJob();
  assertFault(await call(sim, body.outcomeV2(c, { tokens: [a.res.paymentToken], outcome: 'KO' })), 'PPT_TOKEN_SCADUTO_KO');
  const p = sim.position(CF, N.single);
  assert.equal(p?.state, 'payable');
  assert.equal(p?.sessions[0]?.status, 'expired');
  assert.equal(p?.sessions[0]?.acquired, undefined);
});

test('a second outcome without the same key: PPT_ESITO_GIA_ACQUISITO, "Esito concorde" or "Esito discorde" with the first as JSON', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const a = await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00' }));
  const token = a.res.paymentToken as string;
  assertOk(
    await call(sim, body.outcome(c, { token, outcome: 'OK', key: newKey(), details: { fee: '2.50', applicationDate: '2026-02-01' } })),
  );

  const same = assertFault(
    await call(sim, body.outcome(c, { token, outcome: 'OK', key: newKey(), details: { fee: '2.50' } })),
    'PPT_ESITO_GIA_ACQUISITO',
  );
  const m = /^Esito concorde: (\{.*\})$/.exec(same.description ?? '');
  assert.ok(m, same.description);
  const first = JSON.parse(m[1] as string);
  assert.equal(first.outcome, 'OK');
  assert.equal(first.paymentToken, token);
  assert.match(m[1] as string, /"fee":2\.50,/, 'the fee as a JSON number, as the PSP wrote it');
  assert.equal(first.applicationDate, '2026-02-01');
  assert.equal(first.paymentChannel, 'frontOffice');
  assert.equal(first.payerEntityUniqueIdentifierValue, 'RSSMRA80A01H501U');
  assert.deepEqual(Object.keys(first), [...Object.keys(first)].sort(), 'keys in alphabetical order');

  const other = assertFault(await call(sim, body.outcomeV2(c, { tokens: [token], outcome: 'KO' })), 'PPT_ESITO_GIA_ACQUISITO');
  assert.match(other.description ?? '', /^Esito discorde: \{.*"outcome":"OK".*\}$/);
  assert.equal(sim.position(CF, N.single)?.state, 'paid', 'the first outcome stands');
});

test('idempotency: same key and parameters replay the first answer verbatim; other parameters get PPT_ERRORE_IDEMPOTENZA', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const key = newKey();
  const req = body.activate(c, { fc: CF, nn: N.single, amount: '120.00', key, v2: true });
  const first = await call(sim, req);
  assertOk(first);
  const again = await call(sim, req);
  assert.equal(bodyOf(again.text), bodyOf(first.text), 'verbatim replay');
  assert.equal(sim.position(CF, N.single)?.sessions.length, 1, 'no second session');
  const log = sim.log();
  assert.equal(log.at(-1)?.replayed, true);

  assertFault(
    await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', key, expirationTime: 60000, v2: true })),
    'PPT_ERRORE_IDEMPOTENZA',
  );
  // the same key on another operation is also "other parameters"
  assertFault(await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', key })), 'PPT_ERRORE_IDEMPOTENZA');

  const outcomeKey = newKey();
  const outcome = body.outcome(c, { token: first.res.paymentToken, outcome: 'OK', key: outcomeKey, details: {} });
  const o1 = await call(sim, outcome);
  assertOk(o1);
  const o2 = await call(sim, outcome);
  assertOk(o2);
  assert.equal(bodyOf(o2.text), bodyOf(o1.text));
  assertFault(
    await call(sim, body.outcome(c, { token: first.res.paymentToken, outcome: 'OK', key: outcomeKey, details: { fee: '9.99' } })),
    'PPT_ERRORE_IDEMPOTENZA',
  );
  assert.equal(sim.position(CF, N.single)?.sessions[0]?.received.length, 1, 'neither the replay nor the refused reuse reached the session');
});

test('idempotency: a KO is replayed too, and a key belongs to its PSP', async (t) => {
  const other = { idPSP: 'OTHERPSP', idBrokerPSP: '98765432109', idChannel: '98765432109_01', password: 'otherpass1' };
  const sim = await startSim(t, { extraPsps: [other] });
  const c = sim.credentials;
  const key = newKey();
  const wrongPassword = body.activate({ ...c, password: 'badpassword' }, { fc: CF, nn: N.single, amount: '120.00', key });
  assertFault(await call(sim, wrongPassword), 'PPT_AUTENTICAZIONE');
  const replay = await call(sim, wrongPassword);
  assertFault(replay, 'PPT_AUTENTICAZIONE');
  assert.equal(sim.log().at(-1)?.replayed, true);
  // corrected request with the spent key: other parameters
  assertFault(await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', key })), 'PPT_ERRORE_IDEMPOTENZA');
  // the same key from another PSP is that PSP's own, new key
  const mine = await call(sim, body.activate(other, { fc: CF, nn: N.single, amount: '120.00', key }));
  assertOk(mine);
});

test('an activation key lapses once its token has an outcome, and when the token expires (then the notice is still held)', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const key = newKey();
  const req = body.activate(c, { fc: CF, nn: N.single, amount: '120.00', key });
  const a = await call(sim, req);
  assertOk(await call(sim, body.outcome(c, { token: a.res.paymentToken, outcome: 'KO' })));
  const fresh = await call(sim, req);
  assertOk(fresh);
  assert.notEqual(fresh.res.paymentToken, a.res.paymentToken, 'a new activation, not a replay');

  const key2 = newKey();
  const req2 = body.activate(c, { fc: CF, nn: N.canteen, amount: '45.50', key: key2, expirationTime: MIN });
  const b = await call(sim, req2);
  sim.advanceClock(MIN);
  sim.runCancelJob();
  // the key lapsed with its token and the job released the notice: the same request is simply new
  const after = await call(sim, req2);
  assertOk(after);
  assert.notEqual(after.res.paymentToken, b.res.paymentToken);
});

test('an activation key reused after its token expired, before the cancel job: PPT_PAGAMENTO_IN_CORSO, and that answer is kept for the key', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const req = body.activate(c, { fc: CF, nn: N.canteen, amount: '45.50', key: newKey(), expirationTime: MIN });
  assertOk(await call(sim, req));
  sim.advanceClock(MIN);
  assertFault(await call(sim, req), 'PPT_PAGAMENTO_IN_CORSO');
  sim.runCancelJob();
  // the key now names that KO answer, replayed while the key is valid (as the node keeps it in its cache)
  assertFault(await call(sim, req), 'PPT_PAGAMENTO_IN_CORSO');
  assert.equal(sim.log().at(-1)?.replayed, true);
  assertOk(await call(sim, body.activate(c, { fc: CF, nn: N.canteen, amount: '45.50', key: newKey() })));
});

function bodyOf(text: string): string {
  return text.replace(/^[\s\S]*?<soapenv:Body>/, '').replace(/<\/soapenv:Body>[\s\S]*$/, '');
}
