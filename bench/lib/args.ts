/**
 * The flags every benchmark takes: `--quick` (a short run), `--json PATH` (write the results),
 * `--help`; the combined runner also takes `--only 1,3,10` (those figures only).
 */
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
    if (!Number.isInteger(n) || n < 1 || n > figures) throw new BenchUsageError(`--only: ${JSON.stringify(part)} is not a figure number 1..${figures}`);
    out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}

export function parseBenchArgs(argv: readonly string[], opts: ArgsOptions = {}): BenchArgs {
  const out: BenchArgs = { quick: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--quick') out.quick = true;
    else if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--json') {
      const path = argv[++i];
      if (!path || path.startsWith('--')) throw new BenchUsageError('--json needs a file path');
      out.json = path;
    } else if (a.startsWith('--json=')) {
      const path = a.slice('--json='.length);
      if (path === '') throw new BenchUsageError('--json needs a file path');
      out.json = path;
    } else if (opts.figures && a === '--only') out.only = parseOnly(argv[++i], opts.figures);
    else if (opts.figures && a.startsWith('--only=')) out.only = parseOnly(a.slice('--only='.length), opts.figures);
    else throw new BenchUsageError(`unknown option ${a}`);
  }
  return out;
}
