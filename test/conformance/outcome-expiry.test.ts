// Official scenarios retry_PaNew_01..09 (RetryATokenScaduto) and SEM_SPO_*: outcomes around token
// expiry, the node's cancel job (mod3CancelV2, here POST /admin/cancel-job or its period), two tokens
// racing for one notice, repeated outcomes. Tokens of 2 s as in the suite; time moves by advanceClock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CF,
  MIN,
  N,
  SEC,
  activated,
  adminJson,
  assertFault,
  assertOk,
  body,
  call,
  koOutcome,
  newKey,
  okOutcome,
  startSim,
} from './support';

const SHORT = 2 * SEC;

test('retry_PaNew_01: an OK after the token expired, before the cancel job ran, is taken: OK, notice paid', async (t) => {
  const sim = await startSim(t);
  assertOk(await call(sim, body.verify(sim.credentials, CF, N.single)));
  const token = await activated(sim, 'single', { expirationTime: SHORT });
  sim.advanceClock(SHORT);
  assertOk(await okOutcome(sim, token));
  const p = sim.position(CF, N.single);
  assert.equal(p?.state, 'paid');
  assert.deepEqual(p?.paid && { token: p.paid.paymentToken, late: p.paid.late }, { token, late: false });
  assert.equal(p?.sessions[0]?.acquired?.afterExpiry, true);
});

test('retry_PaNew_02 / SEM_SPO_12: an OK after the cancel job released the token is PPT_TOKEN_SCADUTO, and the node still settles the notice paid', async (t) => {
  const sim = await startSim(t);
  const token = await activated(sim, 'single', { expirationTime: SHORT });
  sim.advanceClock(3 * SEC);
  assert.equal((await adminJson(sim, 'POST', '/cancel-job')).body.released, 1);
  const f = assertFault(await okOutcome(sim, token), 'PPT_TOKEN_SCADUTO');
  assert.equal(f.faultString, 'paymentToken is expired');
  const p = sim.position(CF, N.single);
  assert.equal(p?.state, 'paid');
  assert.equal(p?.paid?.late, true);
  assert.equal(p?.sessions[0]?.status, 'paid-late');
});

test('retry_PaNew_03: a KO after the token expired, before the cancel job ran, is taken: OK, notice payable again', async (t) => {
  const sim = await startSim(t);
  const token = await activated(sim, 'single', { expirationTime: SHORT });
  sim.advanceClock(SHORT);
  assertOk(await koOutcome(sim, token));
  const p = sim.position(CF, N.single);
  assert.equal(p?.state, 'payable');
  assert.equal(p?.sessions[0]?.status, 'closed-ko');
});

test('retry_PaNew_04 / SEM_SPO_32: a KO after the cancel job is PPT_TOKEN_SCADUTO_KO and changes nothing', async (t) => {
  const sim = await startSim(t);
  const token = await activated(sim, 'single', { expirationTime: SHORT });
  sim.advanceClock(3 * SEC);
  sim.runCancelJob();
  assertFault(await call(sim, body.outcomeV2(sim.credentials, { tokens: [token], outcome: 'KO', key: newKey() })), 'PPT_TOKEN_SCADUTO_KO');
  const p = sim.position(CF, N.single);
  assert.equal(p?.state, 'payable');
  assert.equal(p?.sessions[0]?.acquired, undefined);
});

/** Token 1 (2 s) expires and is released by the job; token 2 is activated on the same notice. */
async function twoTokens(t: Parameters<typeof startSim>[0]) {
  const sim = await startSim(t);
  const first = await activated(sim, 'single', { expirationTime: SHORT });
  sim.advanceClock(3 * SEC);
  sim.runCancelJob();
  const second = await activated(sim, 'single');
  sim.advanceClock(10 * SEC);
  return { sim, first, second };
}

test('retry_PaNew_05 / SEM_SPO_13.1: a late OK while a second token holds the notice is PPT_PAGAMENTO_DUPLICATO; nothing changes', async (t) => {
  const { sim, first, second } = await twoTokens(t);
  assertFault(await okOutcome(sim, first), 'PPT_PAGAMENTO_DUPLICATO');
  const p = sim.position(CF, N.single);
  assert.equal(p?.state, 'in-progress');
  assert.equal(p?.paid, undefined);
  assert.equal(p?.sessions.find((s) => s.paymentToken === second)?.status, 'open');
});

test('retry_PaNew_09: after that refusal, the second token OK in time is accepted', async (t) => {
  const { sim, first, second } = await twoTokens(t);
  assertFault(await okOutcome(sim, first), 'PPT_PAGAMENTO_DUPLICATO');
  assertOk(await okOutcome(sim, second));
  const p = sim.position(CF, N.single);
  assert.equal(p?.state, 'paid');
  assert.deepEqual(p?.paid && { token: p.paid.paymentToken, late: p.paid.late }, { token: second, late: false });
});

test('retry_PaNew_06 / SEM_SPO_13: the second token paid in time, then the first token OK is PPT_PAGAMENTO_DUPLICATO', async (t) => {
  const { sim, first, second } = await twoTokens(t);
  assertOk(await okOutcome(sim, second));
  assertFault(await okOutcome(sim, first), 'PPT_PAGAMENTO_DUPLICATO');
  assert.equal(sim.position(CF, N.single)?.paid?.paymentToken, second);
});

test('retry_PaNew_07: the second token paid in time, then the first token KO is PPT_PAGAMENTO_DUPLICATO too', async (t) => {
  const { sim, first, second } = await twoTokens(t);
  assertOk(await okOutcome(sim, second));
  assertFault(await koOutcome(sim, first), 'PPT_PAGAMENTO_DUPLICATO');
  assert.equal(sim.position(CF, N.single)?.paid?.paymentToken, second);
});

test('retry_PaNew_08: the second token KO in time, then the first token OK is PPT_TOKEN_SCADUTO and settles the notice late', async (t) => {
  const { sim, first, second } = await twoTokens(t);
  assertOk(await koOutcome(sim, second));
  assertFault(await okOutcome(sim, first), 'PPT_TOKEN_SCADUTO');
  const p = sim.position(CF, N.single);
  assert.deepEqual(p?.paid && { token: p.paid.paymentToken, late: p.paid.late }, { token: first, late: true });
});

test('the cancel job by its period: a clock advance past expiry + period releases the token without an admin call', async (t) => {
  const sim = await startSim(t, { cancelJobMs: MIN });
  const token = await activated(sim, 'single', { expirationTime: SHORT });
  sim.advanceClock(SHORT + MIN);
  assertFault(await okOutcome(sim, token), 'PPT_TOKEN_SCADUTO');
});

test('SEM_SPO_23 / SEM_SPO_23.1: the same OK again is PPT_ESITO_GIA_ACQUISITO "Esito concorde: {json}" with the first outcome', async (t) => {
  const sim = await startSim(t);
  const token = await activated(sim, 'single');
  assertOk(
    await call(
      sim,
      body.outcomeV2(sim.credentials, {
        tokens: [token],
        outcome: 'OK',
        key: newKey(),
        details: { fee: '2.00', paymentMethod: 'creditCard', paymentChannel: 'app', payer: 'JHNDOE00A01F205N' },
      }),
    ),
  );
  const again = assertFault(
    await call(
      sim,
      body.outcomeV2(sim.credentials, {
        tokens: [token],
        outcome: 'OK',
        key: newKey(),
        details: { fee: '2.00', paymentMethod: 'creditCard', paymentChannel: 'app', payer: 'JHNDOE00A01F205N' },
      }),
    ),
    'PPT_ESITO_GIA_ACQUISITO',
  );
  assert.equal(
    again.description,
    `Esito concorde: {"applicationDate":"2026-01-15","fee":2.00,"outcome":"OK","payerEntityUniqueIdentifierValue":"JHNDOE00A01F205N",` +
      `"paymentChannel":"app","paymentMethod":"creditCard","paymentToken":"${token}","transferDate":"2026-01-16"}`,
  );
  const other = assertFault(await koOutcome(sim, token), 'PPT_ESITO_GIA_ACQUISITO');
  assert.match(other.description ?? '', /^Esito discorde: \{"applicationDate":/);
});

test('SEM_SPO_28: a KO in time is accepted and frees the notice', async (t) => {
  const sim = await startSim(t);
  const token = await activated(sim, 'single');
  assertOk(await call(sim, body.outcomeV2(sim.credentials, { tokens: [token], outcome: 'KO', key: newKey() })));
  assertOk(await call(sim, body.verify(sim.credentials, CF, N.single)));
});

test('SEM_SPO_35.1: an outcome while the activation is still being processed is PPT_SEMANTICA "Outcome non accettabile per stato pagamento"', async (t) => {
  const sim = await startSim(t);
  const token = await activated(sim, 'single');
  const mark = await adminJson(sim, 'PUT', `/sessions/${token}`, { activationPending: true });
  assert.equal(mark.status, 200);
  const f = assertFault(
    await call(sim, body.outcomeV2(sim.credentials, { tokens: [token], outcome: 'OK', key: newKey(), details: {} })),
    'PPT_SEMANTICA',
  );
  assert.equal(f.description, 'Outcome non accettabile per stato pagamento');
  assert.equal(sim.position(CF, N.single)?.state, 'in-progress', 'nothing taken');
  // SEM_SPO_35.2: once the activation is complete the same outcome is accepted
  await adminJson(sim, 'PUT', `/sessions/${token}`, { activationPending: false });
  assertOk(await call(sim, body.outcomeV2(sim.credentials, { tokens: [token], outcome: 'OK', key: newKey(), details: {} })));
});

test('SEM_SPO_37: sendPaymentOutcomeV2 with two tokens activated at the PSP is PPT_SEMANTICA "Outcome non accettabile per token multipli attivati presso il PSP"', async (t) => {
  const sim = await startSim(t);
  const a = await activated(sim, 'single');
  const b = await activated(sim, 'canteen');
  const f = assertFault(
    await call(sim, body.outcomeV2(sim.credentials, { tokens: [a, b], outcome: 'OK', key: newKey(), details: {} })),
    'PPT_SEMANTICA',
  );
  assert.equal(f.description, 'Outcome non accettabile per token multipli attivati presso il PSP');
  assert.equal(sim.position(CF, N.single)?.state, 'in-progress');
});
