// One register per audience, held everywhere (issue 13). Staff screens (counter, shift, technician)
// speak in the impersonal infinitive ("Controllare il codice", "Riprovare"); the citizen kiosk in
// the polite "Lei" ("Controlli il codice", "Riprovi"). Short button labels ("Apri turno", "Stampa")
// are commands, not sentences, and are left alone: the check reads sentences (four words or more).
// The word lists are the imperatives these screens actually use; a new sentence in the wrong
// register with one of them fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const dir = new URL('../../../locales/it/', import.meta.url);

/** "tu" imperatives and pronouns: never in a staff sentence, never at the kiosk. */
const TU = [
  'controlla',
  'controllala',
  'controllalo',
  'riprova',
  'inserisci',
  'premi',
  'attendi',
  'scegli',
  'contatta',
  'rivolgiti',
  'ricontrolla',
  'digita',
  'scrivi',
  'collega',
  'accendi',
  'sostituisci',
  'verifica che',
  'chiedi',
  'avvicina',
  'segui',
  'ti',
  'tuo',
  'tua',
  'tuoi',
  'tue',
];
/** "Lei" imperatives: the kiosk's, never a staff sentence. */
// ('controlli' and 'contatti' are also nouns, and staff texts say "il cittadino contatti l'ente": not listed.)
const LEI = ['riprovi', 'inserisca', 'prema', 'attenda', 'scelga', 'si rivolga', 'digiti', 'scriva', 'segua'];

const KIOSK = new Set(['kiosk']);
/** Printed for the citizen, not read on a screen: neither register applies (it states facts). */
const PAPER = new Set(['certificate']);

function strings(value: unknown, path: string, out: Array<{ path: string; text: string }>): void {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, path ? `${path}.${k}` : k, out);
}

const isSentence = (text: string) => text.trim().split(/\s+/).length >= 4;
const uses = (text: string, word: string) => new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'iu').test(text);

const namespaces = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

test('there are staff and kiosk namespaces to check', () => {
  assert.ok(namespaces.includes('kiosk') && namespaces.includes('counter') && namespaces.includes('technician'));
});

for (const ns of namespaces) {
  if (PAPER.has(ns)) continue;
  const audience = KIOSK.has(ns) ? 'kiosk (Lei)' : 'staff (impersonal)';
  test(`${ns}: every Italian sentence is in the ${audience} register`, () => {
    const found: Array<{ path: string; text: string }> = [];
    strings(JSON.parse(readFileSync(new URL(`${ns}.json`, dir), 'utf8')), '', found);
    const wrong: string[] = [];
    for (const { path, text } of found.filter((s) => isSentence(s.text))) {
      const forbidden = KIOSK.has(ns) ? TU : [...TU, ...LEI];
      const word = forbidden.find((w) => uses(text, w));
      if (word) wrong.push(`${ns}:${path} uses "${word}": ${text}`);
    }
    assert.deepEqual(wrong, []);
  });
}
