// The settings form: what the core sent becomes editable text, and text becomes the contract's
// values again by string math (fees in integer cents, percentages in basis points).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { centsText, draftOf, feesOf } from '../../../../../renderer/technician/sections/settings-draft';

const config = {
  version: 1 as const,
  node: {
    endpoint: 'https://node.example/v1',
    subscriptionKey: '••••••••',
    idPSP: 'P',
    idBrokerPSP: 'B',
    idChannel: 'B_01',
    password: '••••••••',
    pspFiscalCode: '12345678901',
    pspName: 'PSP',
    tokenDurationMs: 1_800_000,
    timeoutsMs: {},
    isPoste: false,
  },
  terminal: { id: 'T1', kind: 'kiosk' as const, locale: 'de' as const, strictCheckDigit: false, kioskAbandonSeconds: 180 },
  fees: { kind: 'percent' as const, basisPoints: 125, minCents: 100, maxCents: 250_000 },
};

describe('settings draft', () => {
  test('secrets are never in the form: only whether they are set', () => {
    const d = draftOf(config);
    assert.deepEqual([d.password, d.subscriptionKey, d.passwordSet, d.subscriptionKeySet], ['', '', true, true]);
    assert.equal(draftOf({ ...config, node: { ...config.node, password: '' } }).passwordSet, false);
  });

  test('amounts round-trip through the text the technician edits', () => {
    const d = draftOf(config);
    assert.deepEqual([d.feePercent, d.feeMin, d.feeMax], ['1,25', '1,00', '2500,00']);
    assert.deepEqual(feesOf(d), config.fees);
    assert.equal(centsText(5), '0,05');
    assert.deepEqual(feesOf({ ...d, feeKind: 'flat', feeAmount: '1,5' }), { kind: 'flat', cents: 150 });
    assert.deepEqual(feesOf({ ...d, feeKind: 'per-notice', feeAmount: '€ 2' }), { kind: 'per-notice', cents: 200 });
    assert.deepEqual(feesOf({ ...d, feeKind: 'none' }), { kind: 'none' });
  });

  test('what is not an amount is refused, and so is more than 100 %', () => {
    const d = draftOf(config);
    assert.equal(feesOf({ ...d, feeKind: 'flat', feeAmount: 'due euro' }), null);
    assert.equal(feesOf({ ...d, feePercent: '100,01' }), null);
    assert.equal(feesOf({ ...d, feeMin: '-1' }), null);
  });
});
