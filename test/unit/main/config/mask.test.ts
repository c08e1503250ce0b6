// Item 5: secrets hide outside the secret fields (query strings, user info, headers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endpointSecrets, maskHeaders, maskUrl, redactConfig, secretValues } from '../../../../main/config';
import type { Config } from '../../../../main/config';

const config = (endpoint: string): Config => ({
  version: 1,
  node: {
    endpoint,
    subscriptionKey: 'sub-key-123456',
    idPSP: 'ABI12345',
    idBrokerPSP: '12345678901',
    idChannel: '12345678901_01',
    password: 'password01',
    pspFiscalCode: '12345678901',
    pspName: 'Banca di Prova',
    tokenDurationMs: 1_800_000,
    timeoutsMs: {},
    isPoste: false,
  },
  terminal: { id: 'T01', kind: 'counter', locale: 'it', strictCheckDigit: false, kioskAbandonSeconds: 180 },
  fees: { kind: 'none' },
});

test("redactConfig masks the endpoint's query values and user info, keeping where it points", () => {
  const r = redactConfig(config('https://gw:gw-pass-9999@api.example/nodo/v1?subscription-key=QKEY-0123456789&v=1#frag'));
  assert.equal(r.node.endpoint, 'https://***:***@api.example/nodo/v1?subscription-key=***&v=***');
  assert.equal(r.node.password, '••••••••');
  assert.equal(redactConfig(config('https://api.example/nodo/v1')).node.endpoint, 'https://api.example/nodo/v1');
});

test('maskUrl masks even what does not parse; maskHeaders masks credentials only', () => {
  assert.equal(maskUrl('not a url?key=SECRET'), 'not a url?***');
  assert.deepEqual(
    maskHeaders({ 'Ocp-Apim-Subscription-Key': 'k', Authorization: 'Bearer t', 'Sportello-Auth': 'x', 'Content-Type': 'text/xml' }),
    {
      'Ocp-Apim-Subscription-Key': '***',
      Authorization: '***',
      'Sportello-Auth': '***',
      'Content-Type': 'text/xml',
    },
  );
});

test("the scrubber's list holds the secrets the endpoint carries (8 characters or more)", () => {
  assert.deepEqual(endpointSecrets('https://api.example/n?subscription-key=QKEY-0123456789&v=1'), ['QKEY-0123456789']);
  assert.deepEqual(secretValues(config('https://u:gw-pass-9999@api.example/n?k=QKEY-0123456789')), [
    'password01',
    'sub-key-123456',
    'QKEY-0123456789',
    'gw-pass-9999',
  ]);
});
