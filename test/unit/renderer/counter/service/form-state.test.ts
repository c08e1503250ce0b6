// The spontaneous payment's screens, the pure part (renderer/counter/service/form-state.ts): the
// catalogue's age, the fields on screen for a choice, the values sent, the first field to correct,
// a creditor's refusal mapped to its field. Forms made from the official XSDs the terminal keeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_SCHEMA_DIR, formFromXsd } from '../../../../../main/services/catalogue/xsd-form';
import {
  catalogueAge,
  firstInvalidPath,
  formLines,
  initialChosen,
  refusedField,
  screenErrors,
  typed,
  valuesToSend,
  visibleFields,
} from '../../../../../renderer/counter/service/form-state';

const formOf = (xsd: string) =>
  formFromXsd(readFileSync(join(SERVICE_SCHEMA_DIR, xsd), 'utf8'), {
    xsd,
    resolveImport: (s) => readFileSync(join(SERVICE_SCHEMA_DIR, s.split('/').pop()!), 'utf8'),
  });
const carTax = formOf('TassaAutomobilistica_1_1_0.xsd');
const cup = formOf('Cup_1_0_0.xsd');
const cie = formOf('Cie_1_0_0.xsd');
const DAY = 86_400_000;

test('the catalogue age: none (and whether one is on its way), fresh, stale in whole days, never 0', () => {
  assert.deepEqual(catalogueAge({ state: 'none', ageMs: null, refreshing: true }), { kind: 'none', refreshing: true });
  assert.deepEqual(catalogueAge({ state: 'none', ageMs: null }), { kind: 'none', refreshing: false });
  assert.deepEqual(catalogueAge({ state: 'fresh', ageMs: 1000 }), { kind: 'fresh' });
  assert.deepEqual(catalogueAge({ state: 'stale', ageMs: DAY + 5 }), { kind: 'stale', days: 1 });
  assert.deepEqual(catalogueAge({ state: 'stale', ageMs: 3 * DAY + DAY / 2 }), { kind: 'stale', days: 3 });
  assert.deepEqual(catalogueAge({ state: 'stale', ageMs: 10 }), { kind: 'stale', days: 1 });
});

test('car tax: both fields on screen under their group heading, no picker for a one-alternative choice', () => {
  const chosen = initialChosen(carTax);
  assert.deepEqual(
    visibleFields(carTax, chosen).map((f) => f.name),
    ['tipoVeicoloTarga', 'veicoloTarga'],
  );
  assert.deepEqual(
    formLines(carTax, chosen).map((l) =>
      l.kind === 'field' ? l.field.name : l.kind === 'heading' ? `# ${l.group.name}` : `choice ${l.id}`,
    ),
    ['# veicoloConTarga', 'tipoVeicoloTarga', 'veicoloTarga'],
  );
});

test('car tax: nothing typed is "required" on each field (not "fill one alternative"); the cursor goes to the first', () => {
  const chosen = initialChosen(carTax);
  const errors = screenErrors(carTax, {}, chosen);
  assert.deepEqual(errors, [
    { path: 'veicoloConTarga/tipoVeicoloTarga', rule: 'required' },
    { path: 'veicoloConTarga/veicoloTarga', rule: 'required' },
  ]);
  assert.equal(firstInvalidPath(carTax, errors, chosen), 'veicoloConTarga/tipoVeicoloTarga');
});

test('car tax: a plate too short is refused on the plate with its minimum length; a valid one passes', () => {
  const chosen = initialChosen(carTax);
  const short = screenErrors(carTax, { 'veicoloConTarga/tipoVeicoloTarga': '1', 'veicoloConTarga/veicoloTarga': 'AB12' }, chosen);
  assert.deepEqual(short, [{ path: 'veicoloConTarga/veicoloTarga', rule: 'minLength', limit: 7 }]);
  assert.equal(firstInvalidPath(carTax, short, chosen), 'veicoloConTarga/veicoloTarga');
  assert.deepEqual(
    screenErrors(carTax, { 'veicoloConTarga/tipoVeicoloTarga': '1', 'veicoloConTarga/veicoloTarga': ' AB123CD ' }, chosen),
    [],
  );
  assert.deepEqual(valuesToSend(carTax, { 'veicoloConTarga/tipoVeicoloTarga': '1', 'veicoloConTarga/veicoloTarga': ' AB123CD ' }, chosen), {
    'veicoloConTarga/tipoVeicoloTarga': '1',
    'veicoloConTarga/veicoloTarga': 'AB123CD',
  });
});

test('CUP: a picker for the three alternatives; only the alternative picked is on screen and sent', () => {
  const chosen = initialChosen(cup);
  const lines = formLines(cup, chosen);
  const picker = lines.find((l) => l.kind === 'choice');
  assert.ok(picker && picker.kind === 'choice');
  assert.deepEqual(
    picker.alternatives.map((a) => a.labelKey),
    ['field.organizationFiscalCode', 'field.istatCode', 'field.catastaleCode'],
  );
  assert.ok(visibleFields(cup, chosen).some((f) => f.name === 'organizationFiscalCode'));
  const second = { ...chosen, [picker.id]: 1 };
  const shown = visibleFields(cup, second).map((f) => f.name);
  assert.ok(shown.includes('istatCode') && !shown.includes('organizationFiscalCode') && !shown.includes('catastaleCode'));
  // A value left in the alternative no longer picked is not sent.
  const sent = valuesToSend(cup, { organizationFiscalCode: '12345678901', istatCode: '058091' }, second);
  assert.equal(sent.organizationFiscalCode, undefined);
  assert.equal(sent.istatCode, '058091');
});

test('CIE: a field under its group heading; the fields outside any group have none', () => {
  const lines = formLines(cie, initialChosen(cie));
  const names = lines.map((l) => (l.kind === 'field' ? l.field.name : l.kind === 'heading' ? `# ${l.group.name}` : l.kind));
  assert.deepEqual(names, [
    'codiceCausale',
    'codiceFiscaleComune',
    '# intestatario',
    'codiceFiscaleIntestatario',
    'denominazioneIntestatario',
  ]);
});

test('capitals as typed only where the field says so; the refused field found by path or by name', () => {
  const plate = carTax.fields[1]!;
  assert.equal(typed(plate, 'ab123cd'), plate.uppercase ? 'AB123CD' : 'ab123cd');
  assert.equal(typed({ ...plate, uppercase: true }, 'ab123cd'), 'AB123CD');
  assert.equal(
    refusedField(carTax, { field: 'veicoloConTarga/veicoloTarga', fieldName: 'veicoloTarga' })?.path,
    'veicoloConTarga/veicoloTarga',
  );
  assert.equal(refusedField(carTax, { fieldName: 'tipoVeicoloTarga' })?.path, 'veicoloConTarga/tipoVeicoloTarga');
  assert.equal(refusedField(carTax, { faultCode: 'PAA_SEMANTICA' }), null);
});
