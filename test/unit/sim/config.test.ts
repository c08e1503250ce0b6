import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_DEFAULT_PORT, parseSimArgs } from '../../../sim/config';

test('defaults, then environment, then flags', () => {
  assert.deepEqual(parseSimArgs([], {}), { kind: 'run', options: { port: CLI_DEFAULT_PORT } });
  const env = {
    SPORTELLO_SIM_PORT: '9000',
    SPORTELLO_SIM_ID_PSP: 'ENVPSP',
    SPORTELLO_SIM_DB: '/tmp/x.sqlite',
    SPORTELLO_SIM_TOKEN_MS: '7000',
  };
  const r = parseSimArgs(['--port', '9100', '--id-psp=FLAG', '--subscription-key', 'k'], env);
  assert.deepEqual(r, {
    kind: 'run',
    options: { port: 9100, db: '/tmp/x.sqlite', tokenMs: 7000, credentials: { idPSP: 'FLAG', subscriptionKey: 'k' } },
  });
});

test('unknown options, missing values and non-numbers are usage errors; --help is help', () => {
  assert.equal(parseSimArgs(['--help'], {}).kind, 'help');
  for (const args of [['--nope'], ['--port'], ['--port', '-1'], ['--token-ms', '1.5'], ['positional']]) {
    assert.equal(parseSimArgs(args, {}).kind, 'error', args.join(' '));
  }
  assert.equal(parseSimArgs([], { SPORTELLO_SIM_PORT: 'abc' }).kind, 'error');
});
