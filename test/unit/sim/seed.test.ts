import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/tmp';
import { applySeed, loadSeed, parseSeed, SimSeedError } from '../../../sim/seed';
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
  assert.equal(state.services().length, 3);
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
