// A real core in demo mode (its own simulator on loopback, SQLite in a temp folder) and the contract
// in process, as the shells use it. `value` unwraps a result or fails the test with its error.
import assert from 'node:assert/strict';
import { startCore } from '../../../main/core/core';
import type { Core, CoreOptions } from '../../../main/core/core';
import { createCoreApi } from '../../../main/api/core-api';
import type { CoreApi } from '../../../main/api/core-api';
import type { CallResult, ContractError } from '../../../main/contract';
import { tempDir } from '../../support/tmp';

type T = { after(fn: () => unknown): void };

export const QR_TARI = 'PAGOPA|002|301020250000000129|77777777777|12000';
export const QR_CANTEEN = 'PAGOPA|002|301020250000000230|77777777777|4550';

export interface Started {
  core: Core;
  api: CoreApi;
  dir: string;
}

/** Starts a core on `dir` (a fresh temp folder by default); everything is closed after the test. */
export async function start(t: T, opts: { dir?: string; core?: CoreOptions } = {}): Promise<Started> {
  const dir = opts.dir ?? tempDir(t, 'sportello-contract-');
  const core = await startCore({ ...opts.core, env: { SPORTELLO_DATA_DIR: dir, ...opts.core?.env } });
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

export function error<V>(r: CallResult<V>): ContractError {
  if (r.ok) assert.fail(`expected a refusal, got ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}
