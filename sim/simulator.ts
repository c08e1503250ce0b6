/**
 * `startSimulator`: the pagoPA node simulator as a library, for tests, benchmarks, the app's demo
 * mode and the `sportello sim` command. One HTTP server: the SOAP endpoint (nodeForPsp) and the
 * JSON admin API under /admin; the same controls are offered in-process on the returned object.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { SportelloError } from '../kernel/errors';
import { SimClock } from './clock';
import { CancelJob } from './cancel-job';
import { memoryStore } from './store/memory';
import { sqliteStore } from './store/sqlite';
import { SimState } from './state';
import { applySeed, loadSeed, parseSeed, type AbsentNotice, type Seed } from './seed';
import { xsdValidator } from './xsd';
import { RequestLog, type LogEntry } from './log';
import { FaultInjector, parseFaultRules, type FaultRule } from './fault-injection';
import { createSimServer, SOAP_PATH } from './server';
import { createAdmin } from './admin';
import { viewPosition, type PositionView } from './view';
import { createPosition, type StationChange } from './positions';
import { createService } from './services/admin-services';
import type { DispatchContext } from './dispatch';
import type { Service } from './model';
import type { PspCredentials } from './context';

export interface SimCredentials extends PspCredentials {
  subscriptionKey: string;
}

/** Built-in credentials: fine for a simulator on loopback, never for anything real. */
export const DEFAULT_CREDENTIALS: Readonly<SimCredentials> = Object.freeze({
  idPSP: 'SPRTLLO1',
  idBrokerPSP: '12345678901',
  idChannel: '12345678901_01',
  password: 'Sportello-Sim1',
  subscriptionKey: 'sportello-sim-subscription-key',
});

/** The node's default token validity: 30 minutes. */
export const DEFAULT_TOKEN_MS = 1_800_000;

/** How often the node's cancel job (mod3CancelV2) releases expired tokens, by default: 1 minute. */
export const DEFAULT_CANCEL_JOB_MS = 60_000;

export interface SimulatorOptions {
  /** 0 (default) = a free port */
  port?: number;
  /** default 127.0.0.1: the admin API has no authentication, keep it on loopback */
  host?: string;
  /** a seed file path or an already-parsed seed; default sim/seed/default.json */
  seed?: string | Seed;
  /** SQLite file: state survives a restart; an empty database is filled from the seed */
  db?: string;
  tokenMs?: number;
  /** validity of idempotency keys (an activation's never outlives its token); default tokenMs */
  idempotencyMs?: number;
  /**
   * period of the node's cancel job, simulated ms: an expired token holds its notice until it runs
   * (default 60 000; 0 = only when run through the admin API). See cancel-job.ts.
   */
  cancelJobMs?: number;
  credentials?: Partial<SimCredentials>;
  /** more channels the node knows (same subscription key); `ecommerce: true` for one that sells @e.bollo */
  extraPsps?: PspCredentials[];
  /**
   * the real time under the simulated clock (default Date.now); a test that wants time to move only
   * through advanceClock passes a frozen one
   */
  timeSource?: () => number;
  /** largest request body accepted (HTTP 413 above); default 1 MiB */
  maxBodyBytes?: number;
  /** request log entries kept; default 10 000 */
  logLimit?: number;
}

export interface Simulator {
  /** the SOAP endpoint, e.g. http://127.0.0.1:18080/nodo-auth/node-for-psp/v1 */
  readonly url: string;
  readonly adminUrl: string;
  readonly host: string;
  readonly port: number;
  readonly credentials: Readonly<SimCredentials>;
  readonly tokenMs: number;
  readonly cancelJobMs: number;
  close(): Promise<void>;
  log(sinceSeq?: number): LogEntry[];
  position(fiscalCode: string, noticeNumber: string): PositionView | undefined;
  positions(): PositionView[];
  /** notices the seed lists as deliberately absent (unknown notice, unknown creditor) */
  absentNotices(): AbsentNotice[];
  /** validates like POST /admin/positions; throws PositionInvalid or PositionExists */
  addPosition(input: unknown): PositionView;
  setStation(fiscalCode: string, change: StationChange): void;
  /** the service catalogue as stored (every provider, in or out of its validity dates) */
  services(): Service[];
  /** validates like a seed's service (POST /admin/services); throws ServiceInvalid or ServiceExists */
  addService(input: unknown): Service;
  /** simulated now, epoch ms */
  now(): number;
  /** simulated minus real time, ms */
  clockOffsetMs(): number;
  advanceClock(ms: number): number;
  /** runs the node's cancel job now: every expired token is released; returns how many this run released */
  runCancelJob(): { released: number; at: number };
  /** marks a session's activation as still in progress at the node (an outcome gets PPT_SEMANTICA) */
  setActivationPending(paymentToken: string, pending: boolean): void;
  injectFaults(rules: unknown): FaultRule[];
  faults(): FaultRule[];
  clearFaults(): void;
  /** back to the seed: positions, sessions, idempotency records, clock, faults and log */
  reset(): void;
}

export class SimConfigError extends SportelloError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('SIM_CONFIG_INVALID', message, { details });
  }
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const credentials = checkCredentials({ ...DEFAULT_CREDENTIALS, ...opts.credentials });
  const tokenMs = positiveInt('tokenMs', opts.tokenMs ?? DEFAULT_TOKEN_MS);
  const idempotencyMs = positiveInt('idempotencyMs', opts.idempotencyMs ?? tokenMs);
  const cancelJobMs = opts.cancelJobMs ?? DEFAULT_CANCEL_JOB_MS;
  if (!Number.isSafeInteger(cancelJobMs) || cancelJobMs < 0)
    throw new SimConfigError(`cancelJobMs must be a non-negative integer, got ${cancelJobMs}`);
  const maxBodyBytes = positiveInt('maxBodyBytes', opts.maxBodyBytes ?? 1024 * 1024);
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SimConfigError(`port must be 0..65535, got ${port}`);
  const host = opts.host ?? '127.0.0.1';
  const seed = typeof opts.seed === 'object' ? parseSeed(opts.seed) : loadSeed(opts.seed);
  const { idPSP, idBrokerPSP, idChannel, password } = credentials;
  const psps = [
    { idPSP, idBrokerPSP, idChannel, password, ...(credentials.ecommerce !== undefined ? { ecommerce: credentials.ecommerce } : {}) },
    ...(opts.extraPsps ?? []).map(checkCredentials),
  ];

  const xsd = await xsdValidator();
  const state = new SimState(opts.db ? sqliteStore(opts.db) : memoryStore());
  const clock = new SimClock(0, opts.timeSource ?? Date.now);
  if (!state.meta('seeded', false)) applySeed(state, seed, clock.now());
  clock.reset(state.meta('clockOffsetMs', 0));
  const log = new RequestLog(opts.logLimit ?? 10_000);
  const faults = new FaultInjector(clock);
  const cancelJob = new CancelJob(state, cancelJobMs);
  const ctx: DispatchContext = {
    state,
    clock,
    xsd,
    cancelJob,
    config: { tokenMs, idempotencyMs, psps },
    newToken: () => randomBytes(16).toString('hex'),
  };

  // The admin API needs the finished Simulator, which needs the bound port: a reference closes the loop.
  const ref: { sim?: Simulator } = {};
  const server = createSimServer({
    dispatch: ctx,
    log,
    faults,
    clock,
    subscriptionKey: credentials.subscriptionKey,
    maxBodyBytes,
    admin: createAdmin(() => ref.sim as Simulator),
  });
  try {
    server.listen(port, host);
    await once(server, 'listening');
  } catch (e) {
    state.close();
    throw new SimConfigError(`cannot listen on ${host}:${port}: ${(e as Error).message}`, { host, port });
  }
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const base = `http://${urlHost}:${boundPort}`;
  let closed: Promise<void> | undefined;

  const sim: Simulator = {
    url: `${base}${SOAP_PATH}`,
    adminUrl: `${base}/admin`,
    host,
    port: boundPort,
    credentials,
    tokenMs,
    cancelJobMs,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).finally(() => state.close())),
    log: (since) => log.entries(since),
    position: (fc, nn) => {
      const p = state.position(fc, nn);
      return p && viewPosition(state, p, clock.now(), cancelJob);
    },
    positions: () => state.positions().map((p) => viewPosition(state, p, clock.now(), cancelJob)),
    absentNotices: () => state.meta<AbsentNotice[]>('absent', []),
    addPosition: (input) => viewPosition(state, createPosition(state, input, clock.now()), clock.now(), cancelJob),
    setStation: (fc, change) => {
      const c = state.creditor(fc);
      if (!c) throw new SimConfigError(`creditor ${fc} unknown`, { fiscalCode: fc });
      state.putCreditor({ ...c, station: change.station });
    },
    services: () => state.services(),
    addService: (input) => createService(state, input),
    now: () => clock.now(),
    clockOffsetMs: () => clock.offsetMs,
    advanceClock: (ms) => {
      clock.advance(ms);
      state.setMeta('clockOffsetMs', clock.offsetMs);
      return clock.now();
    },
    runCancelJob: () => {
      const at = clock.now();
      return { released: state.transaction(() => cancelJob.runNow(at)), at };
    },
    setActivationPending: (token, pending) => {
      const s = state.session(token);
      if (!s) throw new SimConfigError(`no session with paymentToken ${token}`, { paymentToken: token });
      if (pending) s.activationPending = true;
      else delete s.activationPending;
      state.putSession(s);
    },
    injectFaults: (rules) => faults.add(parseFaultRules(rules)),
    faults: () => faults.list(),
    clearFaults: () => faults.clear(),
    reset: () => {
      clock.reset(0);
      applySeed(state, seed, clock.now());
      faults.clear();
      log.clear();
    },
  };
  ref.sim = sim;
  return sim;
}

function positiveInt(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new SimConfigError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** The same limits the XSD puts on them, so the simulator cannot be configured into rejecting itself. */
function checkCredentials<T extends PspCredentials>(c: T): T {
  for (const k of ['idPSP', 'idBrokerPSP', 'idChannel'] as const) {
    if (typeof c[k] !== 'string' || c[k].length < 1 || c[k].length > 35) throw new SimConfigError(`${k} must be 1..35 characters`);
  }
  if (typeof c.password !== 'string' || c.password.length < 8 || c.password.length > 15) {
    throw new SimConfigError('password must be 8..15 characters');
  }
  if (c.ecommerce !== undefined && typeof c.ecommerce !== 'boolean') throw new SimConfigError('ecommerce must be true or false');
  if ('subscriptionKey' in c && (typeof c.subscriptionKey !== 'string' || c.subscriptionKey.length === 0)) {
    throw new SimConfigError('subscriptionKey must not be empty');
  }
  return c;
}
