// CatalogueService over a real SQLite file with a scripted node: when the schedule refreshes (none,
// a day old, not again within 15 min of a failure), one request for concurrent refreshes, a provider
// listed twice kept once, validity dates for find, categories and creditors. The real simulator over
// HTTP is test/integration/catalogue/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDatabase } from '../../../../../db/index';
import { NodeUnreachable } from '../../../../../main/node/errors';
import { CATALOGUE_FRESH_MS, CATALOGUE_RETRY_MS, CatalogueService, romeDate } from '../../../../../main/services/catalogue/store';
import type { CatalogoServiziResult } from '../../../../../main/protocol/types';
import { tempDir } from '../../../../support/tmp';

const T0 = Date.UTC(2026, 5, 1, 8);

const ANSWER: CatalogoServiziResult = {
  servizi: [
    {
      idServizio: '00003',
      descrizioneServizio: 'Tassa automobilistica',
      categoria: 'Tributi',
      xsdRiferimento: 'TassaAutomobilistica_1_1_0.xsd',
      soggettiEroganti: [
        {
          idSoggettoServizio: '00301',
          idDominio: '66666666666',
          denominazioneEnteCreditore: 'Regione Esempio',
          dataInizioValidita: '2024-01-01',
        },
        {
          idSoggettoServizio: '00302',
          idDominio: '55555555555',
          denominazioneEnteCreditore: 'Regione Altrove',
          dataInizioValidita: '2024-01-01',
          dataFineValidita: '2025-12-31',
        },
      ],
    },
    {
      idServizio: '00001',
      descrizioneServizio: "Carta d'identità elettronica",
      categoria: 'Anagrafe',
      xsdRiferimento: 'Cie_1_0_0.xsd',
      soggettiEroganti: [
        {
          idSoggettoServizio: '00101',
          idDominio: '77777777777',
          denominazioneEnteCreditore: 'Comune di Borgo Esempio',
          dataInizioValidita: '2024-01-01',
          commissione: 'Y',
        },
        // listed twice by a careless producer: the first is kept
        { idSoggettoServizio: '00301', idDominio: '99999999999', denominazioneEnteCreditore: 'Doppione', dataInizioValidita: '2024-01-01' },
      ],
    },
  ],
};

function setup(t: { after(fn: () => void): void }) {
  let now = T0;
  // One clock for the database and the service, as in the core (engine time).
  const db = openDatabase(join(tempDir(t), 's.db'), { clock: () => now });
  t.after(() => db.close());
  const node = {
    calls: 0,
    next: [] as (() => Promise<CatalogoServiziResult>)[],
    nodoChiediCatalogoServiziV2(): Promise<CatalogoServiziResult> {
      this.calls++;
      return (this.next.shift() ?? (() => Promise.resolve(ANSWER)))();
    },
  };
  const make = () => new CatalogueService({ db, node, now: () => now, journal: db.journal });
  return { db, node, make, advance: (ms: number) => (now += ms) };
}

const down = () => Promise.reject(new NodeUnreachable('nodoChiediCatalogoServiziV2', 'refused', {}));

test('the schedule: at once without a catalogue, then only when a day old', async (t) => {
  const { node, make, advance } = setup(t);
  const catalogue = make();
  assert.equal(catalogue.status().state, 'none');
  assert.equal((await catalogue.refreshIfDue())?.state, 'fresh');
  assert.equal(catalogue.refreshIfDue(), null, 'fresh: nothing to do');
  advance(CATALOGUE_FRESH_MS - 1);
  assert.equal(catalogue.refreshIfDue(), null);
  advance(1);
  assert.equal(catalogue.status().state, 'stale');
  assert.equal((await catalogue.refreshIfDue())?.state, 'fresh');
  assert.equal(node.calls, 2);
});

test('after a failure the schedule waits 15 minutes; an asked refresh does not', async (t) => {
  const { node, make, advance } = setup(t);
  const catalogue = make();
  node.next.push(down);
  await assert.rejects(catalogue.refreshIfDue()!, { code: 'CATALOGUE_NONE' });
  assert.equal(catalogue.refreshIfDue(), null, 'within the retry wait');
  node.next.push(down);
  await assert.rejects(catalogue.refresh(), { code: 'CATALOGUE_NONE' });
  advance(CATALOGUE_RETRY_MS);
  assert.equal((await catalogue.refreshIfDue())?.state, 'fresh');
  assert.equal(catalogue.status().lastError, null, 'a success clears the failure');
  assert.equal(node.calls, 3);
});

test('concurrent refreshes share one request', async (t) => {
  const { node, make } = setup(t);
  const catalogue = make();
  const [a, b] = await Promise.all([catalogue.refresh(), catalogue.refresh()]);
  assert.deepEqual(a, b);
  assert.equal(node.calls, 1);
  assert.equal(catalogue.status().refreshing, false);
});

test('one row per provider, the first of a repeated id; a new service object finds them', async (t) => {
  const { db, make } = setup(t);
  await make().refresh();
  const again = make();
  assert.equal(again.status().services, 3);
  assert.equal(again.find('00301')?.denominazioneEnteCreditore, 'Regione Esempio');
  assert.equal(again.find('00101')?.commissione, 'Y');
  assert.deepEqual(
    db.journal
      .list(0, 100)
      .filter((e) => e.kind === 'catalogue-refreshed')
      .map((e) => e.payload),
    [{ services: 3, answered: 2 }],
  );
});

test('out of its validity dates: not found, not counted in categories and creditors', async (t) => {
  const { make } = setup(t);
  const catalogue = make();
  await catalogue.refresh();
  assert.equal(romeDate(T0), '2026-06-01');
  assert.equal(catalogue.find('00302'), null, 'ended 2025-12-31');
  assert.equal(catalogue.find('nope'), null);
  assert.deepEqual(catalogue.categories(), [
    { name: 'Anagrafe', services: 1 },
    { name: 'Tributi', services: 1 },
  ]);
  assert.deepEqual(
    catalogue.creditors().map((c) => [c.idDominio, c.services]),
    [
      ['77777777777', 1],
      ['66666666666', 1],
    ],
  );
});

test('romeDate: validity dates are Italian calendar dates', () => {
  assert.equal(romeDate(Date.UTC(2026, 0, 1, 22, 30)), '2026-01-01');
  assert.equal(romeDate(Date.UTC(2026, 0, 1, 23, 30)), '2026-01-02', 'past midnight in Rome');
});
