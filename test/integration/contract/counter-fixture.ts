// A real demo core (its own simulator, SQLite in a temp folder) and the in-process contract API,
// with a helper that pays a cart through the contract the way the counter does.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startCore } from '../../../main/core/core';
import type { Core } from '../../../main/core/core';
import { createCoreApi } from '../../../main/api/core-api';
import type { CoreApi } from '../../../main/api/core-api';
import type { CallResult } from '../../../main/contract/result';
import type { SessionState } from '../../../main/engine/types';
import { tempDir } from '../../support/tmp';

type T = { after(fn: () => unknown): void };

export async function demoApi(t: T): Promise<{ core: Core; api: CoreApi; dir: string }> {
  const dir = tempDir(t, 'sportello-contract-');
  const core = await startCore({ env: { SPORTELLO_DATA_DIR: dir, SPORTELLO_CONFIG: join(dir, 'config.json') } });
  const api = createCoreApi(core);
  t.after(async () => {
    api.close();
    await core.close();
  });
  return { core, api, dir };
}

export function value<V>(r: CallResult<V>): V {
  if (!r.ok) assert.fail(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

export function refusal<V>(r: CallResult<V>): { code: string; details?: Record<string, unknown> } {
  if (r.ok) assert.fail('the call was expected to be refused');
  return r.error;
}

/** Resolves when the session reaches one of the statuses (events only, no clock). */
export function reaches(api: CoreApi, sessionId: string, statuses: readonly string[]): Promise<SessionState> {
  return new Promise((resolve) => {
    const check = (s: SessionState) => {
      if (s.id !== sessionId || !statuses.includes(s.status)) return;
      off();
      resolve(s);
    };
    const off = api.on('session.updated', check);
    void api.call('session.get', { sessionId }).then((r) => r.ok && check(r.value));
  });
}

/** Start, add the notices, activate: the session holds its tokens, nothing is paid yet. */
export async function activated(api: CoreApi, qrs: readonly string[], operatorId?: string): Promise<SessionState> {
  const s = value(await api.call('session.start', { kind: 'counter', ...(operatorId ? { operatorId } : {}) }));
  for (const text of qrs) value(await api.call('session.addNotice', { sessionId: s.id, text }));
  const a = value(await api.call('session.activate', { sessionId: s.id }));
  assert.equal(a.status, 'activated');
  return a;
}

/** A whole payment, until the node took every outcome. */
export async function pay(
  api: CoreApi,
  qrs: readonly string[],
  method: 'cash' | 'card' | 'other',
  givenCents: number | null = null,
): Promise<SessionState> {
  const a = await activated(api, qrs);
  const done = reaches(api, a.id, ['completed']);
  value(await api.call('session.tender', { sessionId: a.id, method, givenCents }));
  return done;
}

export const QR = {
  tari: 'PAGOPA|002|301020250000000129|77777777777|12000',
  canteen: 'PAGOPA|002|301020250000000230|77777777777|4550',
  permit: 'PAGOPA|002|301020250000000331|77777777777|25000',
  multi: 'PAGOPA|002|301020250000000432|77777777777|9900',
} as const;
