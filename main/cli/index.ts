/**
 * `sportello <command> [...]`: one entry, commands loaded lazily so `sportello parse` does not pay for
 * SQLite or the simulator. Each command returns its exit code.
 */
import { SportelloError } from '../../kernel/errors';
import { printError } from './args';

type Command = { summary: string; run: (args: string[]) => Promise<number> };

/** A command whose module is imported only when it runs. */
const lazy = (summary: string, load: () => Promise<(args: string[]) => Promise<number>>): Command => ({
  summary,
  run: async (args) => (await load())(args),
});

const commands: Record<string, Command> = {
  parse: lazy(
    'show what sportello reads in a scanned or typed notice code (--json, --strict)',
    async () => (await import('./parse')).parseCommand,
  ),
  serve: lazy(
    'run the core headless with its loopback API (HTTP + WebSocket, token, Origin check) (--port N, --json)',
    async () => (await import('./serve')).serveCommand,
  ),
  pay: lazy(
    'a scripted payment through the real engine (--notice TEXT ... --tender cash|card|other [--amount-given CENTS])',
    async () => (await import('./pay')).payCommand,
  ),
  sessions: lazy(
    'recent payment sessions, or those of a notice number (--notice) or token (--token)',
    async () => (await import('./records')).sessionsCommand,
  ),
  outbox: lazy(
    'pending outcomes with their deadlines and attempts; retry ID; reset ID',
    async () => (await import('./records')).outboxCommand,
  ),
  journal: lazy('the hash-chained journal: list, verify, export --csv', async () => (await import('./records')).journalCommand),
  db: lazy(
    'the database and its witness: status; start-afresh --confirm; adopt-restored --confirm (after a refusal)',
    async () => (await import('./db')).dbCommand,
  ),
  doctor: lazy(
    'check configuration, database, journal, node reachability and the outbox',
    async () => (await import('./doctor')).doctorCommand,
  ),
  certificate: lazy(
    "print a session's payment certificate or pending slip (--to serial:|tcp:|usb:|file:|pdf:|svg:, --reprint, --lang, --paper)",
    async () => (await import('./certificate')).certificateCommand,
  ),
  print: lazy(
    'printer checks for technicians: --test --to TARGET prints the test page (--paper, --lang)',
    async () => (await import('./print')).printCommand,
  ),
  config: lazy(
    'show the configuration (secrets masked), or write one for a local `sportello sim`',
    async () => (await import('./config')).configCommand,
  ),
  sim: lazy(
    'start the pagoPA node simulator on loopback (--port N, --help for all options)',
    async () => (await import('../../sim/cli')).runSimCli,
  ),
};

function usage(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return ['usage: sportello <command> [options]', '', 'commands:', ...rows].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    console.error(`sportello: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    // Whatever a command lets through: a typed error is one line (one JSON object with --json), as
    // every command prints its own; anything else is a defect and keeps its stack.
    if (!(e instanceof SportelloError)) throw e;
    printError(rest.includes('--json') || rest.includes('--json=true'), e);
    return 1;
  }
}
