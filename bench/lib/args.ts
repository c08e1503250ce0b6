/**
 * The flags every benchmark takes: `--quick` (a short run), `--json PATH` (write the results),
 * `--help`; the combined runner also takes `--only 1,3,10` (those figures only).
 */
import { parseArgs } from 'node:util';
import { BenchUsageError } from './errors';

export interface BenchArgs {
  quick: boolean;
  json?: string;
  help: boolean;
  /** Figure numbers to run, ascending and without repeats; absent = all. */
  only?: number[];
}

export interface ArgsOptions {
  /** Accept `--only LIST` of figure numbers between 1 and this. */
  figures?: number;
}

function parseOnly(text: string | undefined, figures: number): number[] {
  if (!text || text.startsWith('--')) throw new BenchUsageError('--only needs a list of figure numbers, e.g. --only 1,3');
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const n = Number(part.trim());
    if (!Number.isInteger(n) || n < 1 || n > figures)
      throw new BenchUsageError(`--only: ${JSON.stringify(part)} is not a figure number 1..${figures}`);
    out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}

export function parseBenchArgs(argv: readonly string[], opts: ArgsOptions = {}): BenchArgs {
  const out: BenchArgs = { quick: false, help: false };
  // Not strict: parseArgs splits `--json PATH` and `--json=PATH`, the loop judges each token in
  // order with this file's messages. `--only` exists only where there are figures.
  const { tokens } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      json: { type: 'string' },
      ...(opts.figures ? { only: { type: 'string' as const } } : {}),
    },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const t of tokens) {
    const arg = argv[t.index] as string;
    if (t.kind !== 'option') throw new BenchUsageError(`unknown option ${arg}`);
    if (t.name === 'quick' && t.rawName === '--quick' && t.value === undefined) out.quick = true;
    else if (t.name === 'help' && t.value === undefined) out.help = true;
    else if (t.name === 'json' && t.rawName === '--json') {
      if (!t.value || (!t.inlineValue && t.value.startsWith('--'))) throw new BenchUsageError('--json needs a file path');
      out.json = t.value;
    } else if (opts.figures && t.name === 'only' && t.rawName === '--only') out.only = parseOnly(t.value, opts.figures);
    else throw new BenchUsageError(`unknown option ${arg}`);
  }
  return out;
}
