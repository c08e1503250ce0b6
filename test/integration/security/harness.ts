// A real core (demo mode by default, or configured with a config file) and the in-process API, plus
// helpers to act as a principal of each role through the same gate every transport uses.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { saveConfig } from '../../../main/config';
import type { Config } from '../../../main/config';
import { createCoreApi } from '../../../main/api/core-api';
import type { CoreApi } from '../../../main/api/core-api';
import type { CallResult, ContractError } from '../../../main/contract';
import { startCore } from '../../../main/core/core';
import type { Core } from '../../../main/core/core';
import { tempDir } from '../../support/tmp';

type T = { after(fn: () => unknown): void };

export interface Started {
  core: Core;
  api: CoreApi;
  dir: string;
}

export const DEMO_TECHNICIAN_PIN = '246810';

/** A configuration with real-looking credentials; the endpoint need not answer. */
export function configured(endpoint = 'http://127.0.0.1:9/nodo-auth/node-for-psp/v1'): Config {
  return {
    version: 1,
    node: {
      endpoint,
      subscriptionKey: 'stored-subscription-key-0123456789',
      idPSP: 'ABI12345',
      idBrokerPSP: '12345678901',
      idChannel: '12345678901_01',
      password: 'Stored-Pass1',
      pspFiscalCode: '12345678901',
      pspName: 'Banca di Prova',
      tokenDurationMs: 1_800_000,
      timeoutsMs: {},
      isPoste: false,
    },
    terminal: { id: 'T01', kind: 'counter', locale: 'it', strictCheckDigit: false, kioskAbandonSeconds: 180 },
    fees: { kind: 'none' },
  };
}

export async function start(t: T, opts: { config?: Config; dir?: string } = {}): Promise<Started> {
  const dir = opts.dir ?? tempDir(t, 'sportello-security-');
  if (opts.config) saveConfig(opts.config, { SPORTELLO_CONFIG: join(dir, 'config.json') });
  const core = await startCore({ env: { SPORTELLO_DATA_DIR: dir }, run: !opts.config });
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
