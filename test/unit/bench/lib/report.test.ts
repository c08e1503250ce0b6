// bench/lib/figure.ts and report.ts: rows with their ratio, the combined table, failure and JSON.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { check, row, type FigureResult } from '../../../../bench/lib/figure';
import { formatValue, reportChecks, reportTable, runFailed, runReport } from '../../../../bench/lib/report';
import { machineInfo } from '../../../../bench/lib/machine';

const figure = (over: Partial<FigureResult>): FigureResult => ({ figure: 1, title: 'codec', rows: [], checks: [], seconds: 1, ...over });

describe('row', () => {
  test('the ratio is value / baseline', () => {
    assert.equal(row('x', 30, 'ms', { name: 'b', value: 120 }).ratio, 0.25);
    assert.equal(row('x', 3, 'outcomes/s', { name: 'b', value: 1 }).ratio, 3);
  });

  test('no baseline, or a zero one, gives no ratio', () => {
    assert.equal(row('x', 30, 'ms').ratio, null);
    assert.equal(row('x', 30, 'ms', { name: 'b', value: 0 }).ratio, null);
  });
});

describe('formatValue', () => {
  test('times in µs below a millisecond, memory in MiB then GiB, rates per second', () => {
    assert.equal(formatValue(0.0285, 'ms'), '28.5 µs');
    assert.equal(formatValue(12.5, 'ms'), '12.500 ms');
    assert.equal(formatValue(97.64, 'MiB'), '97.6 MiB');
    assert.equal(formatValue(4608, 'MiB'), '4.50 GiB');
    assert.equal(formatValue(340.4, 'outcomes/s'), '340 /s');
    assert.equal(formatValue(Number.NaN, 'ms'), 'n/a');
  });
});

describe('the combined report', () => {
  const ok = figure({
    rows: [row('build + parse', 0.03, 'ms', { name: 'soap package', value: 0.1 })],
    checks: [check('answers read', true, 'outcome OK')],
  });

  test('one line per row with figure, value, baseline, its name and the ratio', () => {
    const lines = reportTable([ok]).split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /^fig\s+measure\s+value\s+baseline\s+baseline is\s+ratio$/);
    assert.match(lines[2]!, /^\s*1\s+build \+ parse\s+30\.0 µs\s+100\.0 µs\s+soap package\s+0\.30 x$/);
  });

  test('a failed or skipped figure is a line of its own, and a failed check or figure fails the run', () => {
    const failed = figure({ figure: 2, title: 'cycle', error: 'simulator refused\nstack...' });
    const skipped = figure({ figure: 6, title: 'scan', skipped: 'no Chromium' });
    const table = reportTable([ok, failed, skipped]);
    assert.match(table, /cycle: FAILED \(simulator refused\)/);
    assert.match(table, /scan: skipped \(no Chromium\)/);
    assert.equal(runFailed([ok, skipped]), false);
    assert.equal(runFailed([ok, failed]), true);
    assert.equal(runFailed([figure({ checks: [check('EDF', false, 'batch 3')] })]), true);
    assert.match(reportChecks([figure({ checks: [check('EDF', false, 'batch 3')] })]), /^FAIL 1\. EDF: batch 3$/);
  });

  test('the JSON holds every row with its figure, the machine and whether the run passed', () => {
    const r = runReport([ok], machineInfo(), true, 12, new Date(0));
    assert.equal(r.ok, true);
    assert.equal(r.quick, true);
    assert.equal(r.at, '1970-01-01T00:00:00.000Z');
    assert.deepEqual(
      r.rows.map((x) => [x.figure, x.measure, x.value, x.ratio]),
      [[1, 'build + parse', 0.03, 0.3]],
    );
    assert.equal(typeof r.machine.cores, 'number');
  });
});
