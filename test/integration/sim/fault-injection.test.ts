// Injected failures as a client sees them over real sockets: refused and dropped connections, 5xx, PPT_SYSTEM_ERROR, latency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adminJson, assertFault, assertOk, body, call, newKey, post } from './soap-client';
import { CF, N, startSim } from './fixtures';

/** The connection-level error a client gets, or undefined when an HTTP answer came back. */
async function connectionError(p: Promise<Response>): Promise<string | undefined> {
  try {
    const r = await p;
    await r.text();
    return undefined;
  } catch (e) {
    const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (e as Error).message;
  }
}

test('refuse: the connection is cut on arrival, nothing is processed; only the targeted primitive, only `count` times', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  sim.injectFaults({ kind: 'refuse', primitive: 'activatePaymentNotice', count: 1 });
  assertOk(await call(sim, body.verify(c, CF, N.single)));
  const err = await connectionError(post(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00' })));
  assert.ok(err, 'the client must see a connection error');
  assert.equal(sim.position(CF, N.single)?.sessions.length, 0);
  assertOk(await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00' })));
  const refused = sim.log().find((e) => e.injected?.includes('refuse'));
  assert.equal(refused?.httpStatus, undefined);
  assert.equal(refused?.soapAction, 'activatePaymentNotice');
});

test('outage: every SOAP request refused for a window of simulated time; the admin API stays up; the clock ends it', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const added = await adminJson(sim, 'POST', '/faults', { kind: 'outage', forMs: 60_000 });
  assert.equal(added.status, 201);
  assert.equal(added.body.faults[0].primitive, '*');
  for (const req of [body.verify(c, CF, N.single), body.catalogue(c), body.outcome(c, { token: 'x', outcome: 'KO' })]) {
    assert.ok(await connectionError(post(sim, req)));
  }
  assert.equal((await adminJson(sim, 'GET', '/health')).status, 200);
  sim.advanceClock(60_000);
  assertOk(await call(sim, body.verify(c, CF, N.single)));
  assert.deepEqual((await adminJson(sim, 'GET', '/faults')).body.faults, []);
});

test('drop-response on activate: the session is opened but the client hears nothing; the retry with the same key gets the same token', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  sim.injectFaults([{ kind: 'drop-response', primitive: 'activatePaymentNoticeV2', count: 1 }]);
  const req = body.activate(c, { fc: CF, nn: N.single, amount: '120.00', key: newKey(), v2: true });
  assert.ok(await connectionError(post(sim, req)));
  const p = sim.position(CF, N.single);
  assert.equal(p?.state, 'in-progress', 'the node did the work');
  const retry = await call(sim, req);
  assertOk(retry);
  assert.equal(retry.res.paymentToken, p?.sessions[0]?.paymentToken);
  const dropped = sim.log().find((e) => e.injected?.includes('drop-response'));
  assert.equal(dropped?.httpStatus, undefined);
  assert.equal(dropped?.outcome, 'OK');
  assert.equal(dropped?.paymentToken, retry.res.paymentToken);
});

test('drop-response on the outcome: the notice is paid anyway; a retry with the key replays OK, one without it is "Esito concorde"', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const a = await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00' }));
  sim.injectFaults({ kind: 'drop-response', primitive: 'sendPaymentOutcomeV2', count: 1 });
  const req = body.outcomeV2(c, { tokens: [a.res.paymentToken], outcome: 'OK', key: newKey(), details: {} });
  assert.ok(await connectionError(post(sim, req)));
  assert.equal(sim.position(CF, N.single)?.state, 'paid');
  assertOk(await call(sim, req));
  const f = assertFault(
    await call(sim, body.outcomeV2(c, { tokens: [a.res.paymentToken], outcome: 'OK', key: newKey(), details: {} })),
    'PPT_ESITO_GIA_ACQUISITO',
  );
  assert.match(f.description ?? '', /^Esito concorde/);
});

test('http500, http503 and system-error answer before anything is processed', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  sim.injectFaults([
    { kind: 'http500', primitive: 'activatePaymentNotice', count: 1 },
    { kind: 'http503', primitive: 'activatePaymentNotice', count: 1 },
    { kind: 'system-error', primitive: 'activatePaymentNotice', count: 1 },
  ]);
  const req = body.activate(c, { fc: CF, nn: N.single, amount: '120.00' });
  assert.equal((await post(sim, req)).status, 500);
  assert.equal((await post(sim, req)).status, 503);
  const f = assertFault(await call(sim, req), 'PPT_SYSTEM_ERROR');
  assert.equal(f.faultString, 'Errore generico');
  assert.equal(sim.position(CF, N.single)?.sessions.length, 0);
  assertOk(await call(sim, req));
  assert.deepEqual(
    sim.log().map((e) => [e.injected?.join() ?? '', e.httpStatus, e.faultCode ?? '']),
    [
      ['http500', 500, ''],
      ['http503', 503, ''],
      ['system-error', 200, 'PPT_SYSTEM_ERROR'],
      ['', 200, ''],
    ],
  );
});

test('latency delays the answer and adds up with another fault; the log records it', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  sim.injectFaults([
    { kind: 'latency', latencyMs: 50, count: 2 },
    { kind: 'latency', primitive: 'verifyPaymentNotice', latencyMs: 25, count: 1 },
    { kind: 'system-error', primitive: 'verifyPaymentNotice', count: 1 },
  ]);
  assertFault(await call(sim, body.verify(c, CF, N.single)), 'PPT_SYSTEM_ERROR');
  assertOk(await call(sim, body.verify(c, CF, N.single)));
  assertOk(await call(sim, body.verify(c, CF, N.single)));
  assert.deepEqual(
    sim.log().map((e) => e.latencyMs),
    [75, 50, undefined],
  );
});

test('the admin API validates fault rules and DELETE clears them', async (t) => {
  const sim = await startSim(t);
  for (const bad of [
    { kind: 'explode' },
    { kind: 'latency' },
    { kind: 'refuse', primitive: 'nope' },
    { kind: 'refuse', count: 0 },
    'not json',
  ]) {
    const r = await adminJson(sim, 'POST', '/faults', bad);
    assert.equal(r.status, 400, JSON.stringify(bad));
    assert.equal(typeof r.body.error, 'string');
  }
  await adminJson(sim, 'POST', '/faults', { faults: [{ kind: 'refuse' }, { kind: 'http503', primitive: 'verifyPaymentNotice' }] });
  assert.equal(sim.faults().length, 2);
  assert.deepEqual((await adminJson(sim, 'DELETE', '/faults')).body, { faults: [] });
  assertOk(await call(sim, body.verify(sim.credentials, CF, N.single)));
});
