/**
 * The core as one object: configuration (or demo mode with its own simulator), the database, the node
 * client, the payment engine and its outbox, and the sweeper that closes lapsing tokens. The CLI, the
 * loopback server and the Electron shell all start it the same way. Recovery runs before anything else.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../db';
import type { SportelloDatabase } from '../../db';
import { dataDir, hasPlainSecrets, loadConfig, openSecrets, saveConfig, sealSecrets, secretValues, secureDataDir } from '../config';
import type { Config, SecretVault } from '../config';
import { NodeClient } from '../node';
import { Outbox, PaymentEngine, systemClock } from '../engine';
import type { Clock } from '../engine';
import { EngineTime } from '../engine/clock';
import { RELEASE_MS, startClockGuard } from '../engine/clock-guard';
import type { ClockGuard } from '../engine/clock-guard';
import type { Simulator } from '../../sim/simulator';
import { createCoreLog, LOG_LEVEL_SETTING, LOG_LEVELS } from '../log';
import type { CoreLog, LogLevel } from '../log';

export interface CoreOptions {
  env?: NodeJS.ProcessEnv;
  /** Start the outbox and the sweeper (false for one-shot inspection commands). */
  run?: boolean;
  clock?: Clock;
  /** Outbox retry slot override (tests, chaos); default SANP's 15 s. */
  retrySlotMs?: number;
  /** How often the sweeper looks for lapsing tokens, idle kiosks and unanswered activations (default 5 s; 1 s with a test retry slot). */
  sweepMs?: number;
  /** Demo mode simulator port (0 = any free port). */
  demoPort?: number;
  /** The shell's secret store: with an OS keyring, the config file holds placeholders for the secrets. */
  secrets?: SecretVault | null;
  /** Log file rotation (tests): size past which `logs/sportello.log` rotates, files kept. */
  log?: { maxBytes?: number; files?: number };
}

export interface Core {
  mode: 'configured' | 'demo';
  config: Config;
  db: SportelloDatabase;
  node: NodeClient;
  engine: PaymentEngine;
  outbox: Outbox;
  /** Whether the wall clock is plausible (new payments are refused while it is not). */
  clockGuard: ClockGuard;
  sim: Simulator | null;
  dataDir: string;
  /** The config file in force, and the secret store the shell gave (null: secrets stay in the file). */
  configFile: string;
  secrets: SecretVault | null;
  recovery: { requeued: number; reactivated: number; abandoned: number } | null;
  /** The structured log in `<dataDir>/logs/` (main/log): events, codes and ids, secrets masked. */
  log: CoreLog;
  /**
   * Adds a step to the sweeper (run first in each sweep, isolated like the others, never overlapping
   * the previous sweep); returns how to remove it. The card resolver (main/services/card) settles open
   * card authorizations this way, before the engine's sweep may KO a lapsing token.
   */
  addSweepStep(name: string, run: () => Promise<unknown>): () => void;
  close(): Promise<void>;
}

/** The node client's default activate timeout, when the configuration sets none. */
const ACTIVATE_TIMEOUT_MS = 12_000;

/** What the core must not let fail silently, one JSON line on stderr (the technician's log). */
function logLine(entry: { level: string; event: string; data: Record<string, unknown> }): void {
  if (entry.level !== 'error') return; // the rest goes to the log file only (core.log)
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level: entry.level, event: entry.event, ...entry.data })}\n`);
}

/** A demo configuration pointed at a simulator: what a fresh clone runs with. */
export function demoConfig(sim: Simulator): Config {
  const c = sim.credentials;
  return {
    version: 1,
    node: {
      endpoint: sim.url,
      subscriptionKey: c.subscriptionKey,
      idPSP: c.idPSP,
      idBrokerPSP: c.idBrokerPSP,
      idChannel: c.idChannel,
      password: c.password,
      pspFiscalCode: c.idBrokerPSP,
      pspName: 'Sportello Demo PSP',
      tokenDurationMs: 1_800_000,
      timeoutsMs: {},
      isPoste: false,
    },
    terminal: { id: 'DEMO01', kind: 'counter', locale: 'it', strictCheckDigit: false, kioskAbandonSeconds: 180 },
    fees: { kind: 'flat', cents: 150 },
  };
}

/**
 * Engine time (main/engine/clock.ts): never earlier than the release date or, once the database is
 * open, than the newest time it holds; advanced monotonically; follows forward corrections of the
 * wall clock during the run.
 */
export function engineTime(clock: Clock): EngineTime {
  return new EngineTime(clock, { notBeforeMs: RELEASE_MS });
}

/** How often a running core re-checks the wall clock (and journals a change of plausibility). */
const CLOCK_CHECK_MS = 5_000;

export async function startCore(opts: CoreOptions = {}): Promise<Core> {
  const env = opts.env ?? process.env;
  const dir = dataDir(env);
  mkdirSync(dir, { recursive: true });
  secureDataDir(dir); // 0700 directory, 0600 files, umask 077: payments and PIN hashes are private (main/config/permissions.ts)
  const loaded = loadConfig(env);
  let sim: Simulator | null = null;
  let config: Config;
  const secrets = opts.secrets ?? null;
  if (loaded.mode === 'configured') {
    config = await openSecrets(loaded.config, secrets, loaded.file);
    // First start with a keyring: move the secrets out of the file.
    if (secrets?.protection === 'os-keyring' && hasPlainSecrets(loaded.config)) {
      saveConfig(await sealSecrets(config, secrets), { SPORTELLO_CONFIG: loaded.file });
    }
  } else {
    const { startSimulator } = await import('../../sim/simulator');
    // Demo mode keeps the simulator's state next to the terminal's, so a restart resumes both.
    sim = await startSimulator({ port: opts.demoPort ?? 0, db: join(dir, 'demo-node.db') });
    config = demoConfig(sim);
  }
  const log = createCoreLog({ dir: join(dir, 'logs'), secrets: secretValues(config), ...opts.log });
  const time = engineTime(opts.clock ?? systemClock);
  const now = () => time.now();
  let db: SportelloDatabase;
  try {
    db = openDatabase(join(dir, 'sportello.db'), { clock: now });
  } catch (e) {
    // A refused database (emptied, damaged, in use) must not leave demo mode's simulator running.
    await sim?.close();
    log.error('core-start-failed', { error: e });
    log.close();
    throw e;
  }
  const storedLevel = db.settings.get(LOG_LEVEL_SETTING);
  if (LOG_LEVELS.includes(storedLevel as LogLevel)) log.setLevel(storedLevel as LogLevel);
  // Raises engine time to the newest time the database holds before anything is scheduled on it.
  const clockGuard = startClockGuard(time, db, opts.run === false ? {} : { watchMs: CLOCK_CHECK_MS });
  const node = new NodeClient({ ...config.node, timeoutsMs: config.node.timeoutsMs });
  const engine = new PaymentEngine(
    db,
    node,
    {
      terminalId: config.terminal.id,
      terminalKind: config.terminal.kind,
      tokenDurationMs: config.node.tokenDurationMs,
      fees: config.fees,
      isPoste: config.node.isPoste,
      activationHorizonMs:
        config.node.activationHorizonMs ?? Math.max(60_000, 2 * (config.node.timeoutsMs.activatePaymentNotice ?? ACTIVATE_TIMEOUT_MS)),
      sellsStamps: config.node.ecommerce ?? false,
      ...(config.node.touchPoint ? { touchPoint: config.node.touchPoint } : {}),
      ...(config.node.paymentChannel ? { paymentChannel: config.node.paymentChannel } : {}),
      clockGuard,
    },
    now,
  );
  const outbox = new Outbox(engine, opts.retrySlotMs ? { retrySlotMs: opts.retrySlotMs } : {});
  let sweeper: NodeJS.Timeout | null = null;
  let recovery: Core['recovery'] = null;
  const extraSteps = new Map<string, () => Promise<unknown>>();
  engine.on('log', (entry) => {
    logLine(entry);
    log[entry.level](entry.event, entry.data);
  });
  if (opts.run !== false) {
    recovery = await engine.recover();
    // The configuration in force may differ from the one that parked outcomes (it is read at start).
    outbox.configurationChanged();
    outbox.start();
    let sweeping = false;
    const step = async (name: string, run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (e) {
        engine.log('error', `sweep-${name}`, {
          code: (e as { code?: string }).code ?? 'INTERNAL',
          message: e instanceof Error ? e.message : String(e),
        });
      }
    };
    const sweep = async () => {
      // Sweeps never overlap: a slow node must not make two of them close the same token.
      if (sweeping) return;
      sweeping = true;
      try {
        for (const [name, run] of [...extraSteps]) await step(name, run);
        await step('expire-lapsing', () => engine.expireLapsing(120_000));
        if (config.terminal.kind === 'kiosk')
          await step('abandon-idle', () => engine.abandonIdle(config.terminal.kioskAbandonSeconds * 1000));
        await step('resolve-activations', () => engine.resolveUnknownActivations());
      } finally {
        sweeping = false;
      }
    };
    sweeper = setInterval(() => void sweep(), opts.sweepMs ?? (opts.retrySlotMs ? 1_000 : 5_000));
    sweeper.unref();
  }
  log.info('core-started', { mode: loaded.mode, terminalId: config.terminal.id, run: opts.run !== false, recovery });
  return {
    mode: loaded.mode,
    config,
    db,
    node,
    engine,
    outbox,
    sim,
    dataDir: dir,
    recovery,
    configFile: loaded.file,
    secrets,
    clockGuard,
    log,
    addSweepStep(name, run) {
      extraSteps.set(name, run);
      return () => {
        if (extraSteps.get(name) === run) extraSteps.delete(name);
      };
    },
    async close() {
      extraSteps.clear();
      log.info('core-stopping', {});
      if (sweeper) clearInterval(sweeper);
      await outbox.stop();
      node.close();
      db.close();
      await sim?.close();
      log.close();
    },
  };
}

/** The technician's log level: in force at once, and kept in the database for the next start. */
export function setLogLevel(core: Pick<Core, 'db' | 'log'>, level: LogLevel): void {
  core.db.settings.set(LOG_LEVEL_SETTING, level);
  core.log.setLevel(level);
  core.log.info('log-level-changed', { level });
}
