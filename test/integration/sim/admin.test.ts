// The JSON admin API over real HTTP: positions, clock, log, reset, health, creditor stations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adminJson, assertFault, assertOk, body, call, newKey, type Parsed } from './soap-client';
import { CF, N, startSim } from './fixtures';

const NEW_POSITION = {
  fiscalCode: '12312312312',
  companyName: 'Comune di Prova',
  paymentDescription: 'Contravvenzione 2026/1',
  dueDate: '2026-12-31',
  transfers: [
    { amountCents: 4000, iban: 'IT60X0542811101000000123456', remittanceInformation: 'Contravvenzione 2026/1' },
    {
      amountCents: 1234,
      fiscalCodePA: '66666666666',
      companyName: 'Regione Esempio',
      iban: 'IT02L1234512345123456789012',
      remittanceInformation: 'Quota regionale',
    },
  ],
};

test('POST /admin/positions creates a payable position (notice number minted when absent) that the SOAP side serves', async (t) => {
  const sim = await startSim(t);
  const created = await adminJson(sim, 'POST', '/positions', NEW_POSITION);
  assert.equal(created.status, 201);
  const nn = created.body.noticeNumber as string;
  assert.match(nn, /^301\d{15}$/);
  assert.equal(created.body.amountCents, 5234);
  assert.equal(created.body.qrText, `PAGOPA|002|${nn}|12312312312|5234`);
  assert.equal(created.body.creditorReferenceId, nn.slice(1));

  const v = await call(sim, body.verify(sim.credentials, '12312312312', nn));
  assertOk(v);
  assert.equal(v.res.paymentList.paymentOptionDescription[0].amount, '52.34');

  const dup = await adminJson(sim, 'POST', '/positions', { ...NEW_POSITION, noticeNumber: nn });
  assert.equal(dup.status, 409);
});

test('POST /admin/positions refuses bad input with 400 and says what is wrong', async (t) => {
  const sim = await startSim(t);
  const bad: Array<[unknown, RegExp]> = [
    [{ ...NEW_POSITION, fiscalCode: '123' }, /fiscalCode/],
    [{ ...NEW_POSITION, transfers: [] }, /transfers/],
    [{ ...NEW_POSITION, transfers: [{ amountCents: 10, remittanceInformation: 'x' }] }, /exactly one of iban and marcaDaBollo/],
    [
      { ...NEW_POSITION, transfers: [{ amountCents: 1.5, iban: 'IT60X0542811101000000123456', remittanceInformation: 'x' }] },
      /amountCents/,
    ],
    [{ ...NEW_POSITION, transfers: Array(6).fill(NEW_POSITION.transfers[0]) }, /transfers/],
    [{ ...NEW_POSITION, dueDate: '2026-02-30' }, /dueDate/],
    [{ ...NEW_POSITION, noticeNumber: '12' }, /noticeNumber/],
    [{ ...NEW_POSITION, colour: 'red' }, /colour/],
    ['{not json', /JSON/],
  ];
  for (const [input, mentions] of bad) {
    const r = await adminJson(sim, 'POST', '/positions', input);
    assert.equal(r.status, 400, JSON.stringify(input));
    assert.match(r.body.error, mentions);
  }
  assert.equal(sim.positions().filter((p) => p.origin === 'admin').length, 0);
});

test('GET /admin/positions/:fc/:nn shows the sessions, their tokens and every outcome received', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const a = await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', key: newKey() }));
  await call(sim, body.outcome(c, { token: a.res.paymentToken, outcome: 'OK' }));
  await call(sim, body.outcome(c, { token: a.res.paymentToken, outcome: 'OK', details: { fee: '0.90' } }));
  const r = await adminJson(sim, 'GET', `/positions/${CF}/${N.single}`);
  assert.equal(r.status, 200);
  assert.equal(r.body.state, 'paid');
  const [s] = r.body.sessions;
  assert.equal(s.paymentToken, a.res.paymentToken);
  assert.equal(s.status, 'closed-ok');
  assert.deepEqual(
    s.received.map((x: { outcome: string; answer: string }) => [x.outcome, x.answer]),
    [
      ['OK', 'PPT_SEMANTICA'],
      ['OK', 'OK'],
    ],
  );
  assert.equal(s.acquired.feeCents, 90);
  assert.equal((await adminJson(sim, 'GET', `/positions/${CF}/000000000000000000`)).status, 404);
  const list = await adminJson(sim, 'GET', '/positions');
  assert.equal(list.body.positions.length, 14);
  assert.equal(list.body.absent.length, 2);
});

test('POST /admin/clock moves simulated time; bad input is 400', async (t) => {
  const sim = await startSim(t);
  const before = (await adminJson(sim, 'GET', '/clock')).body;
  assert.equal(before.offsetMs, 0);
  const after = await adminJson(sim, 'POST', '/clock', { advanceMs: 3_600_000 });
  assert.equal(after.status, 200);
  assert.equal(after.body.offsetMs, 3_600_000);
  assert.ok(after.body.nowMs - before.nowMs >= 3_600_000);
  for (const bad of [{ advanceMs: -1 }, { advanceMs: 'soon' }, {}]) assert.equal((await adminJson(sim, 'POST', '/clock', bad)).status, 400);
});

test('GET /admin/log lists every SOAP request in order with key fields and never the password', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const key = newKey();
  const a = await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', key }));
  await call(sim, body.outcomeV2(c, { tokens: [a.res.paymentToken], outcome: 'KO', key: newKey() }));
  await call(sim, body.verify({ ...c, password: 'wrongpassword' }, CF, N.single));
  const r = await adminJson(sim, 'GET', '/log');
  const entries = r.body.entries as Parsed[];
  assert.deepEqual(
    entries.map((e) => [e.seq, e.operation, e.outcome, e.faultCode ?? null]),
    [
      [1, 'activatePaymentNotice', 'OK', null],
      [2, 'sendPaymentOutcomeV2', 'OK', null],
      [3, 'verifyPaymentNotice', 'KO', 'PPT_AUTENTICAZIONE'],
    ],
  );
  assert.deepEqual(entries[0]?.request, {
    idPSP: c.idPSP,
    idChannel: c.idChannel,
    fiscalCode: CF,
    noticeNumber: N.single,
    idempotencyKey: key,
    amount: '120.00',
  });
  assert.equal(entries[0]?.paymentToken, a.res.paymentToken);
  assert.deepEqual(entries[1]?.request.paymentTokens, [a.res.paymentToken]);
  assert.equal(entries[1]?.request.outcome, 'KO');
  const text = JSON.stringify(r.body);
  assert.ok(!text.includes(c.password) && !text.includes('wrongpassword'), 'no password in the log');
  assert.equal((await adminJson(sim, 'GET', '/log?since=2')).body.entries.length, 1);
});

test('POST /admin/reset goes back to the seed: positions, sessions, clock, faults and log', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const a = await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00' }));
  await call(sim, body.outcome(c, { token: a.res.paymentToken, outcome: 'OK', details: {} }));
  await adminJson(sim, 'POST', '/positions', NEW_POSITION);
  sim.advanceClock(1000);
  sim.injectFaults({ kind: 'http503', primitive: 'verifyPaymentNotice' });
  const r = await adminJson(sim, 'POST', '/reset');
  assert.equal(r.status, 200);
  assert.equal(sim.position(CF, N.single)?.state, 'payable');
  assert.equal(sim.position(CF, N.single)?.sessions.length, 0);
  assert.equal(sim.positions().length, 14);
  assert.equal(sim.clockOffsetMs(), 0);
  assert.equal(sim.log().length, 0);
  assertFault(await call(sim, body.outcome(c, { token: a.res.paymentToken, outcome: 'OK', details: {} })), 'PPT_TOKEN_SCONOSCIUTO');
});

test('GET /admin/health, PUT /admin/creditors/:fc to take a station down, 404 for unknown routes', async (t) => {
  const sim = await startSim(t);
  const h = await adminJson(sim, 'GET', '/health');
  assert.equal(h.body.status, 'ok');
  assert.equal(h.body.url, sim.url);
  assert.equal((await adminJson(sim, 'PUT', `/creditors/${CF}`, { station: 'unreachable' })).status, 200);
  assertFault(await call(sim, body.verify(sim.credentials, CF, N.single)), 'PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE');
  await adminJson(sim, 'PUT', `/creditors/${CF}`, { station: 'online' });
  assertOk(await call(sim, body.verify(sim.credentials, CF, N.single)));
  assert.equal((await adminJson(sim, 'PUT', `/creditors/${CF}`, { station: 'sleepy' })).status, 400);
  assert.equal((await adminJson(sim, 'PUT', '/creditors/00000000000', { station: 'online' })).status, 400);
  assert.equal((await adminJson(sim, 'GET', '/nothing')).status, 404);
});
