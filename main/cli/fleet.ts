/**
 * `sportello fleet`: the PSP's back office. Subcommands:
 *   sportello fleet migrate --database URL            creates or upgrades the PostgreSQL schema
 *   sportello fleet user add NAME --database URL      creates a login (password from
 *                                                     SPORTELLO_FLEET_PASSWORD or the first line of stdin)
 *   sportello fleet --broker URL --database URL [--listen 127.0.0.1:PORT] [--consumers N] ...
 * Every option has an environment variable (SPORTELLO_FLEET_<NAME>), so a service manager can hold
 * them; secrets (database URL with its password, broker password) are better there than in argv.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startBackOffice, createPool } from '../backoffice/backoffice';
import { stderrLog } from '../backoffice/log';
import { migrate } from '../backoffice/migrations';
import { addUser } from '../backoffice/users';
import { DEFAULT_TOPIC_PREFIX } from '../fleet/wire';
import { flag, has, parseArgs, printError, stopSignal, UsageError } from './args';

const USAGE = [
  'usage: sportello fleet --broker URL --database URL [--listen 127.0.0.1:PORT] [--consumers N] [--prefix P]',
  '         [--client-id ID] [--broker-username U] [--broker-password-file F] [--broker-ca F] [--broker-cert F] [--broker-key F]',
  '         [--deadline-minutes N] [--silent-minutes N] [--static DIR] [--json]',
  '       sportello fleet migrate --database URL',
  '       sportello fleet user add NAME --database URL   (password: SPORTELLO_FLEET_PASSWORD or stdin)',
  'environment: SPORTELLO_FLEET_BROKER, _DATABASE, _LISTEN, _CONSUMERS, _PREFIX, _CLIENT_ID, _BROKER_USERNAME,',
  '             _BROKER_PASSWORD, _BROKER_CA, _BROKER_CERT, _BROKER_KEY (file paths), _DEADLINE_MINUTES, _SILENT_MINUTES',
].join('\n');

const VALUES = [
  'broker',
  'database',
  'listen',
  'consumers',
  'prefix',
  'client-id',
  'broker-username',
  'broker-password-file',
  'broker-ca',
  'broker-cert',
  'broker-key',
  'deadline-minutes',
  'silent-minutes',
  'static',
] as const;

export const DEFAULT_LISTEN = '127.0.0.1:8380';
const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

type Opt = (typeof VALUES)[number];

export async function fleetCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseArgs(argv, { values: VALUES });
  if (has(args, 'help')) return (console.log(USAGE), 0);
  const json = has(args, 'json');
  const opt = (name: Opt): string | undefined => flag(args, name) ?? env[`SPORTELLO_FLEET_${name.toUpperCase().replaceAll('-', '_')}`];
  const database = opt('database');
  const [sub, ...rest] = args.positionals;
  if (!database) throw new UsageError('say which database: --database postgres://... (or SPORTELLO_FLEET_DATABASE)');

  if (sub === 'migrate') {
    if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
    const pool = createPool(database);
    try {
      const applied = await migrate(pool);
      console.log(
        json ? JSON.stringify({ applied }) : applied.length ? `applied migrations ${applied.join(', ')}` : 'the schema is up to date',
      );
      return 0;
    } catch (e) {
      printError(json, e);
      return 1;
    } finally {
      await pool.end();
    }
  }
  if (sub === 'user') {
    if (rest[0] !== 'add' || !rest[1] || rest.length > 2) throw new UsageError('usage: sportello fleet user add NAME --database URL');
    const password = env.SPORTELLO_FLEET_PASSWORD ?? readFirstLine();
    const pool = createPool(database);
    try {
      await addUser(pool, rest[1], password);
      console.log(json ? JSON.stringify({ user: rest[1] }) : `user ${rest[1]} can log in`);
      return 0;
    } catch (e) {
      printError(json, e);
      return 1;
    } finally {
      await pool.end();
    }
  }
  if (sub !== undefined) throw new UsageError(`unknown subcommand '${sub}'`);

  const broker = opt('broker');
  if (!broker) throw new UsageError('say which broker: --broker mqtt://host:1883 or mqtts://host:8883 (or SPORTELLO_FLEET_BROKER)');
  const listen = parseListen(opt('listen') ?? DEFAULT_LISTEN);
  const consumers = positiveInt(opt('consumers') ?? '1', 'consumers', 64);
  const file = (name: Opt) => {
    const p = opt(name);
    return p ? readFileSync(p, 'utf8') : undefined;
  };
  const passwordFile = opt('broker-password-file');
  const password = passwordFile ? readFileSync(passwordFile, 'utf8').trim() : env.SPORTELLO_FLEET_BROKER_PASSWORD;
  const username = opt('broker-username');
  const log = stderrLog();
  if (!isLoopback(listen.host)) {
    log.warn('fleet-listen-not-loopback', {
      host: listen.host,
      advice: 'put it behind a TLS reverse proxy: the login travels in clear otherwise',
    });
  }
  let bo;
  try {
    bo = await startBackOffice({
      broker: {
        url: broker,
        ...(username ? { username } : {}),
        ...(password ? { password } : {}),
        ...(opt('broker-ca') ? { ca: file('broker-ca')! } : {}),
        ...(opt('broker-cert') ? { cert: file('broker-cert')! } : {}),
        ...(opt('broker-key') ? { key: file('broker-key')! } : {}),
      },
      databaseUrl: database,
      prefix: opt('prefix') ?? DEFAULT_TOPIC_PREFIX,
      consumers,
      ...(opt('client-id') ? { clientIdBase: opt('client-id')! } : {}),
      http: { host: listen.host, port: listen.port, staticDir: opt('static') ?? RENDERER_DIR },
      alerts: {
        deadlineMinutes: positiveInt(opt('deadline-minutes') ?? '5', 'deadline-minutes', 30),
        silentMinutes: positiveInt(opt('silent-minutes') ?? '5', 'silent-minutes', 24 * 60),
      },
      log,
    });
  } catch (e) {
    printError(json, e);
    return 1;
  }
  const stopped = stopSignal();
  const url = bo.http!.url;
  console.log(
    json
      ? JSON.stringify({ url, consumers })
      : `sportello fleet: dashboard on ${url}/ (${consumers} consumer${consumers > 1 ? 's' : ''} on ${redactUrl(broker)})`,
  );
  const signal = await stopped;
  log.info('fleet-stopping', { signal });
  await bo.close();
  return 0;
}

function positiveInt(text: string, name: string, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) throw new UsageError(`--${name} is a whole number from 1 to ${max}`);
  return Number(text);
}

export function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:]+)\]|([^:]+)):(\d{1,5})$/.exec(text);
  const host = m?.[1] ?? m?.[2];
  if (!m || !host || Number(m[3]) > 65_535) throw new UsageError('--listen is HOST:PORT, e.g. 127.0.0.1:8380');
  return { host, port: Number(m[3]) };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

function redactUrl(u: string): string {
  try {
    const url = new URL(u);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(broker)';
  }
}

function readFirstLine(): string {
  let text = '';
  try {
    text = readFileSync(0, 'utf8');
  } catch {
    throw new UsageError('give the password on stdin or in SPORTELLO_FLEET_PASSWORD');
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new UsageError('give the password on stdin or in SPORTELLO_FLEET_PASSWORD');
  return line;
}
