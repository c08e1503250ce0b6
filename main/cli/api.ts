/**
 * The one path from a CLI command to the core. When a terminal is running on this data directory
 * (`core.json`, remote.ts), the command's contract calls go to that core over its loopback HTTP API;
 * otherwise the command starts the core itself (`startCore`, without the outbox worker unless it
 * asks for it) and opens the core's API on it in process (`createCoreApi`). Either way the calls are
 * made as the terminal's local owner (main/contract/roles.ts) and answer the same, so a command
 * prints the same thing. A refused call stops the command with the contract's error, which
 * `printError` prints in the one shape every command uses.
 */
import { createCoreApi } from '../api/core-api';
import type { CoreApi, CoreApiOptions } from '../api/core-api';
import type { CallName, RequestOf, ResponseOf } from '../contract/calls';
import { startCore } from '../core/core';
import type { Core } from '../core/core';
import { CallRefused } from './refused';
import { findRunningCore } from './remote';

export { CallRefused };

/** What a command uses of the core, wherever it runs. */
export interface CliApi {
  /** 'remote': the running terminal answers; 'local': this process opened the database. */
  where: 'local' | 'remote';
  /** The call's answer; a refusal throws CallRefused. */
  call<N extends CallName>(name: N, request: RequestOf<N>): Promise<ResponseOf<N>>;
  /**
   * Sends what is due now before the command ends (a KO after a cancel): the local core's outbox.
   * Nothing to do remotely: the running terminal keeps sending.
   */
  flush(): Promise<void>;
}

/** Runs `fn` against the running terminal's API if there is one, else against a core started here (`withApi`). */
export async function withCli<T>(opts: WithApiOptions, fn: (api: CliApi) => Promise<T>): Promise<T> {
  const remote = await findRunningCore(opts.env ?? process.env);
  if (remote) {
    return fn({
      where: 'remote',
      async call(name, request) {
        const r = await remote.call(name, request);
        if (!r.ok) throw new CallRefused(r.error);
        return r.value;
      },
      flush: () => Promise.resolve(),
    });
  }
  return withApi(opts, ({ core, call }) => fn({ where: 'local', call, flush: () => core.outbox.drain() }));
}

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
