// The browser-safe check of a service form's values (issue 15): what the screens run as the user
// types and the core runs again before it writes the XML. Hand-made forms, one rule at a time; the
// forms made from the official XSDs are tested in test/unit/main/services/catalogue/xsd-form.test.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  normaliseAmount,
  serviceFormSchema,
  serviceValue,
  validateServiceValues,
  validationKey,
  type ServiceForm,
  type ServiceValueError,
} from '../../../../main/contract/service-form';

const form: ServiceForm = {
  xsd: 'Test.xsd',
  namespace: 'urn:test',
  root: 'test',
  fields: [
    { path: 'code', name: 'code', labelKey: 'field.code', kind: 'fixed', required: true, fixed: 'X1' },
    {
      path: 'cf',
      name: 'cf',
      labelKey: 'field.cf',
      kind: 'text',
      required: true,
      minLength: 4,
      maxLength: 4,
      pattern: '[A-Z]{2}[0-9]{2}',
      uppercase: true,
    },
    { path: 'name', name: 'name', labelKey: 'field.name', kind: 'text', required: true, minLength: 1, maxLength: 5 },
    { path: 'ente', name: 'ente', labelKey: 'field.ente', kind: 'text', required: true, pattern: '[0-9]{3}', choice: 'choice-1' },
    { path: 'istat', name: 'istat', labelKey: 'field.istat', kind: 'text', required: true, maxLength: 6, choice: 'choice-1' },
    {
      path: 'kind',
      name: 'kind',
      labelKey: 'field.kind',
      kind: 'enum',
      required: true,
      options: [
        { value: '1', labelKey: 'option.stKind.1' },
        { value: '4', labelKey: 'option.stKind.4' },
      ],
    },
    { path: 'note/text', name: 'text', labelKey: 'field.text', kind: 'text', required: false, requiredWith: 'note', maxLength: 10 },
    { path: 'note/extra', name: 'extra', labelKey: 'field.extra', kind: 'text', required: false, maxLength: 10 },
    {
      path: 'amount',
      name: 'amount',
      labelKey: 'field.amount',
      kind: 'amount',
      required: true,
      pattern: '\\d+\\.\\d{2}',
      maxInclusive: '999.99',
    },
    { path: 'mail', name: 'mail', labelKey: 'field.mail', kind: 'email', required: false, pattern: '[a-z]+@[a-z]+' },
  ],
  choices: [{ id: 'choice-1', alternatives: [['ente'], ['istat']] }],
};

const valid = { cf: 'AB12', name: 'Rossi', ente: '123', kind: '4', amount: '12,5' };
const errorsOf = (values: Record<string, string>): ServiceValueError[] => {
  const r = validateServiceValues(form, values);
  return r.ok ? [] : r.errors;
};

describe('validateServiceValues', () => {
  test('valid values pass; fixed fields and optional fields need nothing', () => {
    assert.deepEqual(validateServiceValues(form, valid), { ok: true });
    assert.ok(serviceFormSchema.safeParse(form).success, 'the hand-made form is a ServiceForm');
  });

  test('values are trimmed and an empty or blank value is an absent one', () => {
    assert.deepEqual(validateServiceValues(form, { ...valid, name: '  Rossi  ' }), { ok: true });
    assert.deepEqual(errorsOf({ ...valid, name: '   ' }), [{ path: 'name', rule: 'required' }]);
    const { cf: _cf, ...noCf } = valid;
    assert.deepEqual(errorsOf(noCf), [{ path: 'cf', rule: 'required' }]);
  });

  test('lengths are counted in characters, not bytes or UTF-16 units', () => {
    assert.deepEqual(validateServiceValues(form, { ...valid, name: 'Nicolò'.slice(0, 5) }), { ok: true });
    assert.deepEqual(validateServiceValues(form, { ...valid, name: 'àèìò😀' }), { ok: true }, 'five characters, seven UTF-16 units');
    assert.deepEqual(errorsOf({ ...valid, name: 'àèìò😀x' }), [{ path: 'name', rule: 'maxLength', limit: 5 }]);
    assert.deepEqual(errorsOf({ ...valid, cf: 'AB1' }), [
      { path: 'cf', rule: 'minLength', limit: 4 },
      { path: 'cf', rule: 'pattern', limit: '[A-Z]{2}[0-9]{2}' },
    ]);
  });

  test('XSD patterns are anchored: a value that only contains a match is refused', () => {
    assert.deepEqual(errorsOf({ ...valid, ente: '1234' }), [{ path: 'ente', rule: 'pattern', limit: '[0-9]{3}' }]);
    assert.deepEqual(errorsOf({ ...valid, ente: 'x123' }), [{ path: 'ente', rule: 'pattern', limit: '[0-9]{3}' }]);
  });

  test('lowercase where capitals are required is reported with a hint, never uppercased silently', () => {
    const values = { ...valid, cf: 'ab12' };
    assert.deepEqual(errorsOf(values), [{ path: 'cf', rule: 'pattern', limit: '[A-Z]{2}[0-9]{2}', hint: 'uppercase' }]);
    assert.equal(values.cf, 'ab12', 'the value is left as typed');
    assert.equal(validationKey({ path: 'cf', rule: 'pattern', hint: 'uppercase' }), 'validation.uppercase');
  });

  test('an enumeration admits its values only', () => {
    assert.deepEqual(errorsOf({ ...valid, kind: '3' }), [{ path: 'kind', rule: 'enum' }]);
  });

  test('a choice needs exactly one alternative filled; the other alternatives are not required', () => {
    const { ente: _e, ...neither } = valid;
    assert.deepEqual(errorsOf(neither), [{ path: 'choice-1', rule: 'choice' }], 'neither: one error, on the choice');
    assert.deepEqual(errorsOf({ ...valid, istat: '058091' }), [{ path: 'choice-1', rule: 'choice' }], 'both');
    assert.deepEqual(validateServiceValues(form, { ...neither, istat: '058091' }), { ok: true }, 'the other one alone');
    assert.deepEqual(errorsOf({ ...neither, istat: '0580910' }), [{ path: 'istat', rule: 'maxLength', limit: 6 }]);
    const optional: ServiceForm = { ...form, choices: [{ ...form.choices[0]!, optional: true }] };
    assert.deepEqual(validateServiceValues(optional, neither), { ok: true }, 'an optional choice may be left empty');
  });

  test("an optional element's required child is required once anything in that element is filled", () => {
    assert.deepEqual(errorsOf({ ...valid, 'note/extra': 'x' }), [{ path: 'note/text', rule: 'required' }]);
    assert.deepEqual(validateServiceValues(form, { ...valid, 'note/text': 'x' }), { ok: true });
  });

  test('amounts: digits with a comma or a dot and one or two decimals, within the XSD bounds', () => {
    for (const ok of ['12', '12,5', '12.50', '0,01', ' 999.99 '])
      assert.deepEqual(validateServiceValues(form, { ...valid, amount: ok }), { ok: true }, ok);
    for (const bad of ['12.345', '1.234,56', '-5', '12,', 'dodici', '€ 12'])
      assert.deepEqual(errorsOf({ ...valid, amount: bad }), [{ path: 'amount', rule: 'amount' }], bad);
    const over = errorsOf({ ...valid, amount: '1000' });
    assert.deepEqual(over, [{ path: 'amount', rule: 'amount', limit: '999.99' }]);
    assert.equal(validationKey(over[0]!), 'validation.amountLimit');
    assert.equal(validationKey({ path: 'amount', rule: 'amount' }), 'validation.amount');
  });

  test('every refusal names its field and rule at once', () => {
    const errors = errorsOf({ cf: 'ab12', name: 'Bianchi', ente: '1', istat: '2', kind: '9', amount: 'x', mail: 'A@B' });
    assert.deepEqual(
      errors.map((e) => `${e.path} ${e.rule}`),
      ['choice-1 choice', 'cf pattern', 'name maxLength', 'ente pattern', 'kind enum', 'amount amount', 'mail pattern'],
    );
  });
});

test('normaliseAmount writes the XSD decimal without floats', () => {
  assert.equal(normaliseAmount('12'), '12.00');
  assert.equal(normaliseAmount('12,5'), '12.50');
  assert.equal(normaliseAmount('007,05'), '7.05');
  assert.equal(normaliseAmount('0'), '0.00');
  assert.equal(normaliseAmount('99999999999999999999.99'), '99999999999999999999.99', 'no float rounding');
  assert.equal(normaliseAmount('12.345'), null);
  assert.equal(
    serviceValue(
      form.fields.find((f) => f.path === 'amount')!,
      { amount: '3,1' },
    ),
    '3.10',
  );
  assert.equal(serviceValue(form.fields[0]!, {}), 'X1', 'a fixed field carries its value');
});
