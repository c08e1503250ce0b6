// Issue 10 §2 (the decoding half): an XSD-valid activatePaymentNoticeV2 answer decodes into
// everything the engine needs, typed, amounts in cents; and what the OK must carry back (the
// bundle, the creditor's fee share, the @e.bollo stamp documents) is written by the outcome
// builder and validates against the official XSD. The builder refuses tokens that are not
// valid stPaymentToken instead of building a message the node would refuse.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { xsdValidator } from '../../../../sim/xsd';
import {
  decodeResponse,
  encodeRequest,
  RequestInvalid,
  type ActivatePaymentNoticeV2Result,
  type OutcomeDetailsV2,
} from '../../../../main/protocol';
import { bodyChildOf, CREDENTIALS, fixture } from './support';

const HASH = '1vEsiZUrAY2j4P8DHYG83xq/jjH1ZAIbzkj1p6vzWMM=';

const EXPECTED: ActivatePaymentNoticeV2Result = {
  totalAmount: 12500,
  paymentDescription: 'Pratica edilizia n. 42/2030',
  fiscalCodePA: '77777777777',
  companyName: 'Comune di Esempio',
  officeName: 'Sportello Unico Edilizia',
  paymentToken: 'a3c1e5b7d9f24e6a8c0b2d4f6e8a0c2e',
  transferList: [
    {
      idTransfer: 1,
      transferAmount: 10000,
      fiscalCodePA: '77777777777',
      companyName: 'Comune di Esempio',
      IBAN: 'IT60X0542811101000000123456',
      richiestaMarcaDaBollo: undefined,
      remittanceInformation: 'Diritti di segreteria',
      transferCategory: '0101002IM',
      metadata: [
        { key: 'pratica', value: '42/2030' },
        { key: 'anno', value: '2030' },
      ],
    },
    {
      idTransfer: 2,
      transferAmount: 1600,
      fiscalCodePA: '77777777777',
      companyName: undefined,
      IBAN: undefined,
      richiestaMarcaDaBollo: { hashDocumento: HASH, tipoBollo: '01', provinciaResidenza: 'RM' },
      remittanceInformation: 'Marca da bollo digitale',
      transferCategory: '9/0301109AP',
      metadata: [],
    },
    {
      idTransfer: 3,
      transferAmount: 550,
      fiscalCodePA: '88888888888',
      companyName: undefined,
      IBAN: 'IT02A0301503200000003517230',
      richiestaMarcaDaBollo: undefined,
      remittanceInformation: 'Quota provinciale',
      transferCategory: undefined,
      metadata: [],
    },
    {
      idTransfer: 4,
      transferAmount: 50,
      fiscalCodePA: '88888888888',
      companyName: undefined,
      IBAN: undefined,
      richiestaMarcaDaBollo: undefined,
      remittanceInformation: 'Arrotondamento',
      transferCategory: undefined,
      metadata: [],
    },
    {
      idTransfer: 5,
      transferAmount: 300,
      fiscalCodePA: '99999999999',
      companyName: 'Regione Esempio',
      IBAN: 'IT40S0542811101000000123456',
      richiestaMarcaDaBollo: undefined,
      remittanceInformation: 'Tributo regionale',
      transferCategory: undefined,
      metadata: [{ key: 'codiceTributo', value: 'R001' }],
    },
  ],
  creditorReferenceId: '02000100000009407',
  standin: false,
  metadata: [{ key: 'canale', value: 'sportello' }],
  suggestedUserFee: 100,
  suggestedPaFee: 50,
  suggestedIdBundle: 'bundle-0001',
  suggestedIdCiBundle: 'ci-bundle-0001',
  allCCP: false,
};

describe('activatePaymentNoticeV2: every field of an XSD-valid answer, typed', () => {
  test('the fixture is XSD-valid and decodes to exactly the expected result', async () => {
    const xml = fixture('valid/activatePaymentNoticeV2.ok-5-transfers.xml');
    assert.deepEqual(await (await xsdValidator()).validate(bodyChildOf(xml)), { valid: true, errors: [] });
    const r = decodeResponse('activatePaymentNoticeV2', xml);
    assert.deepEqual(r, EXPECTED);
    assert.equal(
      r.transferList.reduce((s, t) => s + t.transferAmount, 0),
      r.totalAmount,
    );
    for (const t of r.transferList) assert.ok(Number.isSafeInteger(t.transferAmount));
  });

  test('standin true and allCCP true are read from the activation itself', () => {
    const xml = fixture('valid/activatePaymentNoticeV2.ok-5-transfers.xml')
      .replace('<allCCP>false<', '<allCCP>true<')
      .replace('<standin>false<', '<standin>true<');
    const r = decodeResponse('activatePaymentNoticeV2', xml);
    assert.equal(r.standin, true);
    assert.equal(r.allCCP, true);
  });
});

describe('the OK carries back what the activation asked for, and it validates', () => {
  /** The OK an engine would build from the decoded activation (fee from the node's suggestion). */
  function okFor(a: ActivatePaymentNoticeV2Result): OutcomeDetailsV2 {
    const stamps = a.transferList.filter((t) => t.richiestaMarcaDaBollo);
    return {
      paymentMethod: 'cash',
      paymentChannel: 'frontOffice',
      fee: a.suggestedUserFee!,
      primaryCiIncurredFee: a.suggestedPaFee!,
      idBundle: a.suggestedIdBundle!,
      idCiBundle: a.suggestedIdCiBundle!,
      applicationDate: '2030-05-10',
      transferDate: '2030-05-10',
      marcheDaBollo: stamps.map((t) => ({
        paymentToken: a.paymentToken,
        idTransfer: t.idTransfer,
        MBDAttachment: Buffer.from('<marcaDaBollo/>').toString('base64'),
      })),
    };
  }

  test('sendPaymentOutcomeV2 with idBundle, idCiBundle, primaryCiIncurredFee and marcheDaBollo', async () => {
    const a = decodeResponse('activatePaymentNoticeV2', fixture('valid/activatePaymentNoticeV2.ok-5-transfers.xml'));
    const { body } = encodeRequest('sendPaymentOutcomeV2', CREDENTIALS, {
      idempotencyKey: '12345678901_Qq1Ww2Ee3R',
      paymentTokens: [a.paymentToken],
      outcome: 'OK',
      details: okFor(a),
    });
    assert.deepEqual(await (await xsdValidator()).validate(body), { valid: true, errors: [] });
    assert.match(
      body,
      /<fee>1\.00<\/fee><primaryCiIncurredFee>0\.50<\/primaryCiIncurredFee><idBundle>bundle-0001<\/idBundle><idCiBundle>ci-bundle-0001<\/idCiBundle>/,
    );
    assert.match(
      body,
      /<marcheDaBollo><marcaDaBollo><paymentToken>a3c1e5b7d9f24e6a8c0b2d4f6e8a0c2e<\/paymentToken><idTransfer>2<\/idTransfer><MBDAttachment>[A-Za-z0-9+/=]+<\/MBDAttachment><\/marcaDaBollo><\/marcheDaBollo>/,
    );
  });
});

describe('outcome builders refuse a token that is not a valid stPaymentToken', () => {
  const details = { paymentMethod: 'cash' as const, fee: 0, applicationDate: '2030-05-10', transferDate: '2030-05-10' };
  const bad: Array<[string, string]> = [
    ['5,000 characters', 'x'.repeat(5000)],
    ['36 characters', 'x'.repeat(36)],
    ['empty', ''],
    ['a C0 control character', 'tok\u0001en'],
    ['a C1 control character', 'tok\u0085en'],
    ['a tab', 'tok\ten'],
    ['a line feed', 'tok\nen'],
  ];
  for (const [title, token] of bad) {
    test(title, () => {
      const refusedAt = (element: string) => (e: unknown) =>
        e instanceof RequestInvalid &&
        e.element === element &&
        /stPaymentToken/.test(String(e.details.rule)) &&
        !e.message.includes(token || '\u0000');
      assert.throws(
        () =>
          encodeRequest('sendPaymentOutcome', CREDENTIALS, {
            idempotencyKey: '12345678901_Zz9Yy8Xx7W',
            paymentToken: token,
            outcome: 'OK',
            details,
          }),
        refusedAt('paymentToken'),
      );
      assert.throws(
        () =>
          encodeRequest('sendPaymentOutcomeV2', CREDENTIALS, {
            idempotencyKey: '12345678901_Zz9Yy8Xx7W',
            paymentTokens: [token],
            outcome: 'KO',
          }),
        refusedAt('paymentTokens/paymentToken'),
      );
      assert.throws(
        () =>
          encodeRequest('sendPaymentOutcomeV2', CREDENTIALS, {
            idempotencyKey: '12345678901_Zz9Yy8Xx7W',
            paymentTokens: ['good-token'],
            outcome: 'OK',
            details: { ...details, marcheDaBollo: [{ paymentToken: token, idTransfer: 1, MBDAttachment: 'PGEvPg==' }] },
          }),
        refusedAt('details/marcheDaBollo/marcaDaBollo/paymentToken'),
      );
    });
  }

  test('markup in a token is escaped, and the message stays XSD-valid', async () => {
    const { body } = encodeRequest('sendPaymentOutcome', CREDENTIALS, {
      idempotencyKey: '12345678901_Zz9Yy8Xx7W',
      paymentToken: '<b>&x',
      outcome: 'KO',
    });
    assert.ok(body.includes('<paymentToken>&lt;b&gt;&amp;x</paymentToken>'));
    assert.equal((await (await xsdValidator()).validate(body)).valid, true);
  });
});
