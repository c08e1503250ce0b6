/**
 * The service catalogue from the command line (issue 15), each a contract call through the core's
 * API (cli/api.ts: the running terminal's over HTTP, else in process):
 *   sportello catalogue [--json]                                            catalogue.status, catalogue.search
 *   sportello catalogue search WORDS... [--category C] [--creditor C] [--limit N] [--json]
 *   sportello catalogue refresh [--json]                                    catalogue.refresh
 * A terminal that never fetched the catalogue fetches it first (a one-shot command cannot wait for
 * the daily refresh); CATALOGUE_NONE when the node cannot give it. A refresh that fails while an
 * older catalogue is kept prints the status with the reason and exits 1.
 */
import type { ResponseOf } from '../contract/calls';
import type { CatalogueEntry } from '../contract/catalogue-calls';
import { withCli } from './api';
import type { CliApi } from './api';
import { flag, has, parseArgs, printError, printResult, UsageError } from './args';

type Overview = ResponseOf<'catalogue.status'>;

const USAGE = 'usage: sportello catalogue [search WORDS... [--category C] [--creditor C] [--limit N] | refresh] [--json]';

/** "3 h 5 min", "2 d 4 h": how old, to the minute. */
export function age(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

function statusLine(s: Overview): string {
  if (s.state === 'none') return `catalogue: none yet${s.lastError ? ` (last try: ${s.lastError.code})` : ''}`;
  const when = new Date(s.fetchedAtMs!).toISOString();
  const failed = s.lastError ? `; last refresh failed: ${s.lastError.code}: ${s.lastError.message}` : '';
  return `catalogue: ${s.state}, fetched ${when} (${age(s.ageMs!)} ago), ${s.services} services${failed}`;
}

function entryLine(e: CatalogueEntry): string {
  const validity = e.dataFineValidita ? ` until ${e.dataFineValidita}` : '';
  return `${e.idSoggettoServizio}  ${e.descrizioneServizio}  | ${e.denominazioneEnteCreditore} (${e.idDominio})  | ${e.categoria ?? '-'}  | ${e.xsdRiferimento}${validity}`;
}

/** The status, after a first fetch when there is no catalogue yet. */
async function ready(call: CliApi['call']): Promise<Overview> {
  const status = await call('catalogue.status', {});
  return status.state === 'none' ? call('catalogue.refresh', {}) : status;
}

export async function catalogueCommand(argv: string[]): Promise<number> {
  let a;
  try {
    a = parseArgs(argv, { values: ['category', 'creditor', 'limit'] });
  } catch (e) {
    console.error(`sportello catalogue: ${(e as Error).message}`);
    return 2;
  }
  const json = has(a, 'json');
  const [sub, ...words] = a.positionals;
  if (has(a, 'help')) {
    console.log(USAGE);
    return 0;
  }
  if (sub !== undefined && sub !== 'search' && sub !== 'refresh') {
    console.error(`sportello catalogue: unknown subcommand '${sub}'\n${USAGE}`);
    return 2;
  }
  if (sub !== 'search' && (words.length > 0 || a.flags.has('category') || a.flags.has('creditor') || a.flags.has('limit'))) {
    console.error(`sportello catalogue: words and filters go with 'search'\n${USAGE}`);
    return 2;
  }
  const limitText = flag(a, 'limit');
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 1000)) {
    console.error('sportello catalogue: --limit must be a whole number from 1 to 1000');
    return 2;
  }
  try {
    return await withCli({}, async ({ call }) => {
      if (sub === 'refresh') {
        const s = await call('catalogue.refresh', {});
        printResult(json, s, () => statusLine(s));
        return s.lastError ? 1 : 0;
      }
      const status = await ready(call);
      if (sub === 'search') {
        const category = flag(a, 'category');
        const creditor = flag(a, 'creditor');
        const found = await call('catalogue.search', {
          words: words.join(' '),
          ...(category !== undefined ? { category } : {}),
          ...(creditor !== undefined ? { creditor } : {}),
          ...(limit !== undefined ? { limit } : {}),
        });
        printResult(json, found, () =>
          found.entries.length === 0
            ? 'no service found'
            : [...found.entries.map(entryLine), `${found.entries.length} of ${found.total} shown (${status.state})`].join('\n'),
        );
        return 0;
      }
      const all = await call('catalogue.search', { limit: 1000 });
      printResult(json, { ...status, entries: all.entries }, () => [statusLine(status), ...all.entries.map(entryLine)].join('\n'));
      return 0;
    });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    printError(json, e);
    return 1;
  }
}
