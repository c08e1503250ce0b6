// bench/lib/args.ts: the flags of `npm run bench` and `npm run bench:protocol`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBenchArgs } from '../../../../bench/lib/args';
import { BenchUsageError } from '../../../../bench/lib/errors';

describe('parseBenchArgs', () => {
  test('no flags: the full run, no JSON', () => {
    assert.deepEqual(parseBenchArgs([]), { quick: false, help: false });
  });

  test('--quick, --json PATH and --json=PATH, --help and -h', () => {
    assert.deepEqual(parseBenchArgs(['--quick', '--json', 'out.json']), { quick: true, help: false, json: 'out.json' });
    assert.equal(parseBenchArgs(['--json=x/y.json']).json, 'x/y.json');
    assert.equal(parseBenchArgs(['-h']).help, true);
    assert.equal(parseBenchArgs(['--help']).help, true);
  });

  test('--json without a path, or followed by another flag, is a usage error', () => {
    assert.throws(() => parseBenchArgs(['--json']), BenchUsageError);
    assert.throws(() => parseBenchArgs(['--json', '--quick']), BenchUsageError);
    assert.throws(() => parseBenchArgs(['--json=']), BenchUsageError);
  });

  test('unknown flags are refused rather than ignored', () => {
    assert.throws(
      () => parseBenchArgs(['--quik']),
      (e: unknown) => e instanceof BenchUsageError && /--quik/.test(e.message),
    );
    assert.throws(() => parseBenchArgs(['quick']), BenchUsageError);
  });

  test('--only is accepted only where figures exist, and gives sorted unique figure numbers', () => {
    assert.throws(() => parseBenchArgs(['--only', '1']), BenchUsageError);
    assert.deepEqual(parseBenchArgs(['--only', '10,3,3,1'], { figures: 10 }).only, [1, 3, 10]);
    assert.deepEqual(parseBenchArgs(['--only=2'], { figures: 10 }).only, [2]);
  });

  test('--only refuses numbers outside the figures, non-numbers and a missing list', () => {
    for (const bad of [['--only', '11'], ['--only', '0'], ['--only', '1,x'], ['--only', '1.5'], ['--only'], ['--only', '--quick']]) {
      assert.throws(() => parseBenchArgs(bad, { figures: 10 }), BenchUsageError, bad.join(' '));
    }
  });
});
