// One request per primitive with every optional field present, and one with only what is mandatory.
import type { Primitive, RequestOf } from '../../../../main/protocol';

const qrCode = { fiscalCode: '77777777777', noticeNumber: '302000100000009407' };
const payer = {
  uniqueIdentifier: { entityUniqueIdentifierType: 'F' as const, entityUniqueIdentifierValue: 'RSSMRA80A01H501U' },
  fullName: 'Mario Rossi & Figli <srl>',
  streetName: "Via dell'Esempio",
  civicNumber: '12/B',
  postalCode: '00100',
  city: 'Roma',
  stateProvinceRegion: 'RM',
  country: 'IT',
  eMail: 'mario.rossi+pagopa@example.it',
};

type Samples = { [P in Primitive]: { full: RequestOf<P>; minimal: RequestOf<P> } };

export const SAMPLES: Samples = {
  verifyPaymentNotice: { full: { qrCode }, minimal: { qrCode } },
  activatePaymentNotice: {
    full: {
      idempotencyKey: '12345678901_a1B2c3D4e5',
      qrCode,
      expirationTime: 1_800_000,
      amount: 12010,
      dueDate: '2030-12-31',
      paymentNote: 'Nota "pagamento" <TARI> & altro',
    },
    minimal: { qrCode, amount: 0 },
  },
  activatePaymentNoticeV2: {
    full: {
      idempotencyKey: 'ABCDEFGHIJKLMNOPQR_0123456789',
      qrCode,
      expirationTime: 600_000,
      amount: 99_999_999_999,
      dueDate: '2032-02-29',
      paymentNote: 'Pagamento presso sportello',
      paymentMethod: 'PO',
      touchPoint: 'PSP',
    },
    minimal: { qrCode, amount: 1 },
  },
  sendPaymentOutcome: {
    full: {
      idempotencyKey: '12345678901_Zz9Yy8Xx7W',
      paymentToken: 'c110729d258c4ab1b765fe902aae41d6',
      outcome: 'OK',
      details: {
        paymentMethod: 'cash',
        paymentChannel: 'frontOffice',
        fee: 150,
        payer,
        applicationDate: '2030-05-10',
        transferDate: '2030-05-11',
      },
    },
    minimal: { paymentToken: 't', outcome: 'KO' },
  },
  sendPaymentOutcomeV2: {
    full: {
      idempotencyKey: '12345678901_Qq1Ww2Ee3R',
      paymentTokens: ['a3c1e5b7d9f24e6a8c0b2d4f6e8a0c2e', 'b3c1e5b7d9f24e6a8c0b2d4f6e8a0c2e'],
      outcome: 'OK',
      details: {
        paymentMethod: 'bancomat',
        paymentChannel: 'atm',
        fee: 0,
        primaryCiIncurredFee: 50,
        idBundle: 'bundle-0001',
        idCiBundle: 'ci-bundle-0001',
        payer,
        applicationDate: '2030-05-10',
        transferDate: '2030-05-10',
        marcheDaBollo: [
          { paymentToken: 'a3c1e5b7d9f24e6a8c0b2d4f6e8a0c2e', idTransfer: 2, MBDAttachment: 'PD94bWwgdmVyc2lvbj0iMS4wIj8+PGEvPg==' },
        ],
      },
    },
    minimal: { paymentTokens: ['t'], outcome: 'KO' },
  },
  verificaBollettino: {
    full: { ccPost: '001234567890', noticeNumber: '302000100000009407' },
    minimal: { ccPost: '001234567890', noticeNumber: '302000100000009407' },
  },
  demandPaymentNotice: {
    full: { idSoggettoServizio: '00042', datiSpecificiServizio: '<service xmlns="urn:example"><name>Carta d’identità</name></service>' },
    minimal: { idSoggettoServizio: '00042', datiSpecificiServizio: '<a/>' },
  },
  nodoChiediCatalogoServiziV2: {
    full: { identificativoDominio: '77777777777', categoria: 'Anagrafe', commissione: 'Y' },
    minimal: {},
  },
};

/** The XSD complex type of each request's body element. */
export const REQUEST_TYPE: Record<Primitive, string> = {
  verifyPaymentNotice: 'verifyPaymentNoticeReq',
  activatePaymentNotice: 'activatePaymentNoticeReq',
  activatePaymentNoticeV2: 'activatePaymentNoticeV2Request',
  sendPaymentOutcome: 'sendPaymentOutcomeReq',
  sendPaymentOutcomeV2: 'sendPaymentOutcomeV2Request',
  verificaBollettino: 'verificaBollettinoReq',
  demandPaymentNotice: 'demandPaymentNoticeRequest',
  nodoChiediCatalogoServiziV2: 'nodoChiediCatalogoServiziV2Request',
};
