// The kiosk's spontaneous payments, pure parts: the search over the services offered, and what a
// citizen is told for each refusal of session.addService.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { problemOfService } from '../../../../renderer/kiosk/problems';
import { matchesWords } from '../../../../renderer/kiosk/service-search';
import type { ServiceEntry } from '../../../../renderer/kiosk/steps';

const entry: ServiceEntry = {
  idServizio: '00002',
  idSoggettoServizio: '00201',
  descrizioneServizio: 'Licenza di pesca',
  categoria: 'Tributi',
  idDominio: '66666666666',
  denominazioneEnteCreditore: 'Regione Esempio',
  xsdRiferimento: 'D847_Pesca_1_0_0.xsd',
  commissione: 'Y',
  dataInizioValidita: '2025-01-01',
  dataFineValidita: null,
};

describe('kiosk services', () => {
  test('search: every word typed starts a word of the description, creditor or category', () => {
    assert.equal(matchesWords(entry, ''), true);
    assert.equal(matchesWords(entry, 'PESC'), true);
    assert.equal(matchesWords(entry, 'pesca regione'), true);
    assert.equal(matchesWords(entry, 'TRIB'), true);
    assert.equal(matchesWords(entry, 'esca'), false, 'inside a word is not a start');
    assert.equal(matchesWords(entry, 'pesca auto'), false);
  });

  test('each refusal of a service has its own case; a creditor fault carried in the details counts', () => {
    const e = (code: string, details?: Record<string, unknown>) => ({ code, message: code, ...(details ? { details } : {}) });
    assert.equal(problemOfService(e('CREDITOR_UNREACHABLE')), 'creditor-unreachable');
    assert.equal(problemOfService(e('CREDITOR_UNREACHABLE', { faultCode: 'PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE' })), 'creditor-unreachable');
    assert.equal(problemOfService(e('SERVICE_DATA_REFUSED', { field: 'veicoloConTarga/veicoloTarga' })), 'service-refused');
    assert.equal(problemOfService(e('SERVICE_NOT_ENABLED')), 'service-not-enabled');
    assert.equal(problemOfService(e('SERVICE_UNKNOWN')), 'service-unknown');
    assert.equal(problemOfService(e('NODE_UNREACHABLE')), 'try-later');
    assert.equal(problemOfService(e('CATALOGUE_NONE')), 'try-later');
    assert.equal(problemOfService(e('SOMETHING_ELSE', { faultCode: 'PAA_PAGAMENTO_DUPLICATO' })), 'already-paid');
    // The car tax already paid this year: the creditor refuses the data, the citizen hears the plain case.
    assert.equal(
      problemOfService(e('SERVICE_DATA_REFUSED', { faultCode: 'PAA_PAGAMENTO_DUPLICATO', field: 'veicoloConTarga/veicoloTarga' })),
      'already-paid',
    );
    assert.equal(problemOfService(e('SERVICE_DATA_REFUSED', { faultCode: 'PAA_SINTASSI_XSD' })), 'service-refused');
    assert.equal(problemOfService(e('SOMETHING_ELSE')), 'unexpected');
  });
});
