/**
 * A real PostgreSQL for the fleet's tests: Debian's server binaries (initdb, postgres) run on a free
 * loopback port with the cluster in a temporary folder; no system service. PostgreSQL refuses to run
 * as root, so under root (CI containers) it runs as the `postgres` user the package creates.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './mosquitto';

export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const r = spawnSync('sh', ['-c', 'command -v postgres'], { encoding: 'utf8' });
  return r.status === 0 ? join(r.stdout.trim(), '..') : null;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function ownerIds(): { uid: number; gid: number } | null {
  if (!isRoot()) return null;
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) throw new Error('running as root needs the postgres user (apt-get install -y postgresql)');
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

export interface Postgres {
  /** postgres://sportello@127.0.0.1:<port>/sportello (trust authentication on loopback) */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startPostgres(): Promise<Postgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (test/support/system-deps.mjs)');
  const dir = mkdtempSync(join(tmpdir(), 'sportello-pg-'));
  const owner = ownerIds();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  // Spawned with the owner's uid/gid directly (not through runuser) so signals reach postgres itself.
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const r = spawnSync(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'sportello', '--no-sync', '-E', 'UTF8', '--locale', 'C'], {
    encoding: 'utf8',
    cwd: dir,
    ...as,
  });
  if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr}`);
  const port = await freePort();
  let child: ChildProcess | null = null;
  let log = '';
  const start = async (): Promise<void> => {
    log = '';
    const args = [
      '-D',
      data,
      '-p',
      String(port),
      '-h',
      '127.0.0.1',
      '-k',
      dir,
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=50',
    ];
    child = spawn(join(bin, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir, ...as });
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    for (let i = 0; i < 300; i++) {
      if (child.exitCode !== null) throw new Error(`postgres exited: ${log}`);
      if (/ready to accept connections/.test(log)) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    if (!/ready to accept connections/.test(log)) throw new Error(`postgres did not start: ${log}`);
    const created = spawnSync(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'sportello', 'sportello'], {
      encoding: 'utf8',
    });
    if (created.status !== 0 && !/already exists/.test(created.stderr)) throw new Error(`createdb failed: ${created.stderr}`);
  };
  const stop = async (): Promise<void> => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGINT'); // fast shutdown
    });
  };
  await start();
  return {
    url: `postgres://sportello@127.0.0.1:${port}/sportello`,
    port,
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
