import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTender, feeFor } from '../../../../main/engine/fees';

test('fee rules in integer cents', () => {
  assert.equal(feeFor({ kind: 'none' }, [1000]), 0);
  assert.equal(feeFor({ kind: 'flat', cents: 200 }, [1000, 2000]), 200);
  assert.equal(feeFor({ kind: 'flat', cents: 200 }, []), 0);
  assert.equal(feeFor({ kind: 'per-notice', cents: 150 }, [1, 2, 3]), 450);
  // 1.5% of 123.45 = 1.85175 -> 1.85; of 10.10 = 0.1515 -> 0.15; half up at .5: 1% of 0.50 = 0.005 -> 0.01
  const pct = { kind: 'percent', basisPoints: 150, minCents: 0, maxCents: 100_000 } as const;
  assert.equal(feeFor(pct, [12345]), 185);
  assert.equal(feeFor(pct, [1010]), 15);
  assert.equal(feeFor({ kind: 'percent', basisPoints: 100, minCents: 0, maxCents: 1000 }, [50]), 1);
  assert.equal(feeFor({ kind: 'percent', basisPoints: 100, minCents: 100, maxCents: 1000 }, [50]), 100, 'minimum');
  assert.equal(feeFor({ kind: 'percent', basisPoints: 100, minCents: 0, maxCents: 300 }, [99_999_999_999]), 300, 'maximum');
});

test('cash tender gives change; short cash is refused; card gives none', () => {
  const t = buildTender('cash', [1000, 2050], { kind: 'flat', cents: 150 }, 5000);
  assert.deepEqual(t, { method: 'cash', noticesCents: 3050, feeCents: 150, dueCents: 3200, givenCents: 5000, changeCents: 1800 });
  assert.throws(() => buildTender('cash', [1000], { kind: 'none' }, 999), { code: 'TENDER_INVALID' });
  assert.equal(buildTender('card', [1000], { kind: 'none' }, 5000).changeCents, 0);
});
