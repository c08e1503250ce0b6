/** The flags every benchmark takes: `--quick` (a short run), `--json PATH` (write the results), `--help`. */
import { BenchUsageError } from './errors';

export interface BenchArgs {
  quick: boolean;
  json?: string;
  help: boolean;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const out: BenchArgs = { quick: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--quick') out.quick = true;
    else if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--json') {
      const path = argv[++i];
      if (!path || path.startsWith('--')) throw new BenchUsageError('--json needs a file path');
      out.json = path;
    } else if (a.startsWith('--json=')) out.json = a.slice('--json='.length);
    else throw new BenchUsageError(`unknown option ${a}`);
  }
  return out;
}
