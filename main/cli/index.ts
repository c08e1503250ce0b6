/**
 * `sportello <command> [...]`: one entry, commands loaded lazily so `sportello parse` does not pay for
 * SQLite or the simulator. Each command returns its exit code.
 */
import { SportelloError } from '../../kernel/errors';
import { printError } from './args';

type Command = { summary: string; run: (args: string[]) => Promise<number> };

const commands: Record<string, Command> = {
  parse: {
    summary: 'show what sportello reads in a scanned or typed notice code (--json, --strict)',
    run: async (args) => (await import('./parse')).parseCommand(args),
  },
  serve: {
    summary: 'run the core headless with its loopback API (HTTP + WebSocket, token, Origin check) (--port N, --json)',
    run: async (args) => (await import('./serve')).serveCommand(args),
  },
  pay: {
    summary: 'a scripted payment through the real engine (--notice TEXT ... --tender cash|card|other [--amount-given CENTS])',
    run: async (args) => (await import('./pay')).payCommand(args),
  },
  sessions: {
    summary: 'recent payment sessions, or those of a notice number (--notice) or token (--token)',
    run: async (args) => (await import('./records')).sessionsCommand(args),
  },
  outbox: {
    summary: 'pending outcomes with their deadlines and attempts; retry ID; reset ID',
    run: async (args) => (await import('./records')).outboxCommand(args),
  },
  journal: {
    summary: 'the hash-chained journal: list, verify, export --csv',
    run: async (args) => (await import('./records')).journalCommand(args),
  },
  db: {
    summary: 'the database and its witness: status; start-afresh --confirm; adopt-restored --confirm (after a refusal)',
    run: async (args) => (await import('./db')).dbCommand(args),
  },
  doctor: {
    summary: 'check configuration, database, journal, node reachability and the outbox',
    run: async (args) => (await import('./doctor')).doctorCommand(args),
  },
  certificate: {
    summary: "print a session's payment certificate or pending slip (--to serial:|tcp:|usb:|file:|pdf:|svg:, --reprint, --lang, --paper)",
    run: async (args) => (await import('./certificate')).certificateCommand(args),
  },
  print: {
    summary: 'printer checks for technicians: --test --to TARGET prints the test page (--paper, --lang)',
    run: async (args) => (await import('./print')).printCommand(args),
  },
  config: {
    summary: 'show the configuration (secrets masked), or write one for a local `sportello sim`',
    run: async (args) => (await import('./config')).configCommand(args),
  },
  sim: {
    summary: 'start the pagoPA node simulator on loopback (--port N, --help for all options)',
    run: async (args) => (await import('../../sim/cli')).runSimCli(args),
  },
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
