/**
 * `sportello certificate SESSION_ID --to TARGET [--reprint] [--lang it|en|de] [--paper 80mm|58mm|a4] [--json]`
 * Prints a session's payment certificate (or its pending slip) to a receipt printer, a PDF or an SVG.
 * The core is started without its outbox and sweeper: this command reads the session and, after the
 * original of a final certificate has gone to paper or PDF, records it as issued (completed ->
 * certified). Any later copy is a marked duplicate. An SVG is a preview and issues nothing.
 * Exit codes: 0 delivered, 1 not possible (unknown session, nothing to certify, printer problem), 2 usage.
 */
import { startCore } from '../core/core';
import type { Core } from '../core/core';
import { loadSession } from '../engine/store';
import { SportelloError } from '../../kernel/errors';
import {
  certificateDocument, certificateFor, certificateText, deliver, formatOutput, isLanguage, parseOutput, PAPERS,
  type CertificateModel, type Language, type OutputTarget, type Paper,
} from '../../drivers/certificate/index';
import { flag, has, parseArgs, UsageError, type ParsedArgs } from './args';
import { printable } from './sanitize';

export type CliOutput = { out: (line: string) => void; err: (line: string) => void };

export interface CommandOptions {
  /** environment the core reads (SPORTELLO_DATA_DIR, SPORTELLO_CONFIG); default process.env */
  env?: NodeJS.ProcessEnv;
  io?: CliOutput;
  /** relative pdf:/svg: paths resolve against this; default process.cwd() */
  cwd?: string;
  /** the print time; default Date.now */
  now?: () => number;
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
  '  --lang     language of the certificate (default: the terminal\'s)',
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
  if (output.kind === 'printer' && paper === 'a4') throw new UsageError('a4 is for pdf: and svg: only; a receipt printer takes 80mm or 58mm');
  return { output, paper: paper as Paper, lang };
}

/** A typed error as one line (or JSON); never the document's content. */
export function reportError(io: CliOutput, json: boolean, e: unknown): void {
  const body = e instanceof SportelloError
    ? { code: e.code, message: e.message, details: e.details }
    : { code: 'ERROR', message: e instanceof Error ? e.message : String(e) };
  if (json) io.out(JSON.stringify({ ok: false, error: body }, null, 2));
  else io.err(`sportello: ${body.code}: ${body.message}`);
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
  let core: Core | undefined;
  try {
    core = await startCore({ env: opts.env ?? process.env, run: false });
    if (!json && core.mode === 'demo') io.err(`demo mode: certificates name the demo PSP "${core.config.node.pspName}"`);
    const model = modelFor(core, sessionId, { reprint: has(args, 'reprint'), lang: target.lang, now: opts.now ?? Date.now });
    const delivery = await deliver(certificateDocument(model), target.output, {
      paper: target.paper,
      title: `${certificateText(model.locale)(`title.${model.kind}`)} ${sessionId}`,
      createdAtMs: model.printedAtMs,
      ...(opts.jobTimeoutMs ? { jobTimeoutMs: opts.jobTimeoutMs } : {}),
      ...(opts.statusTimeoutMs ? { statusTimeoutMs: opts.statusTimeoutMs } : {}),
    });
    const certified = await recordIssued(core, sessionId, model, target.output);
    const variant = model.kind === 'pending' ? 'pending slip' : model.duplicate ? 'duplicate' : 'certificate';
    if (json) {
      io.out(JSON.stringify({
        ok: true, sessionId, kind: model.kind, duplicate: model.duplicate, notices: model.notices.length,
        output: delivery.output, bytes: delivery.bytes, warnings: delivery.warnings, certified,
      }, null, 2));
    } else {
      io.out(`${variant} for session ${sessionId} (${model.notices.length} notice${model.notices.length === 1 ? '' : 's'}) -> ${formatOutput(target.output)}`);
      for (const w of delivery.warnings) io.err(`warning: ${w}`);
    }
    return 0;
  } catch (e) {
    reportError(io, json, e);
    return 1;
  } finally {
    await core?.close();
  }
}

class SessionUnknown extends SportelloError {
  declare readonly code: 'SESSION_NOT_FOUND';
  constructor(id: string) {
    super('SESSION_NOT_FOUND', `no payment session ${id}`, { details: { sessionId: id } });
  }
}

function modelFor(core: Core, sessionId: string, o: { reprint: boolean; lang: Language | undefined; now: () => number }): CertificateModel {
  const loaded = loadSession(core.db, sessionId);
  if (!loaded) throw new SessionUnknown(sessionId);
  // the operation's time is when the money was taken: the tender row, written with the OK outcomes
  const payment = core.db.tenders.listBySession(sessionId).find((t) => t.kind === 'payment');
  const paidAtMs = Date.parse(payment?.createdAt ?? loaded.record.updatedAt);
  return certificateFor(loaded.state, {
    psp: { name: core.config.node.pspName, fiscalCode: core.config.node.pspFiscalCode },
    terminalId: loaded.record.terminalId,
    operatorId: loaded.record.operatorId,
    locale: o.lang ?? core.config.terminal.locale,
    variant: o.reprint ? 'duplicate' : 'original',
    paidAtMs,
    printedAtMs: o.now(),
  });
}

/** The original of a final certificate went out (paper or PDF): completed -> certified. */
async function recordIssued(core: Core, sessionId: string, model: CertificateModel, output: OutputTarget): Promise<boolean> {
  if (model.kind !== 'final' || model.duplicate || output.kind === 'svg') return false;
  if (core.engine.get(sessionId).status !== 'completed') return false;
  await core.engine.apply(sessionId, { type: 'certificate-issued' });
  return true;
}
