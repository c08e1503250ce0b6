// Issue 13 (counter): the node showed "not yet contacted" until the first scan, even when it was down
// at start. With watchNodeEveryMs (the shells and `serve`), the API asks the node at start and after
// any quiet minute; a one-shot CLI command does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCoreApi } from '../../../main/api/core-api';
import type { NodeStatus } from '../../../main/contract/events';
import { start } from './harness';

function nextStatus(api: ReturnType<typeof createCoreApi>, state: NodeStatus['state']): Promise<NodeStatus> {
  return new Promise((resolve) => {
    const off = api.on('node.status', (s) => {
      if (s.state === state) {
        off();
        resolve(s);
      }
    });
  });
}

test('at start the node is asked: reachable without any payment', async (t) => {
  const { core } = await start(t);
  const api = createCoreApi(core, { watchNodeEveryMs: 60_000 });
  t.after(() => api.close());
  const status = await nextStatus(api, 'reachable');
  assert.equal(status.lastErrorCode, null);
  assert.deepEqual(
    core.sim!.log().map((e) => e.operation),
    ['nodoChiediCatalogoServiziV2'],
    'one catalogue request, which changes nothing at the node',
  );
});

test('a node down at start shows unreachable with the reason, before anyone scans', async (t) => {
  const { core } = await start(t);
  await core.sim!.close();
  const api = createCoreApi(core, { watchNodeEveryMs: 60_000 });
  t.after(() => api.close());
  const status = await nextStatus(api, 'unreachable');
  assert.equal(status.lastErrorCode, 'NODE_UNREACHABLE');
});

test('without the option (a CLI command) the node is not asked', async (t) => {
  const { core, api } = await start(t);
  const info = await api.call('system.info', {});
  assert.ok(info.ok);
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(core.sim!.log(), []);
});
