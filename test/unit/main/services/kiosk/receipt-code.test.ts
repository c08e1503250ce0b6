// The QR receipt's text: every fact of the certificate a citizen may need later (token, notice,
// creditor, amounts in cents and euros, date, PSP), one line each, built without floats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CertificateModel } from '../../../../../drivers/certificate/index';
import { RECEIPT_CODE_HEADER, receiptPayload, receiptQrSvg } from '../../../../../main/services/kiosk/receipt-code';

// Typed as the fields the payload reads, so the certificate's other fields may grow freely.
const model = {
  kind: 'final',
  duplicate: false,
  locale: 'it',
  timeZone: 'Europe/Rome',
  sessionId: 's-1',
  paidAtMs: Date.UTC(2026, 11, 5, 9, 30, 0),
  printedAtMs: Date.UTC(2026, 11, 5, 9, 30, 5),
  psp: { name: 'PSP Demo S.p.A.', fiscalCode: '12345678901' },
  terminalId: 'KIOSK-01',
  operatorId: null,
  method: 'card',
  notices: [
    {
      creditorFiscalCode: '77777777777',
      creditorName: 'Comune di Borgo Esempio',
      iuv: '01020250000000230',
      noticeNumber: '301020250000000230',
      paymentToken: 'tok-aaa111',
      amountCents: 12000,
      description: 'TARI',
      confirmed: true,
    },
    {
      creditorFiscalCode: '88888888888',
      creditorName: 'Ente Due',
      iuv: '02020250000000005',
      noticeNumber: '302020250000000005',
      paymentToken: 'tok-bbb222',
      amountCents: 5,
      description: 'Mensa',
      confirmed: true,
    },
  ],
  excludedCount: 0,
  amountCents: 12005,
  feeCents: 150,
  totalCents: 12155,
  cash: null,
  tenderDetails: null,
} as unknown as CertificateModel;

test('the QR payload names every notice with its token, creditor and amount, the fee, total, date and PSP', () => {
  assert.equal(
    receiptPayload(model),
    [
      RECEIPT_CODE_HEADER,
      'STATE: confirmed by pagoPA',
      'DATE: 2026-12-05T09:30:00.000Z',
      'PSP: PSP Demo S.p.A. (12345678901)',
      'TERMINAL: KIOSK-01',
      'NOTICE 1: 301020250000000230; CREDITOR 77777777777; TOKEN tok-aaa111; AMOUNT 12000 cents (EUR 120.00)',
      'NOTICE 2: 302020250000000005; CREDITOR 88888888888; TOKEN tok-bbb222; AMOUNT 5 cents (EUR 0.05)',
      'FEE: 150 cents (EUR 1.50)',
      'TOTAL: 12155 cents (EUR 121.55)',
    ].join('\n'),
  );
});

test('a provisional receipt says the payment is recorded and being delivered, not confirmed', () => {
  const payload = receiptPayload({ ...model, kind: 'pending' });
  assert.match(payload, /^STATE: recorded, being delivered to pagoPA$/m);
  assert.doesNotMatch(payload, /confirmed by pagoPA/);
});

test('the QR code is an SVG document with dark modules', () => {
  const svg = receiptQrSvg(receiptPayload(model));
  assert.match(svg, /^<svg [^>]*viewBox="0 0 \d+ \d+"/);
  assert.match(svg, /<path d="M/);
});

test('amounts that are not integer cents are refused, never rounded', () => {
  assert.throws(() => receiptPayload({ ...model, feeCents: 1.5 }), { code: 'AMOUNT_INVALID' });
});
