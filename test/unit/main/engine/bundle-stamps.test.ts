// Pure parts of issue 10 §2: the node's fee and its exact split, outcome details with the bundle,
// the card kind and the channel, the @e.bollo documents, and the Stand-In report code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTender, feeShares, nodeFeeFor } from '../../../../main/engine/fees';
import { cardKindOf, outcomeDetails } from '../../../../main/engine/outcome-details';
import { stampDocuments, stampTransfers } from '../../../../main/engine/stamps';
import { creditorReportCodeOf, newSession, transition } from '../../../../main/engine/session';
import type { Activation, SessionEvent, SessionState, SuggestedBundle } from '../../../../main/engine/types';
import type { TransferV2 } from '../../../../main/protocol';

const bundle = (userFeeCents: number, more: Partial<SuggestedBundle> = {}): SuggestedBundle => ({
  userFeeCents,
  paFeeCents: null,
  idBundle: null,
  idCiBundle: null,
  ...more,
});
const NOW = Date.UTC(2026, 0, 15, 10, 0, 0);

test('nodeFeeFor: the sum of the suggestions only when every notice has one', () => {
  assert.equal(nodeFeeFor([bundle(95), bundle(70)]), 165);
  assert.equal(nodeFeeFor([bundle(95), undefined]), null);
  assert.equal(nodeFeeFor([]), null);
  assert.equal(nodeFeeFor([bundle(0)]), 0, 'a zero suggestion is a fee of zero, not no suggestion');
});

test("feeShares: the node's own fees when the tender charged them, else an even split; always adding up exactly", () => {
  assert.deepEqual(feeShares(165, [bundle(95), bundle(70)]), [95, 70]);
  assert.deepEqual(feeShares(100, [bundle(95), undefined, undefined]), [34, 33, 33]);
  // a fee that is not the suggestions' sum (the local rule was charged) is split, never the suggestions
  assert.deepEqual(feeShares(151, [bundle(95), bundle(70)]), [76, 75]);
  for (const [fee, bs] of [
    [1, [bundle(1), undefined]],
    [99_999, [undefined, undefined, undefined, undefined, undefined]],
    [7, [bundle(3), bundle(4)]],
  ] as const) {
    assert.equal(
      feeShares(fee, bs).reduce((a, b) => a + b, 0),
      fee,
    );
  }
});

test('buildTender: the node fee wins and the local one is kept beside it; without it the tender keeps its plain shape', () => {
  const t = buildTender('cash', [1000, 2000], { kind: 'flat', cents: 150 }, 5000, { nodeFeeCents: 165 });
  assert.deepEqual(t, {
    method: 'cash',
    noticesCents: 3000,
    feeCents: 165,
    dueCents: 3165,
    givenCents: 5000,
    changeCents: 1835,
    feeSource: 'node',
    localFeeCents: 150,
  });
  assert.deepEqual(buildTender('card', [1000], { kind: 'none' }, null, { cardKind: 'bancomat' }), {
    method: 'card',
    noticesCents: 1000,
    feeCents: 0,
    dueCents: 1000,
    givenCents: null,
    changeCents: 0,
    cardKind: 'bancomat',
  });
  assert.equal(buildTender('cash', [1000], { kind: 'flat', cents: 150 }, null).feeSource, undefined);
});

test('outcomeDetails: the bundle fields, the card kind, the channel', () => {
  const t = buildTender('card', [1000], { kind: 'none' }, null, { nodeFeeCents: 95, cardKind: 'bancomat' });
  const d = outcomeDetails(t, 0, 1, 'kiosk', NOW, { feeCents: 95, bundle: bundle(95, { paFeeCents: 20, idBundle: 'B', idCiBundle: 'C' }) });
  assert.deepEqual(
    {
      m: d.paymentMethod,
      c: d.paymentChannel,
      fee: d.fee,
      pa: d.primaryCiIncurredFee,
      b: d.idBundle,
      ci: d.idCiBundle,
      stamps: d.marcheDaBollo,
    },
    { m: 'bancomat', c: 'atm', fee: 95, pa: 20, b: 'B', ci: 'C', stamps: undefined },
  );
  const plain = outcomeDetails(buildTender('card', [1000], { kind: 'none' }, null), 0, 1, { paymentChannel: 'other' }, NOW);
  assert.equal(plain.paymentMethod, 'creditCard');
  assert.equal(plain.paymentChannel, 'other');
  assert.equal('idBundle' in plain, false);
  assert.equal(cardKindOf('PagoBANCOMAT'), 'bancomat');
  assert.equal(cardKindOf('VISA'), 'creditCard');
  assert.equal(cardKindOf(null), 'creditCard');
});

const transfers: TransferV2[] = [
  {
    idTransfer: 1,
    transferAmount: 1000,
    fiscalCodePA: '77777777777',
    IBAN: 'IT60X0542811101000000123456',
    remittanceInformation: 'fee',
    metadata: [],
  },
  {
    idTransfer: 2,
    transferAmount: 1600,
    fiscalCodePA: '77777777777',
    remittanceInformation: 'stamp',
    metadata: [],
    richiestaMarcaDaBollo: { hashDocumento: 'aGFzaA==', tipoBollo: '01', provinciaResidenza: 'RM' },
  },
];

test('stampDocuments: one document per stamp transfer, naming the token and the transfer, with the stamp facts', () => {
  const a = { paymentToken: 'a'.repeat(32), transfers };
  assert.deepEqual(
    stampTransfers(a).map((t) => t.idTransfer),
    [2],
  );
  const docs = stampDocuments(a, '2026-01-15T10:00:00.000Z');
  assert.equal(docs.length, 1);
  assert.equal(docs[0]!.idTransfer, 2);
  assert.equal(docs[0]!.paymentToken, a.paymentToken);
  const xml = Buffer.from(docs[0]!.MBDAttachment, 'base64').toString('utf8');
  assert.match(xml, /<hashDocumento>aGFzaA==<\/hashDocumento>/);
  assert.match(xml, /<provinciaResidenza>RM<\/provinciaResidenza>/);
  assert.deepEqual(stampDocuments({ paymentToken: a.paymentToken, transfers: [transfers[0]!] }, ''), []);
  assert.deepEqual(stampDocuments({ paymentToken: a.paymentToken }, ''), []);
});

function run(s: SessionState, events: SessionEvent[]): SessionState {
  for (const e of events) {
    const r = transition(s, e);
    assert.ok(r.ok, `${e.type}: ${r.ok ? '' : r.message}`);
    s = r.state;
  }
  return s;
}

test("Stand-In: either verify's or the activation's flag makes a refund case code 8", () => {
  const activation = (standin: boolean): Activation => ({
    paymentToken: 'b'.repeat(32),
    expiresAtMs: NOW + 60_000,
    durationMs: 60_000,
    creditorReferenceId: '01020250000000129',
    totalAmountCents: 1000,
    companyName: 'Comune',
    description: 'TARI',
    fiscalCodePA: '77777777777',
    standin,
  });
  for (const [verifyStandin, activationStandin, code] of [
    [false, false, 9],
    [true, false, 8],
    [false, true, 8],
  ] as const) {
    const s = run(newSession('s'), [
      {
        type: 'notice-added',
        ref: { fiscalCode: '77777777777', noticeNumber: '301020250000000129', scannedAmountCents: null, source: 'qr' },
      },
      {
        type: 'verify-succeeded',
        noticeId: 1,
        verification: {
          amountCents: 1000,
          description: 'TARI',
          companyName: 'Comune',
          officeName: null,
          dueDate: null,
          standin: verifyStandin,
        },
      },
      { type: 'activate-requested' },
      { type: 'activate-succeeded', noticeId: 1, activation: activation(activationStandin) },
      { type: 'tender-submitted', tender: buildTender('cash', [1000], { kind: 'none' }, null) },
      {
        type: 'outcome-refund-required',
        noticeId: 1,
        error: { code: 'NODE_FAULT', message: 'duplicato', faultCode: 'PPT_PAGAMENTO_DUPLICATO' },
      },
    ]);
    assert.equal(s.notices[0]!.creditorReportCode, code, `verify ${verifyStandin}, activation ${activationStandin}`);
    assert.equal(creditorReportCodeOf(s.notices[0]!), code);
  }
});

test('Stand-In on the certificate: a notice the activation says Stand-In served carries the line; one that neither answer flags does not', async () => {
  const { certificateFor } = await import('../../../../drivers/certificate/model');
  const { certificateDocument } = await import('../../../../drivers/certificate/document');
  const { sessionByStatus } = await import('../../drivers/certificate/sessions');
  const context = {
    psp: { name: 'Banca Esempio S.p.A.', fiscalCode: '01234567890' },
    terminalId: 'T01',
    operatorId: null,
    locale: 'en' as const,
    variant: 'original' as const,
    paidAtMs: NOW,
    printedAtMs: NOW,
  };
  const base = sessionByStatus.completed;
  const flagged = {
    ...base,
    notices: base.notices.map((n, i) => (i === 0 ? { ...n, activation: { ...n.activation!, standin: true } } : n)),
  };
  const texts = (s: typeof base) =>
    certificateDocument(certificateFor(s, context)).blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
  assert.equal(texts(flagged).filter((x) => x === 'Served by the pagoPA Stand-In').length, 1);
  assert.equal(
    texts(base).some((x) => /Stand-In/.test(x)),
    false,
  );
  assert.deepEqual(
    certificateFor(flagged, context).notices.map((n) => n.standin ?? false),
    [true, false],
  );
});
