/**
 * Child processes for the figures that need a process of their own (recovery, memory, cold start):
 * started with the same Node and TypeScript loader as the runner, from the repository root, their
 * output kept for the error message if they fail. Only the children started here are stopped here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { BenchCheckFailed } from './errors';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The runner's own loader flags (`--import tsx`), so a child runs TypeScript the same way. */
export function loaderArgs(): string[] {
  const args = process.execArgv.filter((a) => !a.startsWith('--cpu-prof') && !a.startsWith('--inspect'));
  return args.some((a) => a.includes('tsx')) ? args : ['--import', 'tsx', ...args];
}

export interface Child {
  process: ChildProcess;
  /** Everything it wrote so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the first stdout line matching, rejects if the child exits first or time runs out. */
  line(match: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
}

/** `loader: false` for scripts that register the TypeScript loader themselves (bin/start.mjs). */
export function startChild(
  script: string,
  opts: { env?: NodeJS.ProcessEnv; args?: string[]; nodeArgs?: string[]; loader?: boolean } = {},
): Child {
  const loader = opts.loader === false ? [] : loaderArgs();
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...loader, script, ...(opts.args ?? [])], {
    cwd: ROOT,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of waiters) w();
  });
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  const exited = once(proc, 'exit').then(([code]) => code as number | null);
  return {
    process: proc,
    output: () => out,
    exited,
    line(match, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(look);
        };
        const look = () => {
          const found = lines.find((l) => match.test(l));
          if (found !== undefined) {
            done();
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new BenchCheckFailed(`${script}: no line matching ${match} in ${timeoutMs} ms`, { output: out.slice(-2000) }));
        }, timeoutMs);
        waiters.add(look);
        void exited.then((code) => {
          if (!waiters.has(look)) return;
          done();
          reject(new BenchCheckFailed(`${script} exited (${code}) before printing ${match}: ${out.slice(-2000)}`));
        });
        look();
      });
    },
  };
}

/** SIGTERM, then SIGKILL if it has not exited in time. */
export async function stopChild(child: Child, timeoutMs = 15_000): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), timeoutMs);
  await child.exited;
  clearTimeout(timer);
}
