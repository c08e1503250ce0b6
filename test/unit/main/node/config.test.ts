import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect, format } from 'node:util';
import { NodeClient, NodeConfigInvalid, DEFAULT_TIMEOUTS_MS, timeoutGroup, type NodeClientConfig } from '../../../../main/node';
import { PRIMITIVES } from '../../../../main/protocol';

const SECRET_PASSWORD = 'Pw0rd-Secret!';
const SECRET_KEY = 'sub-key-0123456789abcdef';
const base: NodeClientConfig = {
  endpoint: 'https://api.uat.platform.pagopa.it/nodo-auth/node-for-psp/v1?subscription-key=also-secret',
  subscriptionKey: SECRET_KEY,
  idPSP: 'ABI12345',
  idBrokerPSP: '12345678901',
  idChannel: '12345678901_01',
  password: SECRET_PASSWORD,
};

test('printing or serialising a client never shows the password or the subscription key', () => {
  const client = new NodeClient(base);
  try {
    for (const text of [
      JSON.stringify(client),
      String(client),
      inspect(client, { depth: 10, showHidden: true }),
      format('%o', client),
      format('%j', { client }),
    ]) {
      assert.ok(!text.includes(SECRET_PASSWORD), text);
      assert.ok(!text.includes(SECRET_KEY), text);
      assert.ok(!text.includes('also-secret'), text);
    }
    const view = client.toJSON();
    assert.equal(view.password, '***');
    assert.equal(view.subscriptionKey, '***');
    assert.equal(view.idPSP, 'ABI12345');
    assert.deepEqual(view.timeoutsMs, DEFAULT_TIMEOUTS_MS);
  } finally {
    client.close();
  }
});

test('default timeouts follow pagoPA minimum waits; V2 primitives share their v1 timeout', () => {
  assert.deepEqual(DEFAULT_TIMEOUTS_MS, {
    verifyPaymentNotice: 12_000,
    activatePaymentNotice: 12_000,
    verificaBollettino: 12_000,
    demandPaymentNotice: 12_000,
    sendPaymentOutcome: 15_000,
    nodoChiediCatalogoServiziV2: 15_000,
  });
  assert.equal(timeoutGroup('activatePaymentNoticeV2'), 'activatePaymentNotice');
  assert.equal(timeoutGroup('sendPaymentOutcomeV2'), 'sendPaymentOutcome');
  for (const p of PRIMITIVES) assert.ok(timeoutGroup(p) in DEFAULT_TIMEOUTS_MS, p);
  const c = new NodeClient({ ...base, timeoutsMs: { sendPaymentOutcome: 30_000 } });
  assert.deepEqual(c.toJSON().timeoutsMs, { ...DEFAULT_TIMEOUTS_MS, sendPaymentOutcome: 30_000 });
  c.close();
});

test('an unusable configuration is refused with the field named and no secret shown', () => {
  const bad: Array<[Partial<NodeClientConfig> & Record<string, unknown>, string]> = [
    [{ endpoint: 'ftp://example.org/' }, 'endpoint'],
    [{ endpoint: 'not a url' }, 'endpoint'],
    [{ endpoint: 'https://user:pass@example.org/' }, 'endpoint'],
    [{ password: 'short' }, 'password'],
    [{ password: 'much-too-long-password' }, 'password'],
    [{ subscriptionKey: '' }, 'subscriptionKey'],
    [{ subscriptionKey: 'line\r\nInjected: 1' }, 'subscriptionKey'],
    [{ idPSP: '' }, 'idPSP'],
    [{ idChannel: 'x'.repeat(36) }, 'idChannel'],
    [{ pspFiscalCode: 'CF-with-dash' }, 'pspFiscalCode'],
    [{ timeoutsMs: { verifyPaymentNotice: 0 } }, 'timeoutsMs.verifyPaymentNotice'],
    [{ timeoutsMs: { verifyPaymentNotice: 1.5 } }, 'timeoutsMs.verifyPaymentNotice'],
    [{ timeoutsMs: { nope: 10 } as never }, 'timeoutsMs.nope'],
    [{ maxResponseBytes: 10 }, 'maxResponseBytes'],
  ];
  for (const [patch, field] of bad) {
    assert.throws(
      () => new NodeClient({ ...base, ...patch } as NodeClientConfig),
      (e: unknown) =>
        e instanceof NodeConfigInvalid &&
        e.code === 'NODE_CONFIG_INVALID' &&
        e.field === field &&
        !JSON.stringify(e.toJSON()).includes(String(patch.password ?? SECRET_PASSWORD)) &&
        !JSON.stringify(e.toJSON()).includes(SECRET_KEY),
      field,
    );
  }
});

test('idempotency keys carry the PSP fiscal code, else the broker id', () => {
  const a = new NodeClient(base);
  const b = new NodeClient({ ...base, pspFiscalCode: '70000000001' });
  assert.match(a.newIdempotencyKey(), /^12345678901_[a-zA-Z0-9]{10}$/);
  assert.equal(
    b.newIdempotencyKey(() => 'abcdeABCDE'),
    '70000000001_abcdeABCDE',
  );
  a.close();
  b.close();
});
