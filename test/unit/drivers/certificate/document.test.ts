// The certificate document read back from the ESC/POS bytes by the test-side interpreter: what the
// paper shows, not what the document model says.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { certificateDocument } from '../../../../drivers/certificate/document';
import { certificateFor } from '../../../../drivers/certificate/model';
import type { CertificateContext, CertificateModel } from '../../../../drivers/certificate/types';
import { PROFILE_58MM, PROFILE_80MM, renderEscPos, type PrinterProfile } from '../../../../drivers/printer/index';
import { interpret } from '../../../support/escpos-interpreter';
import { flatten } from './read-back';
import { sessionByStatus, undecidedAfterTender } from './sessions';

const context = (over: Partial<CertificateContext> = {}): CertificateContext => ({
  psp: { name: 'Banca Esempio S.p.A.', fiscalCode: '01234567890' },
  terminalId: 'SPORT-07',
  operatorId: 'mrossi',
  locale: 'it',
  variant: 'original',
  paidAtMs: Date.UTC(2025, 6, 1, 12, 34, 56),
  printedAtMs: Date.UTC(2025, 6, 3, 8, 0, 5),
  ...over,
});

function paper(model: CertificateModel, profile: PrinterProfile = PROFILE_80MM) {
  const r = interpret(renderEscPos(certificateDocument(model), profile));
  return { ...r, text: flatten(r.lines), qr: r.ops.flatMap((o) => (o.op === 'qr-print' && o.data ? [o.data] : [])) };
}

describe('final certificate on paper', () => {
  test('every required field of every notice, the totals, method, terminal and operator, QR per token, cut last', () => {
    const m = certificateFor(sessionByStatus.completed, context());
    const p = paper(m);
    assert.equal(p.lines[0], 'ATTESTAZIONE DI PAGAMENTO');
    assert.ok(p.printed[0]?.bold && p.printed[0].height === 2);
    for (const [label, value] of [
      ['Data e ora', '01/07/2025 14:34:56'],
      ['Prestatore (PSP)', 'Banca Esempio S.p.A.'],
      ['Codice fiscale PSP', '01234567890'],
      ['Terminale', 'SPORT-07'],
      ['Operatore', 'mrossi'],
      ['Operazione', m.sessionId],
      ['Importo avvisi', '€ 1.280,06'],
      ['Commissione', '€ 1,50'],
      ['TOTALE', '€ 1.281,56'],
      ['Metodo di pagamento', 'Carta'],
    ])
      assert.ok(
        p.lines.some((l) => l.startsWith(label!) && l.endsWith(value!)),
        `${label} … ${value}\n${p.lines.join('\n')}`,
      );
    for (const n of m.notices) {
      for (const value of [n.creditorName, n.creditorFiscalCode, n.noticeNumber, n.iuv, n.paymentToken]) {
        assert.ok(p.text.includes(value), `${value} missing`);
      }
    }
    assert.ok(p.text.includes('Causale: TARI 2025 rata 1'));
    assert.ok(p.text.includes("Tassa d'iscrizione - città"), 'typographic apostrophe and dash go out as CP858 has them');
    assert.ok(p.text.includes('Università di Forlì'));
    assert.ok(p.lines.some((l) => /^Importo +€ 1\.234,56$/.test(l)));
    assert.ok(p.lines.some((l) => /^Importo +€ 45,50$/.test(l)));
    assert.deepEqual(
      p.lines.filter((l) => /^Avviso \d di \d$/.test(l)),
      ['Avviso 1 di 2', 'Avviso 2 di 2'],
      'one block per notice',
    );
    assert.deepEqual(
      p.qr,
      m.notices.map((n) => n.paymentToken),
      'one QR per notice, its paymentToken',
    );
    assert.equal(p.ops.filter((o) => o.op !== 'lf' && o.op !== 'feed-lines').at(-1)?.op, 'cut');
    assert.ok(p.text.includes('Conservare come prova'), 'footer');
    assert.ok(!p.text.includes('DUPLICATO'));
    assert.ok(!/\b(label|title|format|method|outcome)\.[a-zA-Z]/.test(p.text), 'no untranslated key');
  });

  test('a session without operator says so instead of leaving the line empty', () => {
    const p = paper(certificateFor(sessionByStatus.completed, context({ operatorId: null })));
    assert.ok(p.lines.some((l) => /^Operatore +n\.d\.$/.test(l)));
  });

  test("English and German: labels from the locale file, amounts in the locale's format", () => {
    const en = paper(certificateFor(sessionByStatus.completed, context({ locale: 'en' })));
    assert.equal(en.lines[0], 'PAYMENT CERTIFICATE');
    assert.ok(en.lines.some((l) => /^TOTAL +€1,281\.56$/.test(l)));
    assert.ok(en.lines.some((l) => /^Payment method +Card$/.test(l)));
    const de = paper(certificateFor(sessionByStatus.completed, context({ locale: 'de' })));
    assert.equal(de.lines[0], 'ZAHLUNGSBESTÄTIGUNG');
    assert.ok(de.lines.some((l) => /^GESAMT +€ 1\.281,56$/.test(l)));
    assert.ok(de.lines.some((l) => /^Datum und Uhrzeit +01\.07\.2025 14:34:56$/.test(l)));
    assert.ok(de.text.includes('Gläubiger'));
  });

  test('58 mm paper: the same fields, wrapped to 32 columns', () => {
    const m = certificateFor(sessionByStatus.completed, context());
    const p = paper(m, PROFILE_58MM);
    assert.ok(
      p.lines.every((l) => l.length <= 32),
      p.lines.find((l) => l.length > 32),
    );
    for (const n of m.notices) for (const v of [n.noticeNumber, n.iuv, n.paymentToken]) assert.ok(p.text.includes(v));
    assert.ok(p.text.includes('€ 1.281,56'));
  });
});

describe('variants', () => {
  test('duplicate: marked at the top and the bottom, with the reprint time', () => {
    const p = paper(certificateFor(sessionByStatus.certified, context()));
    assert.equal(p.lines[0], 'ATTESTAZIONE DI PAGAMENTO');
    assert.equal(p.lines[1], '*** COPIA/DUPLICATO ***');
    assert.equal(p.lines[2], 'Ristampa del 03/07/2025 10:00:05');
    assert.equal(p.lines.filter((l) => l.includes('COPIA/DUPLICATO')).length, 2);
  });

  test("pending slip: its own title, says it is not a certificate, each notice's state", () => {
    const m = certificateFor(sessionByStatus['outcome-pending'], context());
    const p = paper(m);
    assert.equal(p.lines[0], 'PAGAMENTO IN ATTESA DI CONFERMA');
    assert.ok(!p.text.includes('ATTESTAZIONE DI PAGAMENTO'));
    assert.ok(p.text.includes('Ricevuta provvisoria: non vale come attestazione di pagamento.'));
    // at a kiosk nobody waits for a later print: the slip says what happens and where to ask
    assert.ok(p.text.includes('Il pagamento è registrato: il terminale lo trasmette al Nodo pagoPA.'));
    assert.ok(p.text.includes('si può chiedere in seguito allo sportello'));
    assert.ok(!p.text.includes('sarà stampata'), 'no promise of a print nobody will be there for');
    assert.deepEqual(
      p.lines.filter((l) => l.startsWith('Esito')).map((l) => l.replace(/^Esito +/, '')),
      ['confermato', 'in attesa di conferma'],
    );
    assert.deepEqual(
      p.qr,
      m.notices.map((n) => n.paymentToken),
    );
    assert.ok(!p.text.includes('Conservare come prova'), 'no proof-of-payment footer on a pending slip');
  });

  test("pending slip with an outcome awaiting an operator's decision", () => {
    const p = paper(certificateFor(undecidedAfterTender, context({ locale: 'en' })));
    assert.equal(p.lines[0], 'PAYMENT AWAITING CONFIRMATION');
    assert.ok(p.lines.some((l) => /^Outcome +awaiting confirmation$/.test(l)));
  });

  test('partial certificate: the refused notice is left out and counted', () => {
    const m = certificateFor(sessionByStatus['refund-required'], context());
    const p = paper(m);
    assert.deepEqual(
      p.lines.filter((l) => /^Avviso \d di \d$/.test(l)),
      ['Avviso 1 di 2', 'Avviso 2 di 2'],
    );
    assert.ok(p.text.includes('(da rimborsare): 1.'));
    assert.ok(!p.text.includes(sessionByStatus['refund-required'].notices[1]!.activation!.paymentToken));
  });
});

describe('how the customer paid, on paper (issue 13)', () => {
  const line = (p: { lines: string[] }, label: string, value: string) =>
    assert.ok(
      p.lines.some((l) => l.startsWith(label) && l.endsWith(value)),
      `${label} … ${value}\n${p.lines.join('\n')}`,
    );
  const completedWith = (method: 'cash' | 'card' | 'other', givenCents: number | null) => {
    const s = sessionByStatus.completed;
    const dueCents = s.tender!.dueCents;
    return {
      ...s,
      tender: { ...s.tender!, method, givenCents, changeCents: givenCents === null ? 0 : givenCents - dueCents },
    };
  };

  test('cash: the cash given and the change', () => {
    const p = paper(certificateFor(completedWith('cash', 130_000), context()));
    line(p, 'Metodo di pagamento', 'Contanti');
    line(p, 'Contanti ricevuti', '€ 1.300,00');
    line(p, 'Resto', '€ 18,44');
  });

  test("card: brand, the card's last 4 digits only, the authorization code", () => {
    const details = { brand: 'VISA', card: '4111 1111 1111 1234', authCode: 'A1B2C3' };
    const p = paper(certificateFor(completedWith('card', null), context({ tenderDetails: details })));
    line(p, 'Circuito', 'VISA');
    line(p, 'Carta', '**** 1234');
    line(p, 'Codice autorizzazione', 'A1B2C3');
    assert.ok(!p.text.includes('4111'), 'never more than the last 4 digits');
    assert.ok(!p.lines.some((l) => l.startsWith('Contanti ricevuti')), 'no cash lines on a card payment');
  });

  test('other: the reference; cash ignores any details', () => {
    line(
      paper(certificateFor(completedWith('other', null), context({ tenderDetails: { reference: 'BON-2025/77' } }))),
      'Riferimento',
      'BON-2025/77',
    );
    const cash = paper(certificateFor(completedWith('cash', 130_000), context({ tenderDetails: { authCode: 'X1' } })));
    assert.ok(!cash.lines.some((l) => l.startsWith('Codice autorizzazione')));
  });
});
