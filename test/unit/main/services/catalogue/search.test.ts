// The catalogue's search as you type: accents and case ignored, every word a prefix of some word,
// description matches first, filters by category and creditor, a kiosk's `only`, validity dates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex, normalise, searchIndex } from '../../../../../main/services/catalogue/search';
import type { CatalogueEntry } from '../../../../../main/contract/catalogue-calls';

const entry = (over: Partial<CatalogueEntry> & Pick<CatalogueEntry, 'idSoggettoServizio' | 'descrizioneServizio'>): CatalogueEntry => ({
  idServizio: '00001',
  categoria: 'Tributi',
  idDominio: '66666666666',
  denominazioneEnteCreditore: 'Regione Esempio',
  xsdRiferimento: 'Generic_1_0_0.xsd',
  commissione: null,
  dataInizioValidita: '2024-01-01',
  dataFineValidita: null,
  ...over,
});

const ENTRIES = [
  entry({
    idSoggettoServizio: '00301',
    idServizio: '00003',
    descrizioneServizio: 'Tassa automobilistica',
    xsdRiferimento: 'TassaAutomobilistica_1_1_0.xsd',
  }),
  entry({
    idSoggettoServizio: '00101',
    idServizio: '00001',
    descrizioneServizio: "Carta d'identità elettronica",
    categoria: 'Anagrafe',
    idDominio: '77777777777',
    denominazioneEnteCreditore: 'Comune di Borgo Esempio',
    xsdRiferimento: 'Cie_1_0_0.xsd',
  }),
  entry({
    idSoggettoServizio: '00201',
    idServizio: '00002',
    descrizioneServizio: 'Licenza di pesca',
    xsdRiferimento: 'D847_Pesca_1_0_0.xsd',
  }),
  entry({
    idSoggettoServizio: '00501',
    idServizio: '00005',
    descrizioneServizio: 'Rette mensa scolastica',
    categoria: 'Scuola',
    idDominio: '77777777777',
    denominazioneEnteCreditore: 'Comune di Borgo Esempio',
  }),
  entry({
    idSoggettoServizio: '00601',
    idServizio: '00006',
    descrizioneServizio: 'Contributo per la tassa di concorso',
    categoria: 'Concorsi',
  }),
  entry({ idSoggettoServizio: '00701', idServizio: '00007', descrizioneServizio: 'Tassa scaduta', dataFineValidita: '2024-12-31' }),
  entry({ idSoggettoServizio: '00801', idServizio: '00008', descrizioneServizio: 'Tassa futura', dataInizioValidita: '2030-01-01' }),
];
const INDEX = buildIndex(ENTRIES);
const TODAY = '2026-06-01';
const offered = (e: CatalogueEntry) => e.dataInizioValidita <= TODAY && (e.dataFineValidita === null || TODAY <= e.dataFineValidita);
const ids = (q: Parameters<typeof searchIndex>[1]) => searchIndex(INDEX, q, offered).entries.map((e) => e.idSoggettoServizio);

test('normalise drops accents, case and punctuation', () => {
  assert.equal(normalise("Carta d'IDENTITÀ  elettronica"), 'carta d identita elettronica');
  assert.equal(normalise('Gebühr für Führerschein'), 'gebuhr fur fuhrerschein');
});

test('accents and case do not matter, either way round', () => {
  assert.deepEqual(ids({ words: 'IDENTITA' }), ['00101']);
  assert.deepEqual(ids({ words: 'identità' }), ['00101']);
  assert.deepEqual(ids({ words: 'Carta Identita' }), ['00101']);
});

test('every word must start some word: a prefix matches, the middle of a word does not', () => {
  assert.deepEqual(ids({ words: 'pes' }), ['00201']);
  assert.deepEqual(ids({ words: 'esca' }), [], 'not a word start');
  assert.deepEqual(ids({ words: 'licenza pesca' }), ['00201']);
  assert.deepEqual(ids({ words: 'licenza auto' }), [], 'every word must match');
});

test('creditor, category, ids and the common names match too', () => {
  assert.deepEqual(ids({ words: 'borgo' }).sort(), ['00101', '00501']);
  assert.deepEqual(ids({ words: 'scuola' }), ['00501']);
  assert.deepEqual(ids({ words: '00301' }), ['00301']);
  assert.deepEqual(ids({ words: 'bollo' }), ['00301'], 'the car tax by the name people use');
});

test('description word starts rank first, the first word before the others, then alphabetically', () => {
  // "tassa" starts the car tax's description (and the validity-limited ones, filtered out), is a
  // later word of the concorso one, and only the category of the rest (Tributi is not "tassa").
  assert.deepEqual(ids({ words: 'tassa' }), ['00301', '00601']);
  assert.deepEqual(ids({ words: 'tassa', limit: 1 }), ['00301'], 'a better match later in the index still comes first');
  // "tributi" matches only the category: alphabetically by description
  assert.deepEqual(ids({ words: 'trib' }), ['00201', '00301']);
});

test('filters: category and creditor (fiscal code or name), without case or accents', () => {
  assert.deepEqual(ids({ category: 'anagrafe' }), ['00101']);
  assert.deepEqual(ids({ creditor: '77777777777' }).sort(), ['00101', '00501']);
  assert.deepEqual(ids({ creditor: 'comune di borgo esempio', words: 'rette' }), ['00501']);
  assert.deepEqual(ids({ category: 'Scuola', words: 'tassa' }), []);
});

test('only: the services a kiosk enabled, by provider or by service id', () => {
  assert.deepEqual(ids({ only: ['00301'] }), ['00301']);
  assert.deepEqual(ids({ only: ['00002', '00301'] }).sort(), ['00201', '00301']);
  assert.deepEqual(ids({ only: ['00301'], words: 'pesca' }), []);
  assert.deepEqual(ids({ only: [] }), []);
});

test('services out of their validity dates are not offered', () => {
  assert.deepEqual(ids({ words: 'scaduta' }), []);
  assert.deepEqual(ids({ words: 'futura' }), []);
});

test('limit: default 20, total counts every match', () => {
  const many = buildIndex(
    Array.from({ length: 30 }, (_, i) => entry({ idSoggettoServizio: String(i).padStart(5, '0'), descrizioneServizio: `Servizio ${i}` })),
  );
  const all = searchIndex(many, { words: 'serv' }, () => true);
  assert.equal(all.entries.length, 20);
  assert.equal(all.total, 30);
  assert.equal(searchIndex(many, { words: 'serv', limit: 5 }, () => true).entries.length, 5);
  assert.equal(searchIndex(many, {}, () => true).total, 30, 'no words: everything offered');
});
