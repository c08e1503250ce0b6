// How a demandPaymentNotice failure is told (main/services/catalogue/demand.ts): the node's
// unknown-service faults (node suite SEM_DPNR_10, 11, 12) are SERVICE_UNKNOWN, the creditor's
// station or broker down is CREDITOR_UNREACHABLE, a PAA_ refusal is SERVICE_DATA_REFUSED naming the
// form's element when the description does (whole names only), and no answer passes as it is.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NodeFault } from '../../../../../main/protocol';
import { NodeUnreachable } from '../../../../../main/node/errors';
import { demandRefusal, fieldNamed, ServiceDemand } from '../../../../../main/services/catalogue/demand';
import type { CatalogueEntry } from '../../../../../main/contract/catalogue-calls';
import { tempDir } from '../../../../support/tmp';
import type { ServiceForm } from '../../../../../main/contract/service-form';

const FORM: ServiceForm = {
  xsd: 'TassaAutomobilistica_1_1_0.xsd',
  namespace: 'http://PuntoAccessoPSP.spcoop.gov.it/TassaAuto',
  root: 'tassaAuto',
  fields: [
    {
      path: 'veicoloConTarga/tipoVeicoloTarga',
      name: 'tipoVeicoloTarga',
      labelKey: 'field.tipoVeicoloTarga',
      kind: 'enum',
      required: true,
    },
    { path: 'veicoloConTarga/veicoloTarga', name: 'veicoloTarga', labelKey: 'field.veicoloTarga', kind: 'text', required: true },
  ],
  choices: [],
};

const fault = (faultCode: string, extra: { description?: string; originalFaultCode?: string; originalDescription?: string } = {}) =>
  new NodeFault('demandPaymentNotice', { faultCode, faultString: faultCode, id: 'NodoDeiPagamentiSPC', ...extra });

const codeOf = (e: unknown) => (e as { code: string }).code;
const detailsOf = (e: unknown) => (e as { details: Record<string, unknown> }).details;

describe('demandPaymentNotice refusals', () => {
  test('unknown, inactive or old-version service: SERVICE_UNKNOWN with the fault code', () => {
    for (const c of ['PPT_SERVIZIO_SCONOSCIUTO', 'PPT_SERVIZIO_NONATTIVO', 'PPT_VERSIONE_SERVIZIO']) {
      const e = demandRefusal(fault(c), FORM, '00999');
      assert.equal(codeOf(e), 'SERVICE_UNKNOWN');
      assert.equal(detailsOf(e).faultCode, c);
    }
  });

  test("the creditor's station, broker or domain: CREDITOR_UNREACHABLE", () => {
    for (const c of [
      'PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE',
      'PPT_STAZIONE_INT_PA_TIMEOUT',
      'PPT_INTERMEDIARIO_PA_DISABILITATO',
      'PPT_DOMINIO_SCONOSCIUTO',
    ])
      assert.equal(codeOf(demandRefusal(fault(c), FORM, '00301')), 'CREDITOR_UNREACHABLE', c);
  });

  test('a PAA_ refusal names the element its description names, whole names only', () => {
    const e = demandRefusal(
      fault('PPT_ERRORE_EMESSO_DA_PAA', {
        originalFaultCode: 'PAA_SINTASSI_XSD',
        originalDescription: "Element '{ns}veicoloTarga': [facet 'maxLength'] the value has 11 characters",
      }),
      FORM,
      '00301',
    );
    assert.equal(codeOf(e), 'SERVICE_DATA_REFUSED');
    assert.deepEqual(
      [detailsOf(e).faultCode, detailsOf(e).field, detailsOf(e).fieldName],
      ['PAA_SINTASSI_XSD', 'veicoloConTarga/veicoloTarga', 'veicoloTarga'],
    );
    assert.equal(fieldNamed(FORM, 'tipoVeicoloTargaX is wrong'), null, 'no partial names');
    assert.equal(fieldNamed(FORM, 'PAA_SEMANTICA: servizio non disponibile'), null);
    const unnamed = demandRefusal(fault('PPT_ERRORE_EMESSO_DA_PAA', { originalFaultCode: 'PAA_SEMANTICA' }), FORM, '00301');
    assert.equal(codeOf(unnamed), 'SERVICE_DATA_REFUSED');
    assert.equal(detailsOf(unnamed).field, undefined);
  });

  test('no answer, or a fault of the PSP side, passes as it is (shown as a verify failure is)', () => {
    const down = new NodeUnreachable('demandPaymentNotice', 'refused', {});
    assert.equal(demandRefusal(down, FORM, '00301'), down);
    const auth = fault('PPT_AUTORIZZAZIONE');
    assert.equal(demandRefusal(auth, FORM, '00301'), auth);
  });
});

const ENTRY: CatalogueEntry = {
  idServizio: '00003',
  idSoggettoServizio: '00301',
  descrizioneServizio: 'Tassa automobilistica',
  categoria: null,
  idDominio: '66666666666',
  denominazioneEnteCreditore: 'Regione Esempio',
  xsdRiferimento: 'https://example.invalid/xsd/TassaAutomobilistica_1_1_0.xsd',
  commissione: null,
  dataInizioValidita: '2020-01-01',
  dataFineValidita: null,
};

function demandWith(schemaDir?: string, entry: CatalogueEntry | null = ENTRY) {
  const refuse = () => Promise.reject(new Error('no request in these tests'));
  return new ServiceDemand({
    catalogue: { find: (id) => (entry && id === entry.idSoggettoServizio ? entry : null) },
    node: { demandPaymentNotice: refuse },
    engine: { get: () => assert.fail('no session in these tests'), addNotice: refuse },
    journal: { append: () => assert.fail('nothing journaled') },
    ...(schemaDir ? { schemaDir } : {}),
  });
}

describe('catalogue.form', () => {
  test("the form of the XSD's base name, made once and kept", () => {
    const d = demandWith();
    const first = d.form('00301');
    assert.equal(first.form.root, 'tassaAuto');
    assert.equal(d.form('00301').form, first.form, 'cached per XSD');
  });

  test('no such provider: SERVICE_UNKNOWN; no copy of its XSD: SERVICE_SCHEMA_MISSING', (t) => {
    assert.equal(codeOf(captured(() => demandWith().form('00999'))), 'SERVICE_UNKNOWN');
    const e = captured(() => demandWith(tempDir(t)).form('00301'));
    assert.equal(codeOf(e), 'SERVICE_SCHEMA_MISSING');
    assert.equal(detailsOf(e).xsd, ENTRY.xsdRiferimento);
  });

  test('values the form refuses: SERVICE_DATA_INVALID before anything is journaled or sent', async () => {
    await assert.rejects(demandWith().addService('s', '00301', { 'veicoloConTarga/veicoloTarga': 'AB1' }), (e) => {
      assert.equal(codeOf(e), 'SERVICE_DATA_INVALID');
      return true;
    });
  });
});

function captured(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return assert.fail('expected a refusal');
}
