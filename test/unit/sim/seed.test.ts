import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/tmp';
import { applySeed, loadSeed, parseSeed, SimSeedError, type ServiceInput } from '../../../sim/seed';
import { SCHEMA_DIR } from '../../../sim/xsd';
import { SimState } from '../../../sim/state';
import { memoryStore } from '../../../sim/store/memory';

test('the default seed loads and covers every scenario the simulator promises', () => {
  const seed = loadSeed();
  const labels = seed.positions.map((p) => p.label ?? '').join('\n');
  for (const scenario of [
    /single/,
    /3 transfers/,
    /5 transfers/,
    /marca da bollo/,
    /already paid/,
    /expired/,
    /postal/,
    /Stand-In/,
    /amount changed/,
    /unreachable/,
  ]) {
    assert.match(labels, scenario);
  }
  assert.ok(seed.positions.some((p) => p.transfers.length === 5));
  assert.ok(seed.positions.some((p) => p.printedAmountCents !== undefined));
  assert.ok(seed.creditors.every((c) => /^\d{11}$/.test(c.fiscalCode)));
  const state = new SimState(memoryStore());
  applySeed(state, seed, 0);
  assert.equal(state.positions().length, seed.positions.length);
  assert.equal(state.services().length, seed.services.length);
});

test('the default seed has one service per official service schema, car tax from two regions, one provider expired', () => {
  const seed = loadSeed();
  const official = readdirSync(join(SCHEMA_DIR, 'catalogo-servizi')).filter((f) => f.endsWith('.xsd'));
  assert.deepEqual(seed.services.map((s) => s.xsdRiferimento).sort(), official.sort());
  const carTax = seed.services.find((s) => s.xsdRiferimento.startsWith('TassaAutomobilistica_'));
  assert.deepEqual(
    carTax?.providers.map((p) => [p.idDominio, p.amount?.rule]),
    [
      ['66666666666', 'car-tax'],
      ['88888888888', 'car-tax'],
    ],
  );
  const cup = seed.services.find((s) => s.xsdRiferimento === 'Cup_1_0_0.xsd');
  assert.deepEqual(cup?.providers[0]?.amount, {
    rule: 'from-data',
    element: 'amount',
    iban: cup?.providers[0]?.amount?.iban,
    remittanceInformation: 'Ticket CUP',
  });
  const today = new Date().toISOString().slice(0, 10);
  const expired = seed.services.flatMap((s) => s.providers).filter((p) => p.dataFineValidita !== undefined && p.dataFineValidita < today);
  assert.equal(expired.length, 1);
  assert.ok(new Set(seed.services.map((s) => s.categoria)).size >= 3, 'several categories');
});

test('a broken service is refused with the place and the reason', () => {
  const base = loadSeed();
  const [cie, , carTax] = base.services as [ServiceInput, ServiceInput, ServiceInput];
  const provider = cie.providers[0] as ServiceInput['providers'][number];
  const rule = { rule: 'car-tax' as const, iban: 'IT02L1234512345123456789012', remittanceInformation: 'Tassa' };
  const cases: Array<[unknown, RegExp]> = [
    [{ ...base, services: [cie, { ...carTax, providers: [{ ...provider }] }] }, /duplicate idSoggettoServizio 00101/],
    [{ ...base, services: [cie, { ...cie }] }, /duplicate idServizio 00001/],
    [{ ...base, services: [{ ...cie, providers: [{ ...provider, idDominio: '12121212121' }] }] }, /12121212121 is not in creditors/],
    [{ ...base, services: [{ ...cie, providers: [{ ...provider, amount: rule }] }] }, /car-tax rule needs a TassaAutomobilistica schema/],
    [{ ...base, services: [{ ...cie, providers: [{ ...provider, transfers: [] }] }] }, /needs 1\.\.5 transfers/],
    [{ ...base, services: [{ ...cie, providers: [{ ...provider, dataFineValidita: '2023-12-31' }] }] }, /before dataInizioValidita/],
    [{ ...base, services: [{ ...carTax, providers: [{ ...provider, amount: { ...rule, rule: 'guess' } }] }] }, /amount/],
  ];
  for (const [json, reason] of cases)
    assert.throws(
      () => parseSeed(json),
      (e: Error) => e instanceof SimSeedError && reason.test(e.message),
      String(reason),
    );
});

test('a broken seed is refused with the place and the reason', (t) => {
  const base = loadSeed();
  const cases: Array<[unknown, RegExp]> = [
    [{ ...base, positions: [{ ...base.positions[0], noticeNumber: undefined }] }, /needs its noticeNumber/],
    [{ ...base, positions: [{ ...base.positions[0], fiscalCode: '12121212121' }] }, /12121212121 is not in creditors/],
    [{ ...base, positions: [base.positions[0], base.positions[0]] }, /duplicate position/],
    [{ ...base, services: [{ ...base.services[0], xsdRiferimento: '../../etc/passwd' }] }, /xsdRiferimento/],
    [{ creditors: [] }, /positions/],
  ];
  for (const [json, reason] of cases)
    assert.throws(
      () => parseSeed(json),
      (e: Error) => e instanceof SimSeedError && reason.test(e.message),
    );
  const dir = tempDir(t);
  writeFileSync(join(dir, 'bad.json'), '{');
  assert.throws(() => loadSeed(join(dir, 'bad.json')), SimSeedError);
  assert.throws(() => loadSeed(join(dir, 'missing.json')), SimSeedError);
});
