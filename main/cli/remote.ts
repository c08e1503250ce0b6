/**
 * The running terminal, seen from a `sportello` command: the core that holds the database leaves its
 * address in `<dataDir>/core.json` (main/server/address.ts); a command then makes its contract calls
 * over that core's loopback HTTP API instead of opening the database (which would wait, then say
 * DB_IN_USE). Each call carries the server's token (`Authorization: Bearer`) and the owner's
 * credential (`Sportello-Auth`), which makes it the terminal's local owner as in process; no Origin
 * is sent (the guard lets non-browser clients in without one).
 *
 * The file is trusted only once its process is alive and its server answers with its token: a file
 * left by a killed core, or a port now used by something else, is stale and ignored. A server that
 * accepts the connection but never answers is CORE_NOT_RESPONDING after a bounded wait, never a hang.
 */
import { request as httpRequest } from 'node:http';
import type { CallName, RequestOf, ResponseOf } from '../contract/calls';
import type { CallOptions, ContractClient } from '../contract/client';
import type { EventName, EventPayload } from '../contract/events';
import type { CallResult } from '../contract/result';
import { dataDir } from '../config';
import { AUTH_HEADER, processAlive, readCoreAddress } from '../server';
import type { CoreAddress } from '../server';
import { SportelloError } from '../../kernel/errors';

/** How long the first call (is this core there?) may take: it asks for nothing but system.info. */
export const PROBE_TIMEOUT_MS = 5_000;
/** How long any other call may take: longer than the node's own timeouts (an activation, a print). */
export const CALL_TIMEOUT_MS = 120_000;

export class CoreNotResponding extends SportelloError {
  declare readonly code: 'CORE_NOT_RESPONDING';
  constructor(url: string, waitedMs: number) {
    super(
      'CORE_NOT_RESPONDING',
      `the running terminal at ${url} accepted the connection but did not answer within ${Math.round(waitedMs / 1000)} s: ` +
        'it may be busy or stuck; try again, or restart it',
      { retryable: true, details: { url, waitedMs } },
    );
  }
}

export class CoreRunning extends SportelloError {
  declare readonly code: 'CORE_RUNNING';
  constructor(what: string, core: Pick<CoreAddress, 'pid' | 'url'>) {
    super('CORE_RUNNING', `the terminal is running (process ${core.pid}, ${core.url}): ${what}`, {
      details: { pid: core.pid, url: core.url },
    });
  }
}

type Sent =
  { kind: 'answer'; status: number; body: string } | { kind: 'refused' } | { kind: 'timeout' } | { kind: 'failed'; message: string };

/** One POST, no keep-alive (a command's process must be free to exit), bounded from connect to last byte. */
function post(address: CoreAddress, name: string, request: unknown, timeoutMs: number): Promise<Sent> {
  const body = JSON.stringify(request ?? {});
  return new Promise((resolve) => {
    const req = httpRequest(
      `${address.url}/api/${encodeURIComponent(name)}`,
      {
        method: 'POST',
        agent: false,
        headers: {
          Authorization: `Bearer ${address.token}`,
          [AUTH_HEADER]: address.owner,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ kind: 'answer', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (e) => {
          clearTimeout(timer);
          resolve({ kind: 'failed', message: e.message });
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ kind: 'timeout' });
    }, timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(e.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'failed', message: e.message });
    });
    req.end(body);
  });
}

function asResult(sent: Sent, address: CoreAddress, timeoutMs: number): CallResult<unknown> {
  if (sent.kind === 'timeout') return { ok: false, error: new CoreNotResponding(address.url, timeoutMs).toJSON() };
  if (sent.kind === 'refused' || sent.kind === 'failed') {
    const message = sent.kind === 'refused' ? 'the running terminal closed its API' : sent.message;
    return { ok: false, error: { code: 'TRANSPORT_CLOSED', message, retryable: true } };
  }
  try {
    const result = JSON.parse(sent.body) as CallResult<unknown>;
    if (result && typeof result === 'object' && typeof result.ok === 'boolean') return result;
  } catch {
    // not the contract's answer: said below
  }
  return {
    ok: false,
    error: { code: 'CORE_ANSWER_INVALID', message: `the running terminal answered HTTP ${sent.status} without a result` },
  };
}

/** The contract over the running core's HTTP API, as the local owner. Calls resolve, never reject (ContractClient). */
export class HttpContractClient implements ContractClient {
  constructor(
    readonly address: CoreAddress,
    private readonly timeoutMs: number = CALL_TIMEOUT_MS,
  ) {}

  async call<N extends CallName>(name: N, request: RequestOf<N>, _options?: CallOptions): Promise<CallResult<ResponseOf<N>>> {
    return asResult(await post(this.address, name, request, this.timeoutMs), this.address, this.timeoutMs) as CallResult<ResponseOf<N>>;
  }

  /** A one-shot command listens to no event: HTTP carries none. */
  on<E extends EventName>(_event: E, _listener: (payload: EventPayload<E>) => void): () => void {
    return () => undefined;
  }
}

/**
 * The running core of this data directory, or null when none runs (no file, a stale one). Throws
 * CoreNotResponding when its server accepts but does not answer.
 */
export async function findRunningCore(
  env: NodeJS.ProcessEnv = process.env,
  probeMs = PROBE_TIMEOUT_MS,
): Promise<HttpContractClient | null> {
  const address = readCoreAddress(dataDir(env));
  if (!address || !processAlive(address.pid)) return null;
  const sent = await post(address, 'system.info', {}, probeMs);
  if (sent.kind === 'timeout') throw new CoreNotResponding(address.url, probeMs);
  // Nothing listening, or a server that does not know this token (the port was taken by another): stale.
  if (sent.kind !== 'answer' || sent.status !== 200) return null;
  return new HttpContractClient(address);
}

/** For commands that act on the files themselves: refused at once while a terminal runs (instead of waiting for the database). */
export async function refuseWhileRunning(what: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const running = await findRunningCore(env);
  if (running) throw new CoreRunning(what, running.address);
}
