// Items 5 and 8 through the real `sportello` command: a subscription key in the endpoint's query
// string was printed by `config show` and `doctor --json`; a node fault code holding escape
// sequences was printed raw by `sportello outbox`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { saveConfig } from '../../../main/config';
import { reaches } from '../contract/counter-fixture';
import { runCli } from '../../support/cli';
import { tempDir } from '../../support/tmp';
import { configured, start, value } from './harness';

const run = (args: string[], dir: string) => runCli(args, dir);

test('issue 11 item 5: secrets in the endpoint (query values, user info) are masked by config show and doctor --json', (t) => {
  const dir = tempDir(t, 'sportello-cli-');
  const c = configured('http://127.0.0.1:9/nodo-auth/node-for-psp/v1?subscription-key=QUERY-KEY-0123456789&v=2');
  saveConfig(c, { SPORTELLO_CONFIG: join(dir, 'config.json') });
  const secrets = ['QUERY-KEY-0123456789', c.node.password, c.node.subscriptionKey];
  for (const args of [
    ['config', 'show'],
    ['config', 'show', '--json'],
    ['doctor', '--json'],
  ]) {
    const r = run(args, dir);
    const out = r.stdout + r.stderr;
    assert.ok(out.includes('subscription-key='), `${args.join(' ')} shows the endpoint: ${out.slice(0, 300)}`);
    for (const s of secrets) assert.ok(!out.includes(s), `${args.join(' ')} printed a secret`);
  }
  // user info too
  saveConfig(
    { ...c, node: { ...c.node, endpoint: 'http://gw-user:gw-Secret-Pass@127.0.0.1:9/nodo' } },
    { SPORTELLO_CONFIG: join(dir, 'config.json') },
  );
  const shown = run(['config', 'show', '--json'], dir).stdout;
  assert.ok(!shown.includes('gw-Secret-Pass') && !shown.includes('gw-user'), shown);
});

test('issue 11 item 8: sportello outbox strips escape sequences and control characters from node faults', async (t) => {
  const dir = tempDir(t, 'sportello-cli-');
  const s = await start(t, { dir });
  const started = value(await s.api.call('session.start', { kind: 'counter', operatorId: 'mrossi' }));
  value(await s.api.call('session.addNotice', { sessionId: started.id, text: 'PAGOPA|002|301020250000000129|77777777777|12000' }));
  value(await s.api.call('session.activate', { sessionId: started.id }));
  const done = reaches(s.api, started.id, ['completed']);
  value(await s.api.call('session.tender', { sessionId: started.id, method: 'card' }));
  await done;
  // As a hostile node would have answered: a fault code that clears the screen, retitles the terminal and rings.
  const hostile = 'PPT_\x1b[2J\x1b]0;pwned\x07SYSTEM\x1b[31m_ERROR\x9b1m\x07';
  s.core.db.sqlite
    .prepare("UPDATE outbox_message SET state = 'pending', last_error_code = ? WHERE session_id = ?")
    .run(hostile, started.id);
  // The screens get the same text cleaned at the contract's edge.
  const listed = value(await s.api.call('outbox.list', { sessionId: started.id })).messages;
  assert.equal(listed[0]?.lastErrorCode, 'PPT_SYSTEM_ERROR');
  s.api.close();
  await s.core.close();
  const r = run(['outbox'], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(r.stdout), `control characters printed: ${JSON.stringify(r.stdout)}`);
  assert.match(r.stdout, /last PPT_SYSTEM_ERROR/);
  // The CLI reads through the core's API, so its JSON carries the text cleaned like every answer.
  const json = run(['outbox', '--json'], dir).stdout;
  assert.ok(!json.includes('\\u001b') && !json.includes('\\u0007'), json.slice(0, 300));
  assert.match(json, /"lastErrorCode": "PPT_SYSTEM_ERROR"/);
});
