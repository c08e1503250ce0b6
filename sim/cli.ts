/**
 * `sportello sim` / `npm run sim`: start the simulator, print how to use it, run until SIGINT or
 * SIGTERM, close cleanly. Exit codes: 0 stopped by a signal (or --help), 1 could not start, 2 bad usage.
 */
import { parseSimArgs, usage } from './config';
import { banner } from './banner';
import { startSimulator } from './simulator';

export interface SimCliIo {
  env: Readonly<Record<string, string | undefined>>;
  out(text: string): void;
  err(text: string): void;
  /** resolves when the simulator should stop; default: the first SIGINT or SIGTERM */
  stopped?: Promise<unknown>;
}

const processIo = (): SimCliIo => ({
  env: process.env,
  out: (t) => console.log(t),
  err: (t) => console.error(t),
});

export async function runSimCli(args: string[], io: SimCliIo = processIo()): Promise<number> {
  const parsed = parseSimArgs(args, io.env);
  if (parsed.kind === 'help') {
    io.out(usage());
    return 0;
  }
  if (parsed.kind === 'error') {
    io.err(`sportello sim: ${parsed.message}\n\n${usage()}`);
    return 2;
  }
  // Listen for signals before starting, so one arriving during start-up is not lost.
  const stopped = io.stopped ?? nextSignal();
  let sim;
  try {
    sim = await startSimulator(parsed.options);
  } catch (e) {
    io.err(`sportello sim: ${(e as Error).message}`);
    return 1;
  }
  io.out(banner(sim, parsed.options.db ? `SQLite ${parsed.options.db}` : 'in memory (lost at exit; --db FILE keeps it)'));
  const signal = await stopped;
  await sim.close();
  io.out(`simulator stopped${typeof signal === 'string' ? ` (${signal})` : ''}`);
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
