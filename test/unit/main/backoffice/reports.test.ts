// The pure parts of the back office: CSV cells safe from formula injection, the journal's
// partition day, and the --listen address of `sportello fleet`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell } from '../../../../main/backoffice/reports';
import { utcDay } from '../../../../main/backoffice/store';
import { isLoopback, parseListen } from '../../../../main/cli/fleet';

test('CSV cells are quoted, quotes doubled, formulas made inert', () => {
  assert.equal(csvCell('abc'), '"abc"');
  assert.equal(csvCell('a"b'), '"a""b"');
  assert.equal(csvCell(null), '""');
  assert.equal(csvCell(12), '"12"');
  for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) assert.equal(csvCell(bad).slice(0, 2), `"'`, bad);
  assert.equal(csvCell('12.50'), '"12.50"');
});

test('an entry lands in the partition of its UTC day', () => {
  assert.equal(utcDay('2026-03-10T23:30:00.000Z'), '2026-03-10');
  assert.equal(utcDay('2026-03-11T00:30:00+02:00'), '2026-03-10');
  assert.equal(utcDay('not a time'), null);
});

test('--listen is HOST:PORT; loopback is told apart', () => {
  assert.deepEqual(parseListen('127.0.0.1:8380'), { host: '127.0.0.1', port: 8380 });
  assert.deepEqual(parseListen('[::1]:9000'), { host: '::1', port: 9000 });
  assert.throws(() => parseListen('8380'));
  assert.throws(() => parseListen('127.0.0.1:70000'));
  assert.ok(isLoopback('127.0.0.1') && isLoopback('::1') && isLoopback('localhost'));
  assert.ok(!isLoopback('0.0.0.0') && !isLoopback('10.0.0.5'));
});
