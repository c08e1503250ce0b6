// A spontaneous payment's certificate (issue 15): the catalogue service and the data entered are
// printed under the notice, with the field labels of the language, on paper (ESC/POS read back),
// in the SVG preview and in the PDF; a notice read from paper prints no service lines.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { certificateDocument } from '../../../../drivers/certificate/document';
import { certificateFor } from '../../../../drivers/certificate/model';
import { renderPdf } from '../../../../drivers/certificate/pdf';
import { renderSvg } from '../../../../drivers/certificate/svg';
import type { CertificateContext, CertificateSession } from '../../../../drivers/certificate/types';
import { PROFILE_80MM, renderEscPos } from '../../../../drivers/printer/index';
import { interpret } from '../../../support/escpos-interpreter';
import { flatten, pdfTextLines } from './read-back';
import { sessionByStatus } from './sessions';

const context: CertificateContext = {
  psp: { name: 'Banca Esempio S.p.A.', fiscalCode: '01234567890' },
  terminalId: 'SPORT-07',
  operatorId: 'mrossi',
  locale: 'it',
  variant: 'original',
  paidAtMs: Date.UTC(2025, 6, 1, 12, 34, 56),
  printedAtMs: Date.UTC(2025, 6, 3, 8, 0, 5),
};

const SERVICE = {
  description: 'Tassa automobilistica',
  creditor: 'Regione Esempio',
  data: [
    { name: 'tipoVeicoloTarga', value: '1', optionKey: 'option.stTipoVeicoloTarga.1' },
    { name: 'veicoloTarga', value: 'AB123CD' },
  ],
};

/** The completed session of the fixtures, its first notice demanded for the car tax. */
function carTaxSession(): CertificateSession {
  const s = sessionByStatus.completed;
  return { ...s, notices: s.notices.map((n, i) => (i === 0 ? { ...n, ref: { ...n.ref, service: SERVICE } } : n)) };
}

describe('certificate of a spontaneous payment', () => {
  test('the model carries the service and its data for that notice only', () => {
    const m = certificateFor(carTaxSession(), context);
    assert.deepEqual(m.notices[0]!.service, { description: 'Tassa automobilistica', data: SERVICE.data });
    assert.equal(m.notices[1]!.service, undefined);
  });

  test('on paper: the service and the plate with their Italian labels', () => {
    const r = interpret(renderEscPos(certificateDocument(certificateFor(carTaxSession(), context)), PROFILE_80MM));
    const text = flatten(r.lines);
    assert.ok(text.includes('Servizio: Tassa automobilistica'), text);
    assert.ok(
      r.lines.some((l) => /^Targa +AB123CD$/.test(l)),
      r.lines.join('\n'),
    );
    // an enumerated value prints as its label, the code beside it
    assert.ok(
      r.lines.some((l) => /^Tipo di veicolo +Autoveicoli \(1\)$/.test(l)),
      r.lines.join('\n'),
    );
  });

  test('a value with no option label prints as entered', () => {
    const bare = { ...SERVICE, data: [{ name: 'tipoVeicoloTarga', value: '1' }] };
    const s = sessionByStatus.completed;
    const session = { ...s, notices: s.notices.map((n, i) => (i === 0 ? { ...n, ref: { ...n.ref, service: bare } } : n)) };
    const r = interpret(renderEscPos(certificateDocument(certificateFor(session, context)), PROFILE_80MM));
    assert.ok(r.lines.some((l) => /^Tipo di veicolo +1$/.test(l)));
  });

  test('in English and German the labels follow the language; SVG and PDF carry the plate', async () => {
    const en = certificateDocument(certificateFor(carTaxSession(), { ...context, locale: 'en' }));
    const svg = renderSvg(en);
    assert.ok(svg.includes('AB123CD') && svg.includes('Service:'));
    const de = renderSvg(certificateDocument(certificateFor(carTaxSession(), { ...context, locale: 'de' })));
    assert.ok(de.includes('Dienst:'));
    const pdf = pdfTextLines(await renderPdf(en, { compress: false })).map((l) => l.trim());
    assert.ok(
      pdf.some((l) => /^Plate +AB123CD$/.test(l) || l.includes('AB123CD')),
      'the plate is in the PDF text',
    );
  });

  test('a notice read from paper prints no service lines', () => {
    const r = interpret(renderEscPos(certificateDocument(certificateFor(sessionByStatus.completed, context)), PROFILE_80MM));
    assert.ok(!flatten(r.lines).includes('Servizio:'));
  });
});
