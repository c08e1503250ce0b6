// Migration 0006 and the catalogue repository: no meta row is no catalogue; a replace swaps every
// row and the date at once, and a failure part-way keeps the previous catalogue whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, MIGRATIONS } from '../../../../db/index';
import { catalogueRepository } from '../../../../db/repos/catalogue';
import type { CatalogueProviderRow } from '../../../../db/repos/catalogue';
import { tempDir } from '../../../support/tmp';

const row = (id: string, over: Partial<CatalogueProviderRow> = {}): CatalogueProviderRow => ({
  idSoggettoServizio: id,
  idServizio: '00003',
  descrizioneServizio: `Servizio ${id}`,
  categoria: 'Tributi',
  idDominio: '66666666666',
  denominazioneEnteCreditore: 'Regione Esempio',
  xsdRiferimento: 'TassaAutomobilistica_1_1_0.xsd',
  commissione: null,
  dataInizioValidita: '2024-01-01',
  dataFineValidita: null,
  ...over,
});

function repo(t: { after(fn: () => void): void }) {
  const db = new Database(join(tempDir(t), 'm.db'));
  t.after(() => db.close());
  migrate(db, MIGRATIONS.slice(0, 6));
  let now = 1_800_000_000_000;
  return { db, catalogue: catalogueRepository({ db, now: () => now, newId: () => 'x' }), later: () => (now += 1000) };
}

test('0006: no catalogue until the first replace; then rows in the node order with the date', (t) => {
  const { catalogue } = repo(t);
  assert.equal(catalogue.load(), null);
  catalogue.replace([row('00302'), row('00301', { commissione: 'Y', dataFineValidita: '2099-12-31' })], 1);
  const kept = catalogue.load();
  assert.deepEqual(kept?.meta, {
    fetchedAt: new Date(1_800_000_000_000).toISOString(),
    fetchedAtMs: 1_800_000_000_000,
    answered: 1,
    providers: 2,
  });
  assert.deepEqual(
    kept?.rows.map((r) => [r.idSoggettoServizio, r.commissione, r.dataFineValidita]),
    [
      ['00302', null, null],
      ['00301', 'Y', '2099-12-31'],
    ],
  );
});

test('0006: a replace that fails part-way keeps the previous catalogue and its date', (t) => {
  const { catalogue, later } = repo(t);
  catalogue.replace([row('00101'), row('00102')], 2);
  later();
  assert.throws(() =>
    catalogue.replace([row('00201'), row('00202'), row('00203')], 3, (i) => {
      if (i === 1) throw new Error('killed');
    }),
  );
  // A value the table refuses (not Y/N) fails the same way.
  assert.throws(() => catalogue.replace([row('00301'), row('00302', { commissione: 'X' as 'Y' })], 2), /CHECK/);
  const kept = catalogue.load();
  assert.deepEqual(
    kept?.rows.map((r) => r.idSoggettoServizio),
    ['00101', '00102'],
  );
  assert.equal(kept?.meta.fetchedAtMs, 1_800_000_000_000);
});

test('0006: the tables are STRICT', (t) => {
  const { db } = repo(t);
  assert.throws(() =>
    db.prepare(`INSERT INTO catalogue_meta (id, fetched_at, fetched_at_ms, answered, providers) VALUES (1, 'x', 1.5, 0, 0)`).run(),
  );
});
