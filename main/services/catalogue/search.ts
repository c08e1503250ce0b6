/**
 * Search as you type over the catalogue: an index built once per load or refresh (every text
 * normalised: lower case, accents gone, split into words), so a keystroke is a pass over plain
 * strings in memory, never a query. A query matches when every word of it is the start of some
 * word of the service's description, creditor, category, ids or common names; results rank services
 * whose description words the query starts first.
 */
import type { CatalogueEntry } from './entry';

/** Lower case, accents and other marks gone, anything but letters and digits a space. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const wordsOf = (text: string): string[] => {
  const n = normalise(text);
  return n === '' ? [] : n.split(' ');
};

/**
 * The names people use at the counter for the official services, by the schema the catalogue
 * names (xsdRiferimento): nobody asks for "tassa automobilistica", they ask to pay the "bollo".
 */
const COMMON_NAMES: readonly { xsd: RegExp; words: string }[] = [
  { xsd: /^TassaAutomobilistica/i, words: 'bollo auto auto moto veicolo targa' },
  { xsd: /^Cie_/i, words: 'carta identita cie documento' },
  { xsd: /^A001_Passaporto/i, words: 'passaporto documento' },
  { xsd: /^D847_Pesca/i, words: 'pesca licenza' },
  { xsd: /^Cup_/i, words: 'cup prenotazione visita esame ticket sanita' },
];

export interface IndexedEntry {
  entry: CatalogueEntry;
  /** ' w1 w2 …': the description's words, each behind a space, so a prefix test is one `includes` */
  description: string;
  /** the same for creditor, category, ids and common names */
  other: string;
  /** the normalised description, to order results alphabetically */
  sortKey: string;
  categoryKey: string | null;
}

const spaced = (words: string[]): string => (words.length === 0 ? '' : ` ${words.join(' ')}`);

export function indexEntry(entry: CatalogueEntry): IndexedEntry {
  const common = COMMON_NAMES.filter((c) => c.xsd.test(entry.xsdRiferimento)).map((c) => c.words);
  return {
    entry,
    description: spaced(wordsOf(entry.descrizioneServizio)),
    other: spaced([
      ...wordsOf(entry.denominazioneEnteCreditore),
      ...wordsOf(entry.categoria ?? ''),
      ...wordsOf(`${entry.idServizio} ${entry.idSoggettoServizio} ${entry.idDominio}`),
      ...common.flatMap(wordsOf),
    ]),
    sortKey: normalise(entry.descrizioneServizio),
    categoryKey: entry.categoria === null ? null : normalise(entry.categoria),
  };
}

/** The index of a catalogue, in display order (description, then creditor), so a search never sorts. */
export function buildIndex(entries: readonly CatalogueEntry[]): IndexedEntry[] {
  const index = entries.map(indexEntry);
  const creditor = (i: IndexedEntry) => i.entry.denominazioneEnteCreditore;
  return index.sort((a, b) =>
    a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : creditor(a) < creditor(b) ? -1 : creditor(a) > creditor(b) ? 1 : 0,
  );
}

export interface SearchQuery {
  words?: string;
  /** a category, compared without case or accents */
  category?: string;
  /** a creditor: its fiscal code (idDominio) or its name, compared without case or accents */
  creditor?: string;
  /** at most this many entries (default 20) */
  limit?: number;
  /** only these services (idSoggettoServizio, or idServizio for all its providers): what a kiosk offers */
  only?: readonly string[];
}

export const DEFAULT_LIMIT = 20;

export interface SearchResult {
  entries: CatalogueEntry[];
  /** how many matched before the limit */
  total: number;
}

/**
 * Searches an index from `buildIndex`. `offered(entry)` says whether the entry is in its validity
 * dates today (checked per search, since the index may outlive a midnight). One pass, no sort: the
 * index is already in display order, so each score keeps its first `limit` hits in that order.
 */
export function searchIndex(index: readonly IndexedEntry[], q: SearchQuery, offered: (e: CatalogueEntry) => boolean): SearchResult {
  const words = wordsOf(q.words ?? '').map((w) => ` ${w}`);
  const category = q.category !== undefined ? normalise(q.category) : null;
  const creditor = q.creditor !== undefined ? normalise(q.creditor) : null;
  const only = q.only ? new Set(q.only) : null;
  const limit = q.limit ?? DEFAULT_LIMIT;
  // scores: 0 (no words) .. 3 per word
  const buckets: CatalogueEntry[][] = Array.from({ length: 3 * words.length + 1 }, () => []);
  let total = 0;
  for (const item of index) {
    const e = item.entry;
    if (only && !only.has(e.idSoggettoServizio) && !only.has(e.idServizio)) continue;
    if (category !== null && item.categoryKey !== category) continue;
    if (creditor !== null && e.idDominio !== q.creditor && normalise(e.denominazioneEnteCreditore) !== creditor) continue;
    let score = 0;
    let matched = true;
    for (const w of words) {
      const at = item.description.indexOf(w);
      if (at >= 0) {
        // a description word the query starts: 2, the description's first word: 3
        score += at === 0 ? 3 : 2;
      } else if (item.other.includes(w)) {
        score += 1;
      } else {
        matched = false;
        break;
      }
    }
    if (!matched || !offered(e)) continue;
    total++;
    const bucket = buckets[score]!;
    if (bucket.length < limit) bucket.push(e);
  }
  const entries: CatalogueEntry[] = [];
  for (let score = buckets.length - 1; score >= 0 && entries.length < limit; score--)
    for (const e of buckets[score]!) {
      if (entries.length === limit) break;
      entries.push(e);
    }
  return { entries, total };
}
