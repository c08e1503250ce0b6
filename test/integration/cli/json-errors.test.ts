// Issue 12 item 4: every command's --json error has one shape, the contract's failed result
// `{ ok: false, error: { code, message, retryable?, details? } }`, whether the command's call was
// refused by the core's API (certificate, outbox) or by the command itself (pay's notice check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { contractErrorSchema } from '../../../main/contract/result';
import { runCli } from '../../support/cli';
import { tempDir } from '../../support/tmp';

const run = (args: string[], dir: string) => runCli(args, dir);

test('--json errors of different commands have the same shape', (t) => {
  const dir = tempDir(t, 'sportello-cli-json-');
  const cases: Array<[string[], string]> = [
    [['certificate', 'no-such-session', '--to', `svg:${join(dir, 'x.svg')}`, '--json'], 'SESSION_NOT_FOUND'],
    [['outbox', 'retry', '424242', '--json'], 'OUTBOX_MESSAGE_NOT_FOUND'],
    [['sessions', '--limit', '1000', '--json'], 'REQUEST_INVALID'],
    [['pay', '--notice', '8001234567890', '--tender', 'cash', '--json'], 'PAYLOAD_INVALID'],
  ];
  for (const [args, code] of cases) {
    const r = run(args, dir);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    const body = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['error', 'ok'], args.join(' '));
    assert.equal(body.ok, false);
    const error = contractErrorSchema.strict().parse(body.error);
    assert.equal(error.code, code, args.join(' '));
    assert.ok(error.message.length > 0);
  }
});
