// Official scenarios SEM_APNR_20..23.1 and IDMP_ACT_*: activation idempotency and "payment in
// progress". The node's key validity (default_idempotency_key_validity_minutes) is the simulator's
// idempotencyMs; its default token validity is tokenMs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AMOUNT, CF, MIN, N, SEC, activated, assertFault, assertOk, body, call, newKey, startSim } from './support';

const activation = (
  c: Parameters<typeof body.activate>[0],
  key: string | undefined,
  extra: { expirationTime?: number; amount?: string; nn?: string } = {},
) =>
  body.activate(c, {
    fc: CF,
    nn: extra.nn ?? N.single,
    amount: extra.amount ?? AMOUNT.single,
    ...(key ? { key } : {}),
    ...(extra.expirationTime ? { expirationTime: extra.expirationTime } : {}),
  });

test('IDMP_ACT_5 / IDMP_ACT_15: the same key and request again is the first answer, same token, no second session', async (t) => {
  const sim = await startSim(t);
  const req = activation(sim.credentials, newKey());
  const first = await call(sim, req);
  assertOk(first);
  const again = await call(sim, req);
  assertOk(again);
  assert.equal(again.res.paymentToken, first.res.paymentToken);
  assert.equal(sim.position(CF, N.single)?.sessions.length, 1);
});

test('IDMP_ACT_5_1: a request refused by the XSD is not remembered: the corrected request with its key is new', async (t) => {
  const sim = await startSim(t);
  const key = newKey();
  const broken = activation(sim.credentials, key).replace('<amount>120.00</amount>', '<amount>120,00</amount>');
  assertFault(await call(sim, broken), 'PPT_SINTASSI_EXTRAXSD');
  assertOk(await call(sim, activation(sim.credentials, key)));
});

test('IDMP_ACT_5_2: a KO for a wrong password is remembered: the corrected request with that key is PPT_ERRORE_IDEMPOTENZA', async (t) => {
  const sim = await startSim(t);
  const key = newKey();
  assertFault(await call(sim, activation({ ...sim.credentials, password: 'wrongPassword' }, key)), 'PPT_AUTENTICAZIONE');
  assertFault(await call(sim, activation(sim.credentials, key)), 'PPT_ERRORE_IDEMPOTENZA');
});

test('IDMP_ACT_3: an unknown PSP with a key is PPT_PSP_SCONOSCIUTO', async (t) => {
  const sim = await startSim(t);
  assertFault(await call(sim, activation({ ...sim.credentials, idPSP: 'PSPUNKNOWN' }, newKey('PSPUNKNOWN'))), 'PPT_PSP_SCONOSCIUTO');
});

test('IDMP_ACT_6_1: another key for a notice in progress is PPT_PAGAMENTO_IN_CORSO', async (t) => {
  const sim = await startSim(t);
  await activated(sim, 'single');
  assertFault(await call(sim, activation(sim.credentials, newKey())), 'PPT_PAGAMENTO_IN_CORSO');
});

test('IDMP_ACT_6_2 / SEM_APNR_20: the same key with other parameters is PPT_ERRORE_IDEMPOTENZA', async (t) => {
  const sim = await startSim(t);
  const key = newKey();
  await activated(sim, 'single', { key });
  assertFault(await call(sim, activation(sim.credentials, key, { nn: N.canteen, amount: AMOUNT.canteen })), 'PPT_ERRORE_IDEMPOTENZA');
  assertFault(await call(sim, activation(sim.credentials, key, { amount: '12.00' })), 'PPT_ERRORE_IDEMPOTENZA');
  assertFault(await call(sim, activation(sim.credentials, key, { expirationTime: MIN })), 'PPT_ERRORE_IDEMPOTENZA');
});

test('SEM_APNR_23.1: the same request without a key while in progress is PPT_PAGAMENTO_IN_CORSO', async (t) => {
  const sim = await startSim(t);
  await activated(sim, 'single', { expirationTime: 2 * MIN });
  assertFault(await call(sim, activation(sim.credentials, undefined, { expirationTime: 2 * MIN })), 'PPT_PAGAMENTO_IN_CORSO');
});

test('SEM_APNR_20.1: without a key, any other activation of a notice in progress is PPT_PAGAMENTO_IN_CORSO', async (t) => {
  const sim = await startSim(t);
  assertOk(await call(sim, activation(sim.credentials, undefined)));
  assertFault(await call(sim, activation(sim.credentials, undefined)), 'PPT_PAGAMENTO_IN_CORSO');
  assertFault(await call(sim, activation(sim.credentials, undefined, { expirationTime: MIN })), 'PPT_PAGAMENTO_IN_CORSO');
});

test('SEM_APNR_21 / SEM_APNR_21.2: activating again right after the token expired, before the cancel job, is PPT_PAGAMENTO_IN_CORSO', async (t) => {
  const sim = await startSim(t, { idempotencyMs: 10 * MIN });
  const req = activation(sim.credentials, newKey(), { expirationTime: 2 * MIN });
  assertOk(await call(sim, req));
  sim.advanceClock(2 * MIN);
  assertFault(await call(sim, req), 'PPT_PAGAMENTO_IN_CORSO');
  assertFault(await call(sim, activation(sim.credentials, undefined)), 'PPT_PAGAMENTO_IN_CORSO');
});

test('SEM_APNR_21.1: the same key with another expirationTime after the token expired is PPT_PAGAMENTO_IN_CORSO, not an idempotency error (the key lapsed with its token)', async (t) => {
  const sim = await startSim(t, { idempotencyMs: 10 * MIN });
  const key = newKey();
  await activated(sim, 'single', { key, expirationTime: 2 * MIN });
  sim.advanceClock(2 * MIN);
  assertFault(await call(sim, activation(sim.credentials, key, { expirationTime: 8 * SEC })), 'PPT_PAGAMENTO_IN_CORSO');
});

test('SEM_APNR_22: after the key validity, before the token expires, the same key with other parameters is PPT_PAGAMENTO_IN_CORSO', async (t) => {
  const sim = await startSim(t, { idempotencyMs: MIN });
  const key = newKey();
  await activated(sim, 'single', { key, expirationTime: 2 * MIN });
  sim.advanceClock(70 * SEC);
  assertFault(await call(sim, activation(sim.credentials, key, { expirationTime: SEC })), 'PPT_PAGAMENTO_IN_CORSO');
});

/** The key answers with its first response until `validMs`, and is a new request (the notice still held) from then on. */
async function keyLasts(
  t: Parameters<typeof startSim>[0],
  opts: { idempotencyMs: number; tokenMs?: number; expirationTime?: number },
  validMs: number,
): Promise<void> {
  // time moves only through advanceClock, so the boundary is exact
  const frozen = Date.now();
  const sim = await startSim(t, {
    timeSource: () => frozen,
    idempotencyMs: opts.idempotencyMs,
    ...(opts.tokenMs ? { tokenMs: opts.tokenMs } : {}),
  });
  const req = activation(sim.credentials, newKey(), opts.expirationTime ? { expirationTime: opts.expirationTime } : {});
  const first = await call(sim, req);
  assertOk(first);
  sim.advanceClock(validMs - 1);
  const replay = await call(sim, req);
  assertOk(replay);
  assert.equal(replay.res.paymentToken, first.res.paymentToken, 'still the same key');
  sim.advanceClock(1);
  assertFault(await call(sim, req), 'PPT_PAGAMENTO_IN_CORSO');
}

test('IDMP_ACT_1_1: key validity 40 min, token 30 min: the key lasts 30 min', (t) =>
  keyLasts(t, { idempotencyMs: 40 * MIN, tokenMs: 30 * MIN }, 30 * MIN));
test('IDMP_ACT_1_2: key validity 10 min, token 30 min: the key lasts 10 min', (t) =>
  keyLasts(t, { idempotencyMs: 10 * MIN, tokenMs: 30 * MIN }, 10 * MIN));
test('IDMP_ACT_1_3: key validity 30 min, token 30 min: the key lasts 30 min', (t) =>
  keyLasts(t, { idempotencyMs: 30 * MIN, tokenMs: 30 * MIN }, 30 * MIN));
test('IDMP_ACT_1_4: key validity 10 min, expirationTime 1 min: the key lasts 1 min', (t) =>
  keyLasts(t, { idempotencyMs: 10 * MIN, expirationTime: MIN }, MIN));
test('IDMP_ACT_1_5: key validity 2 min, expirationTime 4 min: the key lasts 2 min', (t) =>
  keyLasts(t, { idempotencyMs: 2 * MIN, expirationTime: 4 * MIN }, 2 * MIN));
test('IDMP_ACT_1_6: key validity 2 min, expirationTime 2 min: the key lasts 2 min', (t) =>
  keyLasts(t, { idempotencyMs: 2 * MIN, expirationTime: 2 * MIN }, 2 * MIN));

test('IDMP_ACT_8: key validity 1 min, token 30 min: the same request after 62 s is PPT_PAGAMENTO_IN_CORSO', async (t) => {
  const sim = await startSim(t, { idempotencyMs: MIN });
  const req = activation(sim.credentials, newKey());
  assertOk(await call(sim, req));
  sim.advanceClock(62 * SEC);
  assertFault(await call(sim, req), 'PPT_PAGAMENTO_IN_CORSO');
});

test('IDMP_ACT_9: token 2 s, key 10 min: the same request 4 s later is PPT_PAGAMENTO_IN_CORSO', async (t) => {
  const sim = await startSim(t, { idempotencyMs: 10 * MIN });
  const req = activation(sim.credentials, newKey(), { expirationTime: 2 * SEC });
  assertOk(await call(sim, req));
  sim.advanceClock(4 * SEC);
  assertFault(await call(sim, req), 'PPT_PAGAMENTO_IN_CORSO');
});

test('IDMP_ACT_19: token 6 s, key 10 min: after the token expired the same key is PPT_PAGAMENTO_IN_CORSO; after the cancel job a new key activates', async (t) => {
  const sim = await startSim(t, { idempotencyMs: 10 * MIN });
  const key = newKey();
  const req = activation(sim.credentials, key, { expirationTime: 6 * SEC });
  assertOk(await call(sim, req));
  sim.advanceClock(6 * SEC);
  assertFault(await call(sim, activation(sim.credentials, key)), 'PPT_PAGAMENTO_IN_CORSO');
  // choice where the suite is silent: once the job has released the token, the notice is free
  sim.runCancelJob();
  assertOk(await call(sim, activation(sim.credentials, newKey())));
});
