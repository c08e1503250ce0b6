import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeXsdError, describeXsdErrors, ruleAmountCents, DataRefusal } from '../../../../sim/services/service-data';
import { parseXml } from '../../../../sim/xml/parse';

const NS = '{http://PuntoAccessoPSP.spcoop.gov.it/TassaAuto}';

test('describeXsdError: libxml2 messages become "element \'<local>\': ..." without namespaces', () => {
  assert.deepEqual(
    describeXsdError(
      `Element '${NS}veicoloTarga': [facet 'minLength'] The value has a length of '3'; this underruns the allowed minimum length of '7'.`,
    ),
    {
      element: 'veicoloTarga',
      text: "element 'veicoloTarga': [facet 'minLength'] The value has a length of '3'; this underruns the allowed minimum length of '7'.",
    },
  );
  assert.deepEqual(describeXsdError(`Element '${NS}veicoloConTarga': Missing child element(s). Expected is ( ${NS}veicoloTarga ).`), {
    element: 'veicoloTarga',
    text: "element 'veicoloTarga': missing in 'veicoloConTarga'",
  });
  assert.deepEqual(
    describeXsdError(`Element '${NS}tipoVeicoloTarga': '3' is not a valid value of the atomic type '${NS}stTipoVeicoloTarga'.`),
    {
      element: 'tipoVeicoloTarga',
      text: "element 'tipoVeicoloTarga': '3' is not a valid value of the atomic type 'stTipoVeicoloTarga'.",
    },
  );
  assert.deepEqual(describeXsdError('something else'), { element: null, text: 'something else' });
  const two = describeXsdErrors([`Element '${NS}a': x.`, `Element 'b': y.`]);
  assert.deepEqual(two, { element: 'a', text: "element 'a': x.; element 'b': y." });
  assert.ok(describeXsdError(`Element 'a': ${'v'.repeat(1000)}`).text.length <= 300);
});

test('ruleAmountCents: from-data reads the decimal amount, refuses zero; car-tax needs both elements', () => {
  const rule = { rule: 'from-data' as const, element: 'amount', iban: 'IT60X0542811101000000123456', remittanceInformation: 'x' };
  assert.equal(ruleAmountCents(rule, parseXml('<c:p xmlns:c="u"><c:amount>36.15</c:amount></c:p>')), 3615);
  assert.throws(
    () => ruleAmountCents(rule, parseXml('<p><amount>0.00</amount></p>')),
    (e: Error) => e instanceof DataRefusal && e.code === 'PAA_SEMANTICA' && e.element === 'amount',
  );
  const car = { ...rule, rule: 'car-tax' as const };
  assert.equal(
    ruleAmountCents(car, parseXml('<t><v><tipoVeicoloTarga>1</tipoVeicoloTarga><veicoloTarga>AB123CD</veicoloTarga></v></t>')),
    21092,
  );
  assert.throws(
    () => ruleAmountCents(car, parseXml('<t><v><tipoVeicoloTarga>1</tipoVeicoloTarga></v></t>')),
    (e: Error) => e instanceof DataRefusal && e.element === 'veicoloTarga',
  );
});
