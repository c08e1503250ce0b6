/**
 * `sportello print --test --to TARGET [--paper 80mm|58mm|a4] [--lang it|en|de] [--json]`
 * For technicians: the printer driver's test page (profile, code page row with € and accents,
 * ruler, styles, one of each symbol, cut) to any output a certificate can take. Needs no core and
 * no database; the language defaults to the configured terminal's.
 * Exit codes: 0 printed, 1 printer problem, 2 usage.
 */
import { loadConfig } from '../config';
import { PROFILE_58MM, PROFILE_80MM, printerText, printTestPage } from '../../drivers/printer/index';
import { deliver, formatOutput, type Language } from '../../drivers/certificate/index';
import { SportelloError } from '../../kernel/errors';
import { has, parseArgs, printError, UsageError, type ParsedArgs } from './args';
import { outputFlags, stdio, type CommandOptions } from './certificate';

const USAGE = [
  'usage: sportello print --test --to TARGET [--paper 80mm|58mm|a4] [--lang it|en|de] [--json]',
  '',
  '  --test     print the test page (the only job this command has for now)',
  '  --to       serial:/dev/ttyUSB0[?baud=N] | tcp:HOST[:PORT] | usb:/dev/usb/lp0 | file:PATH | pdf:PATH | svg:PATH',
  '  --paper    roll width of the printer (default 80mm), or a4 for pdf:/svg:',
].join('\n');

export async function printCommand(argv: string[], opts: CommandOptions = {}): Promise<number> {
  const io = opts.io ?? stdio;
  let args: ParsedArgs;
  let target: ReturnType<typeof outputFlags>;
  try {
    args = parseArgs(argv, { values: ['to', 'lang', 'paper'], booleans: ['test'] });
    if (has(args, 'help')) return (io.out(USAGE), 0);
    if (!has(args, 'test')) throw new UsageError('say what to print: --test');
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
    target = outputFlags(args, opts.cwd ?? process.cwd());
  } catch (e) {
    if (e instanceof UsageError || (e instanceof SportelloError && e.code === 'PRINTER_TARGET_INVALID')) {
      io.err(`sportello print: ${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  const json = has(args, 'json');
  const profile = target.paper === '58mm' ? PROFILE_58MM : PROFILE_80MM;
  const lang = target.lang ?? terminalLanguage(opts.env ?? process.env);
  try {
    const delivery = await deliver(printTestPage(profile, printerText(lang)), target.output, {
      paper: target.paper,
      profile,
      title: printerText(lang)('testPage.title'),
      createdAtMs: Date.now(),
      ...(opts.jobTimeoutMs ? { jobTimeoutMs: opts.jobTimeoutMs } : {}),
      ...(opts.statusTimeoutMs ? { statusTimeoutMs: opts.statusTimeoutMs } : {}),
    });
    if (json) io.out(JSON.stringify({ ok: true, output: delivery.output, bytes: delivery.bytes, warnings: delivery.warnings }, null, 2));
    else {
      io.out(`test page (${profile.name}) -> ${formatOutput(target.output)}`);
      for (const w of delivery.warnings) io.err(`warning: ${w}`);
    }
    return 0;
  } catch (e) {
    printError(json, e, io);
    return 1;
  }
}

/** The configured terminal's language; Italian when there is no (valid) configuration: a test page must print anyway. */
function terminalLanguage(env: NodeJS.ProcessEnv): Language {
  try {
    const loaded = loadConfig(env);
    return loaded.mode === 'configured' ? loaded.config.terminal.locale : 'it';
  } catch {
    return 'it';
  }
}
