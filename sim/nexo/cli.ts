/**
 * `npm run sim:nexo` (bin/sim-nexo.mjs): a nexo card terminal simulator on loopback for the demo and
 * for trying the card terminal settings. Prints its endpoint, POIID and key identifier; the passphrase
 * only when it is the built-in demo one (a passphrase given on the command line is never echoed).
 * Exit codes: 0 stopped by a signal (or --help), 1 could not start, 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { parseNexoScript, NexoScriptInvalid } from './script';
import { DEFAULT_NEXO_KEY, startNexoSimulator, type NexoSimulator, type NexoSimulatorOptions } from './server';

export const NEXO_SIM_DEFAULT_PORT = 18443;

export interface NexoSimCliIo {
  env: Readonly<Record<string, string | undefined>>;
  out(text: string): void;
  err(text: string): void;
  /** resolves when the simulator should stop; default: the first SIGINT or SIGTERM */
  stopped?: Promise<unknown>;
  /** called once the simulator listens (tests use it to talk to it) */
  started?: (sim: NexoSimulator) => void;
}

const FLAGS = {
  port: { env: 'SPORTELLO_NEXO_SIM_PORT', help: `TCP port (default ${NEXO_SIM_DEFAULT_PORT}; 0 = any free port)` },
  host: { env: 'SPORTELLO_NEXO_SIM_HOST', help: 'address: 127.0.0.1 (default) or ::1; the admin API has no key' },
  'poi-id': { env: 'SPORTELLO_NEXO_SIM_POI_ID', help: 'the terminal POIID (default V400m-SIM000001)' },
  'key-id': { env: 'SPORTELLO_NEXO_SIM_KEY_ID', help: `key identifier (default ${DEFAULT_NEXO_KEY.keyIdentifier})` },
  'key-version': { env: 'SPORTELLO_NEXO_SIM_KEY_VERSION', help: 'key version (default 1)' },
  passphrase: { env: 'SPORTELLO_NEXO_SIM_PASSPHRASE', help: 'shared key passphrase (default: the demo one, printed)' },
  script: { env: 'SPORTELLO_NEXO_SIM_SCRIPT', help: 'next outcomes, e.g. approve,decline:pin-wrong,lost (default: approve)' },
} as const;
type Flag = keyof typeof FLAGS;

export function nexoSimUsage(): string {
  const lines = ['usage: npm run sim:nexo -- [options]', ''];
  for (const [flag, o] of Object.entries(FLAGS)) lines.push(`  --${flag.padEnd(12)} ${o.env.padEnd(32)} ${o.help}`);
  lines.push(
    '',
    'outcomes: approve, decline[:refused|insufficient-funds|pin-wrong|card-expired|card-unsupported], timeout,',
    '  customer-cancel, busy, offline, lost, drop, slow:<ms>, hold, other-amount, other-transaction, garbage',
  );
  return lines.join('\n');
}

type Parsed = { kind: 'help' } | { kind: 'error'; message: string } | { kind: 'ok'; options: NexoSimulatorOptions; demoKey: boolean };

export function parseNexoSimArgs(args: string[], env: NexoSimCliIo['env']): Parsed {
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(Object.keys(FLAGS).map((f) => [f, { type: 'string' as const }]));
    values = parseArgs({ args, options: { ...options, help: { type: 'boolean' } }, strict: true }).values;
  } catch (e) {
    return { kind: 'error', message: (e as Error).message };
  }
  if (values.help) return { kind: 'help' };
  const get = (f: Flag): string | undefined => (values[f] as string | undefined) ?? env[FLAGS[f].env];
  const int = (f: Flag, fallback: number): number => {
    const v = get(f);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v)) throw new Error(`--${f} must be a whole number, got '${v}'`);
    return Number(v);
  };
  try {
    const host = get('host') ?? '127.0.0.1';
    if (host !== '127.0.0.1' && host !== '::1') return { kind: 'error', message: '--host must be 127.0.0.1 or ::1 (loopback only)' };
    const passphrase = get('passphrase');
    const script = get('script');
    const options: NexoSimulatorOptions = {
      port: int('port', NEXO_SIM_DEFAULT_PORT),
      host,
      key: {
        keyIdentifier: get('key-id') ?? DEFAULT_NEXO_KEY.keyIdentifier,
        keyVersion: int('key-version', DEFAULT_NEXO_KEY.keyVersion),
        passphrase: passphrase ?? DEFAULT_NEXO_KEY.passphrase,
      },
      ...(get('poi-id') ? { poiId: get('poi-id')! } : {}),
      ...(script ? { script: parseNexoScript(script) } : {}),
    };
    return { kind: 'ok', options, demoKey: passphrase === undefined };
  } catch (e) {
    if (e instanceof NexoScriptInvalid || e instanceof Error) return { kind: 'error', message: e.message };
    throw e;
  }
}

export function nexoBanner(sim: NexoSimulator, demoKey: boolean): string {
  return [
    'sportello nexo card terminal simulator (Sale-to-POI, encrypted JSON)',
    `  endpoint          ${sim.url}   (the driver needs insecureLoopback: true)`,
    `  admin API         ${sim.adminUrl}  (JSON, no key: see sim/nexo/README.md)`,
    `  POIID             ${sim.poiId}`,
    `  key identifier    ${sim.key.keyIdentifier}`,
    `  key version       ${sim.key.keyVersion}`,
    `  passphrase        ${demoKey ? `${sim.key.passphrase}  (demo key)` : '(as given; not shown)'}`,
    '',
    'Ctrl+C stops the simulator.',
  ].join('\n');
}

export async function runNexoSimCli(args: string[], io: NexoSimCliIo): Promise<number> {
  const parsed = parseNexoSimArgs(args, io.env);
  if (parsed.kind === 'help') {
    io.out(nexoSimUsage());
    return 0;
  }
  if (parsed.kind === 'error') {
    io.err(`sim:nexo: ${parsed.message}\n\n${nexoSimUsage()}`);
    return 2;
  }
  const stopped = io.stopped ?? nextSignal();
  let sim: NexoSimulator;
  try {
    sim = await startNexoSimulator(parsed.options);
  } catch (e) {
    io.err(`sim:nexo: ${(e as Error).message}`);
    return 1;
  }
  io.out(nexoBanner(sim, parsed.demoKey));
  io.started?.(sim);
  const signal = await stopped;
  await sim.close();
  io.out(`nexo simulator stopped${typeof signal === 'string' ? ` (${signal})` : ''}`);
  return 0;
}

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
