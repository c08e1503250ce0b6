/**
 * A small flag parser for the CLI: `--name value`, `--name=value`, repeated flags, booleans and
 * positionals. Unknown flags are errors, so a typo never silently changes what a command does.
 */
import { fail, toContractError } from '../contract/result';
import type { ContractError } from '../contract/result';
import { CallRefused } from './refused';
import { printable } from './sanitize';

export interface ParsedArgs {
  flags: Map<string, string[]>;
  positionals: string[];
}

export class UsageError extends Error {}

export interface ArgSpec {
  values?: readonly string[];
  booleans?: readonly string[];
  /** How many positional arguments the command takes at most; more is a usage error. Unlimited when absent. */
  positionals?: number;
}

export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const values = new Set(spec.values ?? []);
  const booleans = new Set([...(spec.booleans ?? []), 'json', 'help']);
  const flags = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq === -1 ? undefined : eq);
    let value: string;
    if (booleans.has(name)) {
      value = eq === -1 ? 'true' : a.slice(eq + 1);
    } else if (values.has(name)) {
      if (eq !== -1) value = a.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i]!;
      else throw new UsageError(`--${name} needs a value`);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  if (spec.positionals !== undefined && positionals.length > spec.positionals) {
    throw new UsageError(`unexpected argument '${printable(positionals[spec.positionals]!)}'`);
  }
  return { flags, positionals };
}

export const flag = (a: ParsedArgs, name: string): string | undefined => a.flags.get(name)?.at(-1);
export const has = (a: ParsedArgs, name: string): boolean => a.flags.get(name)?.at(-1) === 'true';

/**
 * Prints a value as JSON or as text. Text holds outside data (node faults, scans, tokens): control
 * characters and escape sequences are stripped from it; JSON escapes them itself.
 */
export function printResult(json: boolean, value: unknown, text: () => string): void {
  console.log(json ? JSON.stringify(value, null, 2) : printable(text()));
}

/**
 * The one shape of a failed command, for every command: with --json the contract's failed result,
 * `{ ok: false, error: { code, message, retryable?, details? } }` on stdout (what `api.call` answers);
 * otherwise one line `sportello: CODE: message` on stderr. A refused call keeps the core's error as
 * it came; anything else is mapped as the contract maps it (toContractError: a SportelloError keeps
 * code, message and details, anything else is INTERNAL).
 */
export function printError(json: boolean, e: unknown, io: { out: (line: string) => void; err: (line: string) => void } = console_): void {
  const error = cliError(e);
  if (json) io.out(JSON.stringify(fail(error), null, 2));
  else io.err(printable(`sportello: ${error.code}: ${error.message}`));
}

export function cliError(e: unknown): ContractError {
  return e instanceof CallRefused ? e.error : toContractError(e);
}

const console_ = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };

/** Euro cents as the CLI shows them: 12345 -> "123.45 EUR" (integers only). */
export function euro(cents: number): string {
  const s = String(Math.abs(cents)).padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)} EUR`;
}

/**
 * Resolves with the first SIGINT or SIGTERM, then stops listening: a long-running command (`serve`,
 * `fleet`) calls it before it says it runs, so whoever reads that line may stop it at once.
 */
export function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise<NodeJS.Signals>((resolve) => {
    const stop = (s: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(s);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
