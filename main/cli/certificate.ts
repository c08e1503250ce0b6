/**
 * `sportello certificate SESSION_ID --to TARGET [--reprint] [--lang it|en|de] [--paper 80mm|58mm|a4] [--json]`
 * Prints a session's payment certificate (or its pending slip) to a receipt printer, a PDF or an SVG.
 * The core is started without its outbox and sweeper; the command is the contract's certificate.print
 * with a named target (main/services/certificate.ts): after the original of a final certificate has
 * gone to paper or PDF the session is certified (completed -> certified); any later copy is a marked
 * duplicate, journaled. An SVG is a preview and issues nothing.
 * Exit codes: 0 delivered, 1 not possible (unknown session, nothing to certify, printer problem), 2 usage.
 */
import { SportelloError } from '../../kernel/errors';
import {
  formatOutput,
  isLanguage,
  parseOutput,
  PAPERS,
  type Language,
  type OutputTarget,
  type Paper,
} from '../../drivers/certificate/index';
import { withCli } from './api';
import { flag, has, parseArgs, printError, UsageError, type ParsedArgs } from './args';
import { printable } from './sanitize';

export type CliOutput = { out: (line: string) => void; err: (line: string) => void };

export interface CommandOptions {
  /** environment the core reads (SPORTELLO_DATA_DIR, SPORTELLO_CONFIG); default process.env */
  env?: NodeJS.ProcessEnv;
  io?: CliOutput;
  /** relative pdf:/svg: paths resolve against this; default process.cwd() */
  cwd?: string;
  /** printer timeouts (tests on a loaded machine) */
  jobTimeoutMs?: number;
  statusTimeoutMs?: number;
}

export const stdio: CliOutput = {
  out: (line) => process.stdout.write(`${printable(line)}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const USAGE = [
  'usage: sportello certificate SESSION_ID --to TARGET [--reprint] [--lang it|en|de] [--paper 80mm|58mm|a4] [--json]',
  '',
  '  --to       serial:/dev/ttyUSB0[?baud=N] | tcp:HOST[:PORT] | usb:/dev/usb/lp0 | file:PATH (ESC/POS bytes)',
  '             pdf:PATH | svg:PATH (relative paths from the current folder)',
  '  --reprint  print a copy marked as duplicate (a certified session always prints as one)',
  "  --lang     language of the certificate (default: the terminal's)",
  '  --paper    roll width, or a4 for PDF/SVG (default 80mm)',
].join('\n');

/** --to, --paper and --lang as typed values; UsageError for anything off. Shared with `sportello print`. */
export function outputFlags(args: ParsedArgs, cwd: string): { output: OutputTarget; paper: Paper; lang: Language | undefined } {
  const to = flag(args, 'to');
  if (!to) throw new UsageError('--to is required');
  const paper = flag(args, 'paper') ?? '80mm';
  if (!(PAPERS as readonly string[]).includes(paper)) throw new UsageError(`--paper must be one of ${PAPERS.join(', ')}`);
  const lang = flag(args, 'lang');
  if (lang !== undefined && !isLanguage(lang)) throw new UsageError('--lang must be it, en or de');
  const output = parseOutput(to, cwd);
  if (output.kind === 'printer' && paper === 'a4')
    throw new UsageError('a4 is for pdf: and svg: only; a receipt printer takes 80mm or 58mm');
  return { output, paper: paper as Paper, lang };
}

export async function certificateCommand(argv: string[], opts: CommandOptions = {}): Promise<number> {
  const io = opts.io ?? stdio;
  let args: ParsedArgs;
  let target: ReturnType<typeof outputFlags>;
  try {
    args = parseArgs(argv, { values: ['to', 'lang', 'paper'], booleans: ['reprint'] });
    if (has(args, 'help')) return (io.out(USAGE), 0);
    if (args.positionals.length !== 1) throw new UsageError('one SESSION_ID is required');
    target = outputFlags(args, opts.cwd ?? process.cwd());
  } catch (e) {
    if (e instanceof UsageError || (e instanceof SportelloError && e.code === 'PRINTER_TARGET_INVALID')) {
      io.err(`sportello certificate: ${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  const json = has(args, 'json');
  const sessionId = args.positionals[0]!;
  const timeouts = {
    ...(opts.jobTimeoutMs ? { jobTimeoutMs: opts.jobTimeoutMs } : {}),
    ...(opts.statusTimeoutMs ? { statusTimeoutMs: opts.statusTimeoutMs } : {}),
  };
  try {
    // certificate.print through the core's API (the running terminal's, else in process): the local owner names the target.
    return await withCli({ env: opts.env ?? process.env, printTimeouts: timeouts }, async ({ call }) => {
      const { mode, config } = await call('config.get', {});
      if (!json && mode === 'demo') io.err(`demo mode: certificates name the demo PSP "${config.node.pspName}"`);
      const printed = await call('certificate.print', {
        sessionId,
        to: formatOutput(target.output),
        paper: target.paper,
        ...(has(args, 'reprint') ? { reprint: true } : {}),
        ...(target.lang ? { locale: target.lang } : {}),
      });
      const variant = printed.kind === 'pending' ? 'pending slip' : printed.duplicate ? 'duplicate' : 'certificate';
      if (json) {
        io.out(
          JSON.stringify(
            {
              ok: true,
              sessionId,
              kind: printed.kind,
              duplicate: printed.duplicate,
              notices: printed.notices,
              output: printed.output,
              bytes: printed.bytes,
              warnings: printed.warnings,
              certified: printed.certified,
            },
            null,
            2,
          ),
        );
      } else {
        io.out(`${variant} for session ${sessionId} (${printed.notices} notice${printed.notices === 1 ? '' : 's'}) -> ${printed.output}`);
        for (const w of printed.warnings) io.err(`warning: ${w}`);
      }
      return 0;
    });
  } catch (e) {
    printError(json, e, io);
    return 1;
  }
}
