/**
 * `sportello <command> [...]`: one entry, commands loaded lazily so `sportello parse` does not pay for
 * SQLite or the simulator. Each command returns its exit code.
 */
import { SportelloError } from '../../kernel/errors';
import { printError, UsageError } from './args';
import { printable } from './sanitize';

type Run = (args: string[]) => Promise<number>;

/** What `sportello` lists, in this order. */
const summaries: Record<string, string> = {
  parse: 'show what sportello reads in a scanned or typed notice code (--json, --strict)',
  serve: 'run the core headless with its loopback API (HTTP + WebSocket, token, Origin check) (--port N, --json)',
  pay: 'a scripted payment through the real engine (--notice TEXT ... --tender cash|card|other [--amount-given CENTS])',
  sessions: 'recent payment sessions, or those of a notice number (--notice) or token (--token)',
  outbox: 'pending outcomes with their deadlines and attempts; retry ID; reset ID',
  journal: 'the hash-chained journal: list, verify, export --csv',
  catalogue: 'the service catalogue: status and services; search WORDS... (--category, --creditor); refresh (--json)',
  db: 'the database and its witness: status; start-afresh --confirm; adopt-restored --confirm (after a refusal)',
  doctor: 'check configuration, database, journal, node reachability and the outbox',
  certificate: "print a session's payment certificate or pending slip (--to serial:|tcp:|usb:|file:|pdf:|svg:, --reprint, --lang, --paper)",
  print: 'printer checks for technicians: --test --to TARGET prints the test page (--paper, --lang)',
  config: 'show the configuration (secrets masked), or write one for a local `sportello sim`',
  demo: 'demo mode only: reset --confirm starts the demo node and the demo records again from the seed',
  sim: 'start the pagoPA node simulator on loopback (--port N, --help for all options)',
  fleet: "the PSP's back office: --broker URL --database URL [--listen HOST:PORT]; migrate; user add NAME",
};

/** Each command's module, imported only when it runs (`sportello parse` never loads SQLite). */
const loaders: Record<string, () => Promise<Run>> = {
  parse: async () => (await import('./parse')).parseCommand,
  serve: async () => (await import('./serve')).serveCommand,
  pay: async () => (await import('./pay')).payCommand,
  sessions: async () => (await import('./records')).sessionsCommand,
  outbox: async () => (await import('./records')).outboxCommand,
  journal: async () => (await import('./records')).journalCommand,
  catalogue: async () => (await import('./catalogue')).catalogueCommand,
  db: async () => (await import('./db')).dbCommand,
  doctor: async () => (await import('./doctor')).doctorCommand,
  certificate: async () => (await import('./certificate')).certificateCommand,
  print: async () => (await import('./print')).printCommand,
  config: async () => (await import('./config')).configCommand,
  demo: async () => (await import('./demo')).demoCommand,
  sim: async () => (await import('../../sim/cli')).runSimCli,
  fleet: async () => (await import('./fleet')).fleetCommand,
};

function usage(): string {
  const rows = Object.entries(summaries).map(([name, summary]) => `  ${name.padEnd(12)} ${summary}`);
  return ['usage: sportello <command> [options]', '', 'commands:', ...rows].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // Asked for help: the usage on stdout, exit 0. No command at all is a usage error: stderr, exit 2.
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return 0;
  }
  if (!name) {
    console.error(`sportello: say which command\n\n${usage()}`);
    return 2;
  }
  const load = Object.hasOwn(loaders, name) ? loaders[name] : undefined;
  if (!load) {
    console.error(`sportello: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await (
      await load()
    )(rest);
  } catch (e) {
    // An argument error a command let through: one line naming the argument, exit 2.
    if (e instanceof UsageError) {
      console.error(printable(`sportello ${name}: ${e.message}`));
      return 2;
    }
    // Whatever else a command lets through: a typed error is one line (one JSON object with --json),
    // as every command prints its own; anything else is a defect and keeps its stack.
    if (!(e instanceof SportelloError)) throw e;
    printError(rest.includes('--json') || rest.includes('--json=true'), e);
    return 1;
  }
}

/** How long a finished command waits for its last handles to close by themselves before it exits anyway. */
export const EXIT_GRACE_MS = 2_000;

/**
 * A finished command's process ends: every command closes what it opened (core, simulator, outbox,
 * sockets), so the event loop empties and the process exits by itself with `code`. Should anything
 * still hold it (a library's stray timer), it exits after EXIT_GRACE_MS anyway: a command never
 * hangs. The timer is unref'd, so it never delays the usual exit. SPORTELLO_DEBUG_HANDLES=1 names
 * what was still open.
 */
export function exitWhenDone(code: number, env: NodeJS.ProcessEnv = process.env): void {
  process.exitCode = code;
  setTimeout(() => {
    if (env.SPORTELLO_DEBUG_HANDLES === '1') console.error(`sportello: still open at exit: ${process.getActiveResourcesInfo().join(', ')}`);
    process.exit(code);
  }, EXIT_GRACE_MS).unref();
}
