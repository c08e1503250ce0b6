// The reporter test/run.mjs uses to tell a process that died after its tests passed from a failing test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
// @ts-expect-error a plain ES module without types
import exitReporter from '../../support/exit-reporter.mjs';

type Ev = { type: string; data: Record<string, unknown> };
async function lines(events: Ev[]): Promise<Array<Record<string, unknown>>> {
  async function* source() {
    yield* events;
  }
  const out: Array<Record<string, unknown>> = [];
  for await (const chunk of (exitReporter as (s: AsyncIterable<Ev>) => AsyncIterable<string>)(source())) out.push(JSON.parse(chunk));
  return out;
}

const fileFailure = (error: Record<string, unknown>): Ev => ({
  type: 'test:fail',
  data: { nesting: 0, name: '/x/a.test.ts', file: '/x/a.test.ts', details: { error } },
});

test('a file that exited non-zero or by a signal with no failing test is a crash', async () => {
  const out = await lines([
    fileFailure({ failureType: 'testCodeFailure', exitCode: 1, signal: null }),
    fileFailure({ failureType: 'testCodeFailure', exitCode: null, signal: 'SIGSEGV' }),
  ]);
  assert.deepEqual(
    out.map((l) => [l.kind, l.exitCode, l.signal]),
    [
      ['crash', 1, null],
      ['crash', null, 'SIGSEGV'],
    ],
  );
});

test('a failing test, or a file whose tests failed, is a failure; passes and nested failures are not listed', async () => {
  const out = await lines([
    { type: 'test:pass', data: { nesting: 0, name: 'ok', file: '/x/a.test.ts' } },
    {
      type: 'test:fail',
      data: { nesting: 1, name: 'inner', file: '/x/a.test.ts', details: { error: { failureType: 'testCodeFailure' } } },
    },
    { type: 'test:fail', data: { nesting: 0, name: 'top', file: '/x/a.test.ts', details: { error: { failureType: 'testCodeFailure' } } } },
    fileFailure({ failureType: 'subtestsFailed', exitCode: 1, signal: null }),
  ]);
  assert.deepEqual(
    out.map((l) => [l.kind, l.name]),
    [
      ['fail', 'top'],
      ['fail', '/x/a.test.ts'],
    ],
  );
});
