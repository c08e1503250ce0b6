/**
 * Starting Electron and telling quickly whether it took. Electron that cannot run (no display,
 * missing system libraries, running as root without a sandbox) exits within moments; one that
 * stays up past the grace period is running, and the launcher then just waits for it.
 */
import { spawn } from 'node:child_process';

export type ElectronRun =
  /** It could not start: the launcher falls back to browser-kiosk mode. */
  | { kind: 'failed'; reason: string }
  /** It ran (or handed over to the instance already running, exit 0) and has now exited. */
  | { kind: 'exited'; code: number };

export interface ElectronRunOptions {
  executable: string;
  appDir: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  /** How long a start may take to fail; default 4 s. */
  graceMs?: number;
  /** Called once Electron has outlived the grace period. */
  onRunning?: () => void;
}

/** The last line Electron wrote to stderr before it died: the reason a person can act on. */
function lastLine(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.at(-1) ?? '').slice(0, 200);
}

export function runElectron(opts: ElectronRunOptions): Promise<ElectronRun> {
  const env = { ...opts.env };
  // With this set the binary behaves as plain Node and would run our app dir as a script.
  delete env.ELECTRON_RUN_AS_NODE;
  return new Promise((resolve) => {
    let settled = false;
    let running = false;
    let stderr = '';
    const done = (r: ElectronRun) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(r);
    };
    const child = spawn(opts.executable, [opts.appDir, ...opts.args], { cwd: opts.appDir, env, stdio: ['ignore', 'inherit', 'pipe'] });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      if (!running) stderr = (stderr + chunk.toString('utf8')).slice(-4096);
    });
    const timer = setTimeout(() => {
      running = true;
      opts.onRunning?.();
    }, opts.graceMs ?? 4000);
    child.on('error', (e: NodeJS.ErrnoException) => done({ kind: 'failed', reason: `cannot start Electron (${e.code ?? e.message})` }));
    child.on('exit', (code, signal) => {
      if (!running && code !== 0) {
        const why = lastLine(stderr);
        return done({ kind: 'failed', reason: `Electron exited at start (${signal ?? `code ${code}`})${why ? `: ${why}` : ''}` });
      }
      done({ kind: 'exited', code: code ?? 1 });
    });
  });
}
