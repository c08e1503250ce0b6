/**
 * The journal as CSV (RFC 4180: CRLF, fields quoted when they need it). The payload is written in
 * the journal's canonical JSON, so anyone holding the file can recompute every hash:
 * sha256(prevHash + canonicalJson({ at, kind, payload, sessionId })). No cell can start a
 * spreadsheet formula: payloads are JSON (`{`, `[`, `"`, a digit...), the other columns are ours.
 */
import { canonicalJson } from '../../db';
import type { JournalEntry, SportelloDatabase } from '../../db';

export const JOURNAL_CSV_COLUMNS = ['seq', 'at', 'kind', 'sessionId', 'payload', 'prevHash', 'hash'] as const;

export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function journalCsv(entries: readonly JournalEntry[]): string {
  const rows = entries.map((e) =>
    [String(e.seq), e.at, e.kind, e.sessionId ?? '', canonicalJson(e.payload), e.prevHash, e.hash].map(csvField).join(','),
  );
  return [JOURNAL_CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/** The journal from `afterSeq` as a CSV file named for this terminal and the entries it holds. */
export function exportJournal(
  db: Pick<SportelloDatabase, 'journal'>,
  terminalId: string,
  r: { afterSeq?: number | undefined; limit?: number | undefined },
) {
  const entries = db.journal.list(r.afterSeq ?? 0, r.limit ?? 100_000);
  const first = entries[0]?.seq ?? null;
  const last = entries.at(-1)?.seq ?? null;
  const range = first === null ? 'empty' : `${first}-${last}`;
  return { filename: `sportello-journal-${terminalId}-${range}.csv`, csv: journalCsv(entries), count: entries.length, lastSeq: last };
}
