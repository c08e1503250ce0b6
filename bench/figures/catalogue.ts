/**
 * Figure 11, the service catalogue searched as the operator types (issue 15): a generated catalogue
 * of 1,000 services (one provider each: 60 creditors, 12 categories, Italian descriptions with
 * accents), loaded into the real `CatalogueService` (its in-memory index built once, as at start and
 * after a refresh), then several queries typed letter by letter: each keystroke is one
 * `search({ words })` with the text so far, timed alone (accents and case folded, every word a
 * prefix, validity dates, ranking, the first 20).
 *
 * Baseline, interleaved keystroke by keystroke over the same rows: the naive scan one writes first,
 * each row's description, creditor, category and ids lower-cased and joined at every keystroke, every
 * typed word tested with `includes`, the first 20 kept (no accent folding, no ranking).
 */
import { performance } from 'node:perf_hooks';
import type { CatalogueProviderRow } from '../../db';
import { CatalogueService } from '../../main/services/catalogue/store';
import { check, row, type Figure } from '../lib/figure';
import { summarize } from '../lib/stats';

const PLANS = { full: { rounds: 40 }, quick: { rounds: 6 } };
const SERVICES = 1000;
/** One frame at 60 Hz: what a keystroke may take before the screen stutters. */
const FRAME_MS = 16;

const KINDS = [
  'Tassa',
  'Diritti di segreteria per',
  'Contributo',
  'Rette',
  'Canone',
  'Sanzione per',
  'Rimborso spese di',
  'Quota di iscrizione a',
  'Imposta di',
  'Tariffa',
];
const SUBJECTS = [
  'mensa scolastica',
  'trasporto scolastico',
  'occupazione suolo pubblico',
  'rilascio certificato anagrafico',
  'pubblicità e affissioni',
  'servizi cimiteriali',
  'asilo nido',
  'attività sportive',
  'concessione edilizia',
  'parcheggio residenti',
  'raccolta rifiuti ingombranti',
  'noleggio sale comunali',
  'università e formazione',
  'visite guidate al museo',
  'libretto di circolazione',
  'passo carrabile',
  'pesca sportiva',
  'caccia',
  'identità digitale',
  'attività commerciali',
];
const CATEGORIES = [
  'Tributi',
  'Scuola',
  'Anagrafe',
  'Sanità',
  'Mobilità',
  'Cultura',
  'Sport',
  'Edilizia',
  'Ambiente',
  'Commercio',
  'Turismo',
  'Università',
];
const PLACES = ['Borgo Esempio', 'Città Alta', 'Forlì', 'Cantù', 'Paternò', 'Agrigento', 'Aosta', 'Bolzano', 'Cosenza', 'Érbezzo'];

/** A deterministic catalogue: 999 generated services and the car tax, which the queries look for. */
export function generatedCatalogue(n = SERVICES): CatalogueProviderRow[] {
  const rows: CatalogueProviderRow[] = [];
  for (let i = 0; i < n - 1; i++) {
    const creditor = i % 60;
    const id = String(i + 1).padStart(5, '0');
    rows.push({
      idSoggettoServizio: id,
      idServizio: `S${id.slice(1)}`,
      descrizioneServizio: `${KINDS[i % KINDS.length]} ${SUBJECTS[Math.floor(i / KINDS.length) % SUBJECTS.length]}${i >= 200 ? ` ${Math.floor(i / 200)}` : ''}`,
      categoria: CATEGORIES[(i * 7) % CATEGORIES.length]!,
      idDominio: String(80000000000 + creditor * 1234567).slice(0, 11),
      denominazioneEnteCreditore: `${creditor % 3 === 0 ? 'Regione' : 'Comune di'} ${PLACES[creditor % PLACES.length]}${creditor >= 10 ? ` ${creditor}` : ''}`,
      xsdRiferimento: ['Cup_1_0_0.xsd', 'Cie_1_0_0.xsd', 'D847_Pesca_1_0_0.xsd', 'Generico_1_0_0.xsd'][i % 4]!,
      commissione: i % 5 === 0 ? 'Y' : null,
      dataInizioValidita: '2024-01-01',
      dataFineValidita: i % 50 === 0 ? '2025-01-01' : null,
    });
  }
  rows.push({
    idSoggettoServizio: '99999',
    idServizio: '00003',
    descrizioneServizio: 'Tassa automobilistica',
    categoria: 'Tributi',
    idDominio: '66666666666',
    denominazioneEnteCreditore: 'Regione Esempio',
    xsdRiferimento: 'TassaAutomobilistica_1_1_0.xsd',
    commissione: null,
    dataInizioValidita: '2024-01-01',
    dataFineValidita: null,
  });
  return rows;
}

/** What is typed, and the service its last keystroke must show first (null: any). */
const QUERIES: readonly { text: string; first: string | null }[] = [
  { text: 'tassa automobilistica', first: '99999' },
  { text: 'bollo', first: '99999' },
  { text: 'mensa scolastica comune', first: null },
  { text: 'certificato anagrafico', first: null },
  { text: 'identita digitale', first: null },
  { text: 'comune di cantu', first: null },
  { text: 'rette asilo', first: null },
];

/** The naive scan: every row lower-cased and joined at every keystroke, `includes` per word. */
function naiveSearch(rows: readonly CatalogueProviderRow[], text: string, limit = 20): CatalogueProviderRow[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows
    .filter((r) => {
      const hay =
        `${r.descrizioneServizio} ${r.denominazioneEnteCreditore} ${r.categoria ?? ''} ${r.idServizio} ${r.idSoggettoServizio}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    })
    .slice(0, limit);
}

export const catalogueFigure: Figure = {
  figure: 11,
  title: 'catalogue search as typed',
  async run(ctx) {
    const plan = ctx.quick ? PLANS.quick : PLANS.full;
    const rows = generatedCatalogue();
    const now = Date.UTC(2026, 5, 1);
    const meta = { fetchedAt: new Date(now).toISOString(), fetchedAtMs: now, answered: rows.length, providers: rows.length };
    const db = {
      catalogue: { load: () => ({ meta, rows }), replace: () => meta },
      transaction: <T>(fn: () => T) => fn(),
    };
    const node = { nodoChiediCatalogoServiziV2: () => Promise.reject(new Error('not used')) };

    const builds: number[] = [];
    let service: CatalogueService | null = null;
    for (let i = 0; i < Math.max(5, plan.rounds); i++) {
      const t0 = performance.now();
      service = new CatalogueService({ db: db as never, node: node as never, now: () => now });
      builds.push(performance.now() - t0);
    }
    const catalogue = service!;

    const keystrokes = QUERIES.flatMap((q) => Array.from({ length: q.text.length }, (_, i) => q.text.slice(0, i + 1)));
    const ours: number[] = [];
    const naive: number[] = [];
    let sink = 0;
    for (let round = 0; round < plan.rounds + 2; round++) {
      for (const typed of keystrokes) {
        const t0 = performance.now();
        sink += catalogue.search({ words: typed }).entries.length;
        const t1 = performance.now();
        sink += naiveSearch(rows, typed).length;
        const t2 = performance.now();
        if (round < 2) continue; // warm-up rounds
        ours.push(t1 - t0);
        naive.push(t2 - t1);
      }
    }

    const found = QUERIES.map((q) => ({
      q: q.text,
      first: catalogue.search({ words: q.text }).entries[0]?.idSoggettoServizio ?? null,
      want: q.first,
    }));
    const missed = found.filter((f) => f.first === null || (f.want !== null && f.first !== f.want));
    const folded = catalogue.search({ words: 'forli' }).total;
    const naiveFolded = naiveSearch(rows, 'forli').length;
    const oursS = summarize(ours);
    const naiveS = summarize(naive);
    const buildS = summarize(builds);
    const base = 'naive scan: toLowerCase + includes, same rows';
    return {
      rows: [
        row(`keystroke: search ${SERVICES} services as typed, p50`, oursS.median, 'ms', { name: base, value: naiveS.median }),
        row(`keystroke: search ${SERVICES} services as typed, p99`, oursS.p99, 'ms', { name: base, value: naiveS.p99 }),
        row(`keystroke, p99, against one frame (${FRAME_MS} ms)`, oursS.p99, 'ms', { name: 'one frame at 60 Hz', value: FRAME_MS }),
        row(`index build at load or refresh (${SERVICES} services), median`, buildS.median, 'ms', null),
      ],
      checks: [
        check(
          'every query finds its service first',
          missed.length === 0,
          missed.length === 0 ? `${QUERIES.length} queries` : JSON.stringify(missed),
        ),
        check('accents folded: "forli" finds Forlì', folded > 0 && naiveFolded === 0, `${folded} matches (the naive scan: ${naiveFolded})`),
        check('work done', sink > 0, `${keystrokes.length} keystrokes x ${plan.rounds} rounds`),
      ],
      details: { keystrokes: keystrokes.length, rounds: plan.rounds, ours: oursS, naive: naiveS, build: buildS },
    };
  },
};
