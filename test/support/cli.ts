// The real `sportello` command as a child process (bin/sportello.mjs through tsx), on a data
// directory of the test's own; and `sportello serve` as a running terminal for the CLI to find.
import { spawn, spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const SPORTELLO_BIN = join(import.meta.dirname, '../../bin/sportello.mjs');

export interface CliRunOptions {
  /** Added to the environment (after SPORTELLO_DATA_DIR and SPORTELLO_CONFIG). */
  env?: NodeJS.ProcessEnv;
  /** SPORTELLO_CONFIG; default '' (none: demo mode). */
  config?: string;
  /** Killed after this long (a generous bound: a killed run has `signal` set, never a silent pass). */
  timeoutMs?: number;
}

export interface CliResult {
  status: number | null;
  /** Set when the run was killed (it did not exit by itself). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const environment = (dir: string, opts: CliRunOptions): NodeJS.ProcessEnv => ({
  ...process.env,
  SPORTELLO_DATA_DIR: dir,
  SPORTELLO_CONFIG: opts.config ?? '',
  ...opts.env,
});

/** Runs `sportello ...args` and waits for it (blocking this process). */
export function runCli(args: string[], dir: string, opts: CliRunOptions = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [SPORTELLO_BIN, ...args], {
    env: environment(dir, opts),
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
  });
}

/** The same without blocking: for tests whose own process serves something the command talks to. */
export function runCliAsync(args: string[], dir: string, opts: CliRunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SPORTELLO_BIN, ...args], { env: environment(dir, opts), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

/** What `sportello serve --json` says when it listens. */
export interface ServeInfo {
  url: string;
  wsUrl: string;
  token: string;
  mode: 'demo' | 'configured';
  simulatorUrl: string | null;
}

export interface RunningServe {
  info: ServeInfo;
  pid: number;
  /** SIGTERM, then the exit: a clean stop (the server closes, core.json is removed). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: a crash that leaves core.json behind. */
  kill(): Promise<void>;
}

/** Starts `sportello serve --json` on `dir` and waits for its banner; stopped (killed if need be) when the test ends. */
export async function startServe(t: { after(fn: () => unknown): void }, dir: string, opts: CliRunOptions = {}): Promise<RunningServe> {
  const child = spawn(process.execPath, [SPORTELLO_BIN, 'serve', '--json'], {
    env: environment(dir, opts),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  const lines = createInterface({ input: child.stdout });
  const banner = await Promise.race([
    new Promise<string>((resolve) => lines.once('line', resolve)),
    exited.then(({ code }) => {
      throw new Error(`sportello serve exited (${code}) before listening: ${stderr}`);
    }),
  ]);
  lines.close();
  child.stdout.resume();
  const info = JSON.parse(banner) as ServeInfo;
  return {
    info,
    pid: child.pid!,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
