/**
 * The kept service catalogue (migration 0006): one row per provider and the meta row. `replace`
 * swaps the whole catalogue in one transaction (a savepoint inside the caller's): a failure or a
 * kill part-way leaves the previous catalogue as it was. `load` reads it back in the node's order.
 */
import { isoAt, statements } from './context';
import type { RepoContext } from './context';

export interface CatalogueProviderRow {
  idSoggettoServizio: string;
  idServizio: string;
  descrizioneServizio: string;
  categoria: string | null;
  idDominio: string;
  denominazioneEnteCreditore: string;
  xsdRiferimento: string;
  commissione: 'Y' | 'N' | null;
  dataInizioValidita: string;
  dataFineValidita: string | null;
}

export interface CatalogueMeta {
  fetchedAt: string;
  fetchedAtMs: number;
  /** how many services (catalogoServizi) the node's answer held */
  answered: number;
  /** how many provider rows were kept */
  providers: number;
}

export interface KeptCatalogue {
  meta: CatalogueMeta;
  rows: CatalogueProviderRow[];
}

interface Row {
  id_soggetto_servizio: string;
  id_servizio: string;
  descrizione_servizio: string;
  categoria: string | null;
  id_dominio: string;
  denominazione_ente_creditore: string;
  xsd_riferimento: string;
  commissione: 'Y' | 'N' | null;
  data_inizio_validita: string;
  data_fine_validita: string | null;
}

interface MetaRow {
  fetched_at: string;
  fetched_at_ms: number;
  answered: number;
  providers: number;
}

const toRow = (r: Row): CatalogueProviderRow => ({
  idSoggettoServizio: r.id_soggetto_servizio,
  idServizio: r.id_servizio,
  descrizioneServizio: r.descrizione_servizio,
  categoria: r.categoria,
  idDominio: r.id_dominio,
  denominazioneEnteCreditore: r.denominazione_ente_creditore,
  xsdRiferimento: r.xsd_riferimento,
  commissione: r.commissione,
  dataInizioValidita: r.data_inizio_validita,
  dataFineValidita: r.data_fine_validita,
});

export function catalogueRepository(ctx: RepoContext) {
  const q = statements(ctx.db, {
    meta: 'SELECT fetched_at, fetched_at_ms, answered, providers FROM catalogue_meta WHERE id = 1',
    rows: 'SELECT * FROM catalogue_provider ORDER BY position',
    clear: 'DELETE FROM catalogue_provider',
    insert: `INSERT INTO catalogue_provider (id_soggetto_servizio, id_servizio, descrizione_servizio, categoria, id_dominio,
               denominazione_ente_creditore, xsd_riferimento, commissione, data_inizio_validita, data_fine_validita, position)
             VALUES (@idSoggettoServizio, @idServizio, @descrizioneServizio, @categoria, @idDominio,
               @denominazioneEnteCreditore, @xsdRiferimento, @commissione, @dataInizioValidita, @dataFineValidita, @position)`,
    putMeta: `INSERT INTO catalogue_meta (id, fetched_at, fetched_at_ms, answered, providers)
              VALUES (1, @fetchedAt, @fetchedAtMs, @answered, @providers)
              ON CONFLICT (id) DO UPDATE SET fetched_at = excluded.fetched_at, fetched_at_ms = excluded.fetched_at_ms,
                answered = excluded.answered, providers = excluded.providers`,
  });

  return {
    /** The kept catalogue, or null when none was ever fetched. */
    load(): KeptCatalogue | null {
      const meta = q.meta.get() as MetaRow | undefined;
      if (!meta) return null;
      return {
        meta: { fetchedAt: meta.fetched_at, fetchedAtMs: meta.fetched_at_ms, answered: meta.answered, providers: meta.providers },
        rows: (q.rows.all() as Row[]).map(toRow),
      };
    },
    /**
     * Replaces the whole catalogue, fetched now: all rows or none. `afterRow` runs after each insert
     * (the tests' way to fail or kill the process part-way).
     */
    replace(rows: readonly CatalogueProviderRow[], answered: number, afterRow?: (index: number) => void): CatalogueMeta {
      const at = ctx.now();
      const meta: CatalogueMeta = { fetchedAt: isoAt(at), fetchedAtMs: at, answered, providers: rows.length };
      ctx.db.transaction(() => {
        q.clear.run();
        rows.forEach((row, position) => {
          q.insert.run({ ...row, position });
          afterRow?.(position);
        });
        q.putMeta.run(meta);
      })();
      return meta;
    },
  };
}

export type CatalogueRepository = ReturnType<typeof catalogueRepository>;
