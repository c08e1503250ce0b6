/**
 * The one path from a CLI command to the core: the command starts the core (`startCore`, without
 * the outbox worker unless it asks for it), opens the core's API on it in process
 * (`createCoreApi`, as the terminal's local owner: main/contract/roles.ts) and makes contract calls.
 * A refused call stops the command with the contract's error, which `printError` prints in the
 * one shape every command uses.
 */
import { createCoreApi } from '../api/core-api';
import type { CoreApi, CoreApiOptions } from '../api/core-api';
import type { CallName, RequestOf, ResponseOf } from '../contract/calls';
import { startCore } from '../core/core';
import type { Core } from '../core/core';
import { CallRefused } from './refused';

export { CallRefused };

export interface LocalApi {
  core: Core;
  api: CoreApi;
  /** The call's answer; a refusal throws CallRefused. */
  call<N extends CallName>(name: N, request: RequestOf<N>): Promise<ResponseOf<N>>;
}

export interface WithApiOptions extends CoreApiOptions {
  env?: NodeJS.ProcessEnv;
  /** Run the outbox worker and sweeper (a payment); default false: nothing is sent. */
  run?: boolean;
}

/** Starts the core, runs `fn` against its API, and closes both whatever happens. */
export async function withApi<T>(opts: WithApiOptions, fn: (local: LocalApi) => Promise<T>): Promise<T> {
  const core = await startCore({ env: opts.env ?? process.env, run: opts.run ?? false });
  const api = createCoreApi(core, opts.printTimeouts ? { printTimeouts: opts.printTimeouts } : {});
  try {
    return await fn({
      core,
      api,
      async call(name, request) {
        const r = await api.call(name, request);
        if (!r.ok) throw new CallRefused(r.error);
        return r.value;
      },
    });
  } finally {
    api.close();
    await core.close();
  }
}
