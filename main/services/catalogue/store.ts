/**
 * The service catalogue for spontaneous payments (issue 15): fetched from the node
 * (nodoChiediCatalogoServiziV2), kept in SQLite with its date (db/repos/catalogue.ts), searched in
 * memory as the operator types (search.ts), refreshed daily and on demand. When the node cannot be
 * reached the kept catalogue serves and `status()` says how old it is; with no catalogue at all a
 * failed refresh and every search are CATALOGUE_NONE.
 */
import { SportelloError } from '../../../kernel/errors';
import type { CatalogueMeta, CatalogueProviderRow, SportelloDatabase } from '../../../db';
import type { Core } from '../../core/core';
import type { NodeClient } from '../../node';
import type { CatalogoServiziResult } from '../../protocol/types';
import type { CatalogueEntry, CatalogueStatus } from './entry';
import { buildIndex, searchIndex } from './search';
import type { IndexedEntry, SearchQuery, SearchResult } from './search';

export type { CatalogueEntry, CatalogueStatus } from './entry';
export type { SearchQuery, SearchResult } from './search';

/** A catalogue older than this is `stale`, and due for a refresh. */
export const CATALOGUE_FRESH_MS = 24 * 60 * 60 * 1000;
/** After a failed refresh, the next scheduled try waits this long (an on-demand one does not). */
export const CATALOGUE_RETRY_MS = 15 * 60 * 1000;

/** No catalogue was ever fetched and the node cannot give one now. */
export class CatalogueNone extends SportelloError {
  declare readonly code: 'CATALOGUE_NONE';
  constructor(lastError: { code: string; message: string } | null) {
    super('CATALOGUE_NONE', 'no service catalogue yet: the node has not given one', {
      retryable: true,
      details: lastError ? { cause: lastError.code } : {},
    });
  }
}

export interface CatalogueLog {
  info(event: string, data: Record<string, unknown>): void;
  warn(event: string, data: Record<string, unknown>): void;
}

export interface CatalogueDeps {
  db: Pick<SportelloDatabase, 'catalogue' | 'transaction'>;
  node: Pick<NodeClient, 'nodoChiediCatalogoServiziV2'>;
  /** engine time, epoch ms */
  now(): number;
  log?: CatalogueLog;
  /** where refreshes are journaled (`catalogue-refreshed`, `catalogue-refresh-failed`) */
  journal?: Pick<SportelloDatabase['journal'], 'append'>;
}

/** The node's answer as provider rows, in its order; a provider id seen twice keeps its first row. */
export function providerRows(answer: CatalogoServiziResult): CatalogueProviderRow[] {
  const seen = new Set<string>();
  const rows: CatalogueProviderRow[] = [];
  for (const s of answer.servizi)
    for (const p of s.soggettiEroganti) {
      if (seen.has(p.idSoggettoServizio)) continue;
      seen.add(p.idSoggettoServizio);
      rows.push({
        idSoggettoServizio: p.idSoggettoServizio,
        idServizio: s.idServizio,
        descrizioneServizio: s.descrizioneServizio,
        categoria: s.categoria ?? null,
        idDominio: p.idDominio,
        denominazioneEnteCreditore: p.denominazioneEnteCreditore,
        xsdRiferimento: s.xsdRiferimento,
        commissione: p.commissione ?? null,
        dataInizioValidita: p.dataInizioValidita,
        dataFineValidita: p.dataFineValidita ?? null,
      });
    }
  return rows;
}

const ROME_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Europe/Rome calendar date (YYYY-MM-DD) at `ms`: validity dates are Italian dates. */
export const romeDate = (ms: number): string => ROME_DATE.format(new Date(ms));

const NO_JOURNAL: Pick<SportelloDatabase['journal'], 'append'> = {
  append: () => ({}) as ReturnType<SportelloDatabase['journal']['append']>,
};

const errorOf = (e: unknown): { code: string; message: string } => ({
  code: typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'INTERNAL',
  message: (e instanceof Error ? e.message : String(e)).slice(0, 300),
});

export class CatalogueService {
  private meta: CatalogueMeta | null = null;
  private index: IndexedEntry[] = [];
  private byId = new Map<string, IndexedEntry>();
  private lastError: { code: string; message: string } | null = null;
  private lastAttemptMs: number | null = null;
  private inFlight: Promise<CatalogueStatus> | null = null;

  constructor(private readonly deps: CatalogueDeps) {
    try {
      const kept = deps.db.catalogue.load();
      if (kept) this.install(kept.rows, kept.meta);
    } catch (e) {
      // An unreadable catalogue is no catalogue: the next refresh replaces it.
      this.lastError = errorOf(e);
      deps.log?.warn('catalogue-load-failed', { code: this.lastError.code });
    }
  }

  status(): CatalogueStatus {
    const ageMs = this.meta ? Math.max(0, this.deps.now() - this.meta.fetchedAtMs) : null;
    return {
      state: ageMs === null ? 'none' : ageMs >= CATALOGUE_FRESH_MS ? 'stale' : 'fresh',
      fetchedAtMs: this.meta?.fetchedAtMs ?? null,
      ageMs,
      services: this.index.length,
      lastError: this.lastError,
      refreshing: this.inFlight !== null,
    };
  }

  /** Fetches the catalogue now (one request at a time: a second caller shares the first's). */
  refresh(): Promise<CatalogueStatus> {
    this.inFlight ??= this.fetchAndKeep().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /**
   * The schedule's step: refreshes when there is no catalogue or it is a day old, unless a try
   * failed in the last CATALOGUE_RETRY_MS. Never waits for the node; never throws.
   */
  refreshIfDue(): Promise<CatalogueStatus> | null {
    if (this.inFlight) return null;
    const now = this.deps.now();
    if (this.meta && now - this.meta.fetchedAtMs < CATALOGUE_FRESH_MS) return null;
    if (this.lastError && this.lastAttemptMs !== null && now - this.lastAttemptMs < CATALOGUE_RETRY_MS) return null;
    const run = this.refresh();
    run.catch(() => undefined);
    return run;
  }

  /** Services matching the query, in their validity dates, best first. CATALOGUE_NONE with no catalogue. */
  search(q: SearchQuery = {}): SearchResult {
    if (!this.meta) throw new CatalogueNone(this.lastError);
    return searchIndex(this.index, q, this.offeredToday());
  }

  /** One provider's service, when it is in the catalogue and in its validity dates today. */
  find(idSoggettoServizio: string): CatalogueEntry | null {
    const item = this.byId.get(idSoggettoServizio);
    return item && this.offeredToday()(item.entry) ? item.entry : null;
  }

  /** Categories of the services offered today, by name, with how many. */
  categories(): { name: string; services: number }[] {
    const counts = new Map<string, number>();
    const offered = this.offeredToday();
    for (const { entry } of this.index)
      if (entry.categoria !== null && offered(entry)) counts.set(entry.categoria, (counts.get(entry.categoria) ?? 0) + 1);
    return [...counts].map(([name, services]) => ({ name, services })).sort((a, b) => a.name.localeCompare(b.name, 'it'));
  }

  /** Creditors offering services today, by name, with how many. */
  creditors(): { idDominio: string; name: string; services: number }[] {
    const found = new Map<string, { idDominio: string; name: string; services: number }>();
    const offered = this.offeredToday();
    for (const { entry } of this.index) {
      if (!offered(entry)) continue;
      const c = found.get(entry.idDominio) ?? { idDominio: entry.idDominio, name: entry.denominazioneEnteCreditore, services: 0 };
      c.services += 1;
      found.set(entry.idDominio, c);
    }
    return [...found.values()].sort((a, b) => a.name.localeCompare(b.name, 'it'));
  }

  /** status() with the categories and creditors: what `catalogue.status` answers. */
  overview() {
    return { ...this.status(), categories: this.categories(), creditors: this.creditors() };
  }

  private offeredToday(): (e: CatalogueEntry) => boolean {
    const today = romeDate(this.deps.now());
    return (e) => e.dataInizioValidita <= today && (e.dataFineValidita === null || today <= e.dataFineValidita);
  }

  private install(rows: readonly CatalogueProviderRow[], meta: CatalogueMeta): void {
    this.index = buildIndex(rows.map((r) => ({ ...r })));
    this.byId = new Map(this.index.map((i) => [i.entry.idSoggettoServizio, i]));
    this.meta = meta;
  }

  private async fetchAndKeep(): Promise<CatalogueStatus> {
    const { db, node, log } = this.deps;
    const journal = this.deps.journal ?? NO_JOURNAL;
    this.lastAttemptMs = this.deps.now();
    let rows: CatalogueProviderRow[];
    let meta: CatalogueMeta;
    try {
      const answer = await node.nodoChiediCatalogoServiziV2({});
      rows = providerRows(answer);
      // The rows, the date and the journal entry commit together, or none of them.
      meta = db.transaction(() => {
        const kept = db.catalogue.replace(rows, answer.servizi.length);
        journal.append('catalogue-refreshed', { services: rows.length, answered: answer.servizi.length });
        return kept;
      });
    } catch (e) {
      return this.failed(e);
    }
    this.install(rows, meta);
    this.lastError = null;
    log?.info('catalogue-refreshed', { services: rows.length, answered: meta.answered });
    return this.status();
  }

  private failed(e: unknown): CatalogueStatus {
    this.lastError = errorOf(e);
    const faultCode = (e as { faultCode?: unknown }).faultCode;
    const payload = { code: this.lastError.code, ...(typeof faultCode === 'string' ? { faultCode } : {}) };
    try {
      (this.deps.journal ?? NO_JOURNAL).append('catalogue-refresh-failed', payload);
    } catch {
      // the storage fault is the log's to report; the kept catalogue still serves
    }
    this.deps.log?.warn('catalogue-refresh-failed', payload);
    if (!this.meta) throw new CatalogueNone(this.lastError);
    return this.status();
  }
}

const perCore = new WeakMap<object, CatalogueService>();

/**
 * The one catalogue of a core: every API opened on the same core (the shell's, a test's) shares
 * it, so one refresh serves them all and two schedules never fetch twice.
 */
export function catalogueOf(core: Pick<Core, 'db' | 'node' | 'engine' | 'log'>): CatalogueService {
  let service = perCore.get(core);
  if (!service) {
    service = new CatalogueService({ db: core.db, node: core.node, now: core.engine.now, log: core.log, journal: core.db.journal });
    perCore.set(core, service);
  }
  return service;
}
