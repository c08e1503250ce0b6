/**
 * `sportello sim` options from flags and SPORTELLO_SIM_* environment variables; a flag wins over
 * its variable, and both over the built-in defaults. The CLI listens on 18080 by default so a
 * terminal can be pointed at a fixed address; the library defaults to a free port.
 */
import { parseArgs } from 'node:util';
import type { SimulatorOptions } from './simulator';

export const CLI_DEFAULT_PORT = 18080;

interface Option {
  flag: string;
  env: string;
  help: string;
  apply(o: SimulatorOptions, value: string): void;
}

const int = (name: string, value: string): number => {
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, got '${value}'`);
  return Number(value);
};
const bool = (name: string, value: string): boolean => {
  if (value !== 'true' && value !== 'false') throw new Error(`${name} must be true or false, got '${value}'`);
  return value === 'true';
};
const cred = (o: SimulatorOptions) => (o.credentials ??= {});

const OPTIONS: Option[] = [
  {
    flag: 'port',
    env: 'SPORTELLO_SIM_PORT',
    help: `TCP port (default ${CLI_DEFAULT_PORT}; 0 = any free port)`,
    apply: (o, v) => (o.port = int('--port', v)),
  },
  { flag: 'host', env: 'SPORTELLO_SIM_HOST', help: 'address to listen on (default 127.0.0.1)', apply: (o, v) => (o.host = v) },
  { flag: 'seed', env: 'SPORTELLO_SIM_SEED', help: 'seed file (default sim/seed/default.json)', apply: (o, v) => (o.seed = v) },
  {
    flag: 'db',
    env: 'SPORTELLO_SIM_DB',
    help: 'SQLite file keeping the state across restarts (default: memory)',
    apply: (o, v) => (o.db = v),
  },
  {
    flag: 'token-ms',
    env: 'SPORTELLO_SIM_TOKEN_MS',
    help: 'default and maximum token validity in ms (default 1800000)',
    apply: (o, v) => (o.tokenMs = int('--token-ms', v)),
  },
  {
    flag: 'cancel-job-ms',
    env: 'SPORTELLO_SIM_CANCEL_JOB_MS',
    help: 'period of the cancel job releasing expired tokens, ms (default 60000; 0 = only via POST /admin/cancel-job)',
    apply: (o, v) => (o.cancelJobMs = int('--cancel-job-ms', v)),
  },
  {
    flag: 'ecommerce',
    env: 'SPORTELLO_SIM_ECOMMERCE',
    help: "'true': the channel sells @e.bollo (an e-commerce channel; default false, a counter)",
    apply: (o, v) => (cred(o).ecommerce = bool('--ecommerce', v)),
  },
  { flag: 'id-psp', env: 'SPORTELLO_SIM_ID_PSP', help: 'idPSP the node accepts', apply: (o, v) => (cred(o).idPSP = v) },
  {
    flag: 'id-broker-psp',
    env: 'SPORTELLO_SIM_ID_BROKER_PSP',
    help: 'idBrokerPSP the node accepts',
    apply: (o, v) => (cred(o).idBrokerPSP = v),
  },
  { flag: 'id-channel', env: 'SPORTELLO_SIM_ID_CHANNEL', help: 'idChannel the node accepts', apply: (o, v) => (cred(o).idChannel = v) },
  { flag: 'password', env: 'SPORTELLO_SIM_PASSWORD', help: 'channel password (8..15 characters)', apply: (o, v) => (cred(o).password = v) },
  {
    flag: 'subscription-key',
    env: 'SPORTELLO_SIM_SUBSCRIPTION_KEY',
    help: 'Ocp-Apim-Subscription-Key value',
    apply: (o, v) => (cred(o).subscriptionKey = v),
  },
  {
    flag: 'max-body-bytes',
    env: 'SPORTELLO_SIM_MAX_BODY_BYTES',
    help: 'largest request body (default 1048576)',
    apply: (o, v) => (o.maxBodyBytes = int('--max-body-bytes', v)),
  },
];

export type ParsedArgs = { kind: 'run'; options: SimulatorOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseSimArgs(args: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedArgs {
  const options: SimulatorOptions = { port: CLI_DEFAULT_PORT };
  // Not strict: parseArgs splits `--flag value` and `--flag=value`, the loop below judges each
  // token in order, so the messages stay ours and the first problem is the one reported.
  const { tokens } = parseArgs({
    args: [...args],
    options: { ...Object.fromEntries(OPTIONS.map((o) => [o.flag, { type: 'string' as const }])), help: { type: 'boolean', short: 'h' } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  try {
    for (const o of OPTIONS) {
      const v = env[o.env];
      if (v !== undefined && v !== '') o.apply(options, v);
    }
    for (const t of tokens) {
      const arg = args[t.index] as string;
      if (t.kind === 'option' && t.name === 'help' && t.value === undefined) return { kind: 'help' };
      const o = t.kind === 'option' ? OPTIONS.find((x) => x.flag === t.name && t.rawName.startsWith('--')) : undefined;
      if (t.kind !== 'option' || !o) return { kind: 'error', message: `unknown option '${arg}'` };
      if (t.value === undefined) return { kind: 'error', message: `--${o.flag} needs a value` };
      o.apply(options, t.value);
    }
  } catch (e) {
    return { kind: 'error', message: (e as Error).message };
  }
  return { kind: 'run', options };
}

export function usage(): string {
  const rows = OPTIONS.map((o) => `  --${`${o.flag} <value>`.padEnd(26)} ${o.help}\n  ${' '.repeat(28)} env ${o.env}`);
  return [
    'usage: sportello sim [options]',
    '',
    'Runs the pagoPA node simulator until Ctrl+C (SIGINT) or SIGTERM.',
    '',
    ...rows,
    '  --help                     this text',
  ].join('\n');
}
