import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PayloadInvalid, parseNotice } from '../../../../drivers/payload/index';
import { BAD_CHECK_NOTICE, posteDataMatrix } from './samples';

// Written out by hand from the §7.3 offset table, independent of the samples builder.
const HAND_WRITTEN =
  'codfase=NBPA;' +
  '18' +
  '001000000000012370' +
  '12' +
  '000099887766' +
  '10' +
  '0000004550' +
  '3' +
  '896' +
  '1P1' +
  '80012345678' +
  'VRDLGU75B02F205Z' +
  'Luigi Verdi                             ' +
  'Refezione scolastica ottobre                                                                                  ' +
  '            ' +
  'A';

function reasonOf(text: string): string {
  try {
    parseNotice(text);
  } catch (e) {
    assert.ok(e instanceof PayloadInvalid, String(e));
    return e.reason;
  }
  return 'parsed';
}

describe('Poste Data Matrix: accepted', () => {
  test('the hand-written 256-character code is read by its offsets', () => {
    assert.equal(HAND_WRITTEN.length, 256);
    const n = parseNotice(HAND_WRITTEN);
    assert.equal(n.kind, 'poste-datamatrix');
    assert.equal(n.noticeNumber, '001000000000012370');
    assert.equal(n.postalAccount, '000099887766');
    assert.equal(n.amountCents, 4550);
    assert.equal(n.fiscalCode, '80012345678');
    assert.deepEqual(n.debtor, { fiscalCode: 'VRDLGU75B02F205Z', name: 'Luigi Verdi' });
    assert.equal(n.subject, 'Refezione scolastica ottobre');
    assert.equal(n.iuv, '000000000012370');
    assert.equal(n.auxDigit, 0);
    assert.equal(n.applicationCode, '01');
    assert.equal(n.checkDigitValid, true);
    assert.deepEqual(n.warnings, []);
  });

  test('256 characters (generator) and 255 (printers one space short in the name): no warning', () => {
    const full = posteDataMatrix();
    assert.equal(full.length, 256);
    const short = full.slice(0, 93 + 39) + full.slice(93 + 40); // the name field one space short
    assert.equal(short.length, 255);
    for (const text of [full, short]) {
      const n = parseNotice(text);
      assert.equal(n.noticeNumber, '302000100000009407');
      assert.equal(n.fiscalCode, '77777777777');
      assert.equal(n.amountCents, 12345);
      assert.deepEqual(n.warnings, [], String(text.length));
    }
  });

  test('a tail cut anywhere after offset 77 is a warning, with the fields read as far as they go', () => {
    const full = posteDataMatrix({ debtorName: 'Anna Bianchi', subject: 'Canone unico' });
    for (const length of [77, 80, 93, 100, 133, 140, 200, 243, 254]) {
      const n = parseNotice(full.slice(0, length));
      assert.equal(n.noticeNumber, '302000100000009407', String(length));
      assert.equal(n.fiscalCode, '77777777777');
      assert.deepEqual(
        n.warnings.map((w) => w.code),
        ['datamatrix-truncated'],
        String(length),
      );
      // trailing padding falls off with the scanner framing, so the length reported is what is left
      assert.equal(n.warnings[0]?.details.length, full.slice(0, length).trimEnd().length);
      if (length <= 77) assert.equal(n.debtor, undefined);
      if (length >= 93) assert.equal(n.debtor?.fiscalCode, 'RSSMRA80A01H501U');
      if (length >= 133) assert.equal(n.debtor?.name, 'Anna Bianchi');
      if (length >= 145) assert.equal(n.subject, 'Canone unico');
    }
  });

  test('more than 256 characters: a warning that two reads may be glued together', () => {
    const n = parseNotice(posteDataMatrix() + posteDataMatrix().slice(0, 40));
    assert.deepEqual(
      n.warnings.map((w) => w.code),
      ['datamatrix-overlong'],
    );
  });

  test('the header and the 1P1 marker are matched ignoring case (Caps Lock on a keyboard wedge)', () => {
    const n = parseNotice(posteDataMatrix().replace('codfase=NBPA;', 'CODFASE=nbpa;').replace('1P1', '1p1'));
    assert.equal(n.kind, 'poste-datamatrix');
  });

  test('a notice number with a bad check digit gets the same warning as in a QR', () => {
    const n = parseNotice(posteDataMatrix({ notice: BAD_CHECK_NOTICE }));
    assert.equal(n.checkDigitValid, false);
    assert.deepEqual(
      n.warnings.map((w) => w.code),
      ['check-digit'],
    );
    assert.throws(() => parseNotice(posteDataMatrix({ notice: BAD_CHECK_NOTICE }), { strictCheckDigit: true }), /check digit/);
  });

  test('zero amount: a warning', () => {
    assert.deepEqual(
      parseNotice(posteDataMatrix({ amount: '0000000000' })).warnings.map((w) => w.code),
      ['amount-zero'],
    );
  });

  test('control characters in the name become spaces', () => {
    assert.equal(parseNotice(posteDataMatrix({ debtorName: 'Anna\u001dBianchi' })).debtor?.name, 'Anna Bianchi');
  });
});

describe('Poste Data Matrix: refused', () => {
  const full = posteDataMatrix();
  const at = (offset: number, replacement: string) => full.slice(0, offset) + replacement + full.slice(offset + replacement.length);
  const cases: Array<{ name: string; text: string; reason: string }> = [
    { name: 'other codfase', text: full.replace('NBPA', 'XXPA'), reason: 'datamatrix-header' },
    { name: 'codfase without semicolon', text: full.replace('NBPA;', 'NBPA:'), reason: 'datamatrix-header' },
    { name: 'cut inside the header', text: 'codfase=NB', reason: 'datamatrix-header' },
    { name: 'cut before the notice number ends', text: full.slice(0, 30), reason: 'datamatrix-truncated' },
    { name: 'cut inside the creditor fiscal code', text: full.slice(0, 76), reason: 'datamatrix-truncated' },
    { name: 'cut right after the header', text: full.slice(0, 13), reason: 'datamatrix-truncated' },
    { name: 'notice tag 17', text: at(13, '17'), reason: 'datamatrix-layout' },
    { name: 'letter in the notice number', text: at(20, 'X'), reason: 'notice-number-format' },
    { name: 'notice number aux 9', text: at(15, '9'), reason: 'aux-digit' },
    { name: 'account tag', text: at(33, '13'), reason: 'datamatrix-layout' },
    { name: 'letter in the postal account', text: at(40, 'O'), reason: 'postal-account-format' },
    { name: 'amount tag', text: at(47, '11'), reason: 'datamatrix-layout' },
    { name: 'amount with a space', text: at(50, ' '), reason: 'amount-format' },
    { name: 'document type 674', text: at(60, '674'), reason: 'datamatrix-layout' },
    { name: 'marker 1P2', text: at(63, '1P2'), reason: 'datamatrix-layout' },
    { name: 'creditor fiscal code short, space padded', text: at(66, '7777777777 '), reason: 'fiscal-code-format' },
    { name: 'a field one character short shifts the rest', text: full.slice(0, 40) + full.slice(41), reason: 'datamatrix-layout' },
  ];
  for (const c of cases) {
    test(`${c.name} -> ${c.reason}`, () => assert.equal(reasonOf(c.text), c.reason));
  }

  test('the error shows at most the first 77 characters: no debtor data leaves in an error', () => {
    assert.throws(
      () => parseNotice(at(63, '1P2')),
      (e: unknown) => {
        assert.ok(e instanceof PayloadInvalid);
        assert.equal(e.details.read, `${full.slice(0, 63)}1P2${full.slice(66, 77)}…`);
        assert.doesNotMatch(JSON.stringify(e.toJSON()), /RSSMRA|Mario|TARI/);
        assert.equal(e.details.length, 256);
        assert.equal(e.details.offset, 63);
        return true;
      },
    );
  });
});
