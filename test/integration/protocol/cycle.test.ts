// The payment cycles end to end: the real NodeClient against the real simulator over HTTP,
// checked on the node's side through the admin API (position state, request log).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AMOUNT, CCP, CF, N, adminLog, adminPosition, cashDetails, clientFor, freshNotice, position, startSim } from './support';

test('verify -> activateV2 -> outcomeV2 OK pays the notice, and the node logs the three calls in order', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const qrCode = { fiscalCode: CF, noticeNumber: N.single };

  const verified = await node.verifyPaymentNotice({ qrCode });
  assert.equal(verified.paymentList.length, 1);
  assert.equal(verified.paymentList[0]?.amount, AMOUNT.single);
  assert.equal(verified.fiscalCodePA, CF);
  assert.equal(position(sim, CF, N.single).state, 'payable', 'verifying changes nothing');

  const activateKey = node.newIdempotencyKey();
  const session = await node.activatePaymentNoticeV2({
    idempotencyKey: activateKey,
    qrCode,
    amount: verified.paymentList[0]!.amount,
    paymentMethod: 'PO',
    touchPoint: 'PSP',
  });
  assert.match(session.paymentToken, /^[0-9a-f]{32}$/);
  assert.equal(session.totalAmount, AMOUNT.single);
  assert.equal(
    session.transferList.reduce((sum, tr) => sum + tr.transferAmount, 0),
    AMOUNT.single,
  );
  const during = await adminPosition(sim, CF, N.single);
  assert.equal(during.state, 'in-progress');
  assert.equal(during.sessions[0]?.paymentToken, session.paymentToken);
  assert.equal(during.sessions[0]?.status, 'open');

  const outcomeKey = node.newIdempotencyKey();
  const outcome = await node.sendPaymentOutcomeV2({
    idempotencyKey: outcomeKey,
    paymentTokens: [session.paymentToken],
    outcome: 'OK',
    details: cashDetails(150),
  });
  assert.deepEqual(outcome, { outcome: 'OK' });

  const after = await adminPosition(sim, CF, N.single);
  assert.equal(after.state, 'paid');
  assert.deepEqual({ token: after.paid?.paymentToken, late: after.paid?.late }, { token: session.paymentToken, late: false });
  assert.equal(after.sessions[0]?.status, 'closed-ok');
  assert.equal(after.sessions[0]?.acquired?.feeCents, 150);
  assert.deepEqual(
    after.sessions[0]?.received.map((r) => [r.operation, r.outcome, r.idempotencyKey, r.answer]),
    [['sendPaymentOutcomeV2', 'OK', outcomeKey, 'OK']],
  );

  const log = await adminLog(sim);
  assert.deepEqual(
    log.map((e) => e.operation),
    ['verifyPaymentNotice', 'activatePaymentNoticeV2', 'sendPaymentOutcomeV2'],
  );
  assert.ok(
    log.every(
      (e) =>
        e.httpStatus === 200 &&
        e.outcome === 'OK' &&
        e.request?.idPSP === sim.credentials.idPSP &&
        e.request.idChannel === sim.credentials.idChannel,
    ),
  );
  assert.deepEqual([log[0]?.request?.fiscalCode, log[0]?.request?.noticeNumber], [CF, N.single]);
  assert.deepEqual(
    [log[1]?.request?.noticeNumber, log[1]?.request?.idempotencyKey, log[1]?.request?.amount, log[1]?.paymentToken],
    [N.single, activateKey, '120.00', session.paymentToken],
  );
  assert.deepEqual(
    [log[2]?.request?.paymentTokens, log[2]?.request?.outcome, log[2]?.request?.idempotencyKey],
    [[session.paymentToken], 'OK', outcomeKey],
  );
  assert.ok(
    log.every((e) => e.replayed !== true),
    'nothing was a replay',
  );
  assert.ok(log[0]!.seq < log[1]!.seq && log[1]!.seq < log[2]!.seq);
  assert.ok(!JSON.stringify(log).includes(sim.credentials.password), 'the node log never holds the password');
});

test('v1 activate -> v1 outcome OK pays the notice with IBAN transfers', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const qrCode = { fiscalCode: CF, noticeNumber: N.canteen };

  const session = await node.activatePaymentNotice({
    idempotencyKey: node.newIdempotencyKey(),
    qrCode,
    amount: AMOUNT.canteen,
    expirationTime: 600_000,
  });
  assert.equal(session.totalAmount, AMOUNT.canteen);
  assert.equal(session.transferList.length, 1);
  assert.match(session.transferList[0]!.IBAN, /^IT\d\d/);
  const open = position(sim, CF, N.canteen);
  assert.equal(open.sessions[0]?.operation, 'activatePaymentNotice');
  assert.equal(
    Date.parse(open.sessions[0]!.expiresAt) - Date.parse(open.sessions[0]!.activatedAt),
    600_000,
    'the requested expirationTime is the token validity',
  );

  await node.sendPaymentOutcome({
    idempotencyKey: node.newIdempotencyKey(),
    paymentToken: session.paymentToken,
    outcome: 'OK',
    details: cashDetails(0),
  });

  const paid = position(sim, CF, N.canteen);
  assert.equal(paid.state, 'paid');
  assert.equal(paid.paid?.paymentToken, session.paymentToken);
  assert.deepEqual(
    sim.log().map((e) => [e.operation, e.outcome]),
    [
      ['activatePaymentNotice', 'OK'],
      ['sendPaymentOutcome', 'OK'],
    ],
  );
});

test('v1 outcome KO releases the notice, which can then be activated again', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const qrCode = { fiscalCode: CF, noticeNumber: N.permit };
  const first = await node.activatePaymentNotice({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: AMOUNT.permit });
  await node.sendPaymentOutcome({ idempotencyKey: node.newIdempotencyKey(), paymentToken: first.paymentToken, outcome: 'KO' });
  const released = position(sim, CF, N.permit);
  assert.equal(released.state, 'payable');
  assert.equal(released.sessions[0]?.status, 'closed-ko');

  const second = await node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: AMOUNT.permit });
  assert.notEqual(second.paymentToken, first.paymentToken);
  assert.equal(position(sim, CF, N.permit).state, 'in-progress');
});

test('verificaBollettino finds the postal notice by its account, and the notice then pays like any other', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);

  const verified = await node.verificaBollettino({ ccPost: CCP, noticeNumber: N.postal });
  assert.equal(verified.paymentBollettinoList.length, 1);
  assert.equal(verified.paymentBollettinoList[0]?.amount, AMOUNT.postal);
  assert.equal(verified.paymentBollettinoList[0]?.allCCP, true);
  assert.equal(verified.fiscalCodePA, CF, 'the account selected the creditor');
  const entry = sim.log()[0];
  assert.deepEqual(
    [entry?.operation, entry?.request?.ccPost, entry?.request?.noticeNumber, entry?.outcome],
    ['verificaBollettino', CCP, N.postal, 'OK'],
  );

  const session = await node.activatePaymentNoticeV2({
    idempotencyKey: node.newIdempotencyKey(),
    qrCode: { fiscalCode: verified.fiscalCodePA!, noticeNumber: N.postal },
    amount: AMOUNT.postal,
  });
  assert.equal(session.allCCP, true);
  await node.sendPaymentOutcomeV2({
    idempotencyKey: node.newIdempotencyKey(),
    paymentTokens: [session.paymentToken],
    outcome: 'OK',
    details: cashDetails(),
  });
  assert.equal(position(sim, CF, N.postal).state, 'paid');
});

/** A CIE request valid against catalogo-servizi/Cie_1_0_0.xsd (renewal, a made-up holder). */
const CIE_RENEWAL =
  '<cie:pagamentoCIE xmlns:cie="http://PuntoAccessoPSP.spcoop.gov.it/pagamentoCIE">' +
  '<cie:codiceCausale>10</cie:codiceCausale><cie:codiceFiscaleComune>77777777777</cie:codiceFiscaleComune>' +
  '<cie:intestatario><cie:codiceFiscaleIntestatario>BNCGLI85C41F205X</cie:codiceFiscaleIntestatario>' +
  '<cie:denominazioneIntestatario>Giulia Bianchi</cie:denominazioneIntestatario></cie:intestatario></cie:pagamentoCIE>';

test('catalogue -> demandPaymentNotice creates a notice that is then verified, activated and paid', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);

  const catalogue = await node.nodoChiediCatalogoServiziV2({ identificativoDominio: CF });
  const cie = catalogue.servizi.find((s) => s.xsdRiferimento === 'Cie_1_0_0.xsd');
  assert.ok(cie, 'the creditor offers the CIE service');
  const provider = cie.soggettiEroganti.find((p) => p.idDominio === CF);
  assert.ok(provider);

  const before = sim.positions().length;
  const demanded = await node.demandPaymentNotice({ idSoggettoServizio: provider.idSoggettoServizio, datiSpecificiServizio: CIE_RENEWAL });
  assert.equal(demanded.qrCode.fiscalCode, CF);
  assert.match(demanded.qrCode.noticeNumber, /^3\d{17}$/);
  assert.equal(sim.positions().length, before + 1);
  const created = position(sim, CF, demanded.qrCode.noticeNumber);
  assert.equal(created.origin, 'demand');
  assert.equal(created.demand?.datiSpecificiServizio, CIE_RENEWAL, 'the service data reached the node intact through base64');
  assert.equal(created.amountCents, demanded.paymentList[0]?.amount);

  const verified = await node.verifyPaymentNotice({ qrCode: demanded.qrCode });
  const amount = verified.paymentList[0]!.amount;
  assert.equal(amount, created.amountCents);
  const session = await node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode: demanded.qrCode, amount });
  await node.sendPaymentOutcomeV2({
    idempotencyKey: node.newIdempotencyKey(),
    paymentTokens: [session.paymentToken],
    outcome: 'OK',
    details: cashDetails(),
  });
  assert.equal(position(sim, CF, demanded.qrCode.noticeNumber).state, 'paid');
  assert.deepEqual(
    sim.log().map((e) => e.operation),
    ['nodoChiediCatalogoServiziV2', 'demandPaymentNotice', 'verifyPaymentNotice', 'activatePaymentNoticeV2', 'sendPaymentOutcomeV2'],
  );
  assert.equal(sim.log()[1]?.request?.idSoggettoServizio, provider.idSoggettoServizio);
});

test('a position created at run time with 3 transfers comes back transfer by transfer, and pays', async (t) => {
  const sim = await startSim(t);
  const node = clientFor(t, sim);
  const notice = freshNotice(sim, 9_900, 3);
  const qrCode = { fiscalCode: notice.fiscalCode, noticeNumber: notice.noticeNumber };
  const session = await node.activatePaymentNoticeV2({ idempotencyKey: node.newIdempotencyKey(), qrCode, amount: notice.amountCents });
  const defined = position(sim, notice.fiscalCode, notice.noticeNumber).transfers;
  assert.deepEqual(
    session.transferList.map((tr) => [tr.idTransfer, tr.transferAmount, tr.IBAN, tr.remittanceInformation]),
    defined.map((tr) => [tr.idTransfer, tr.amountCents, tr.iban, tr.remittanceInformation]),
  );
  assert.deepEqual(
    session.transferList.map((tr) => tr.transferAmount),
    [9_700, 100, 100],
  );
  await node.sendPaymentOutcomeV2({
    idempotencyKey: node.newIdempotencyKey(),
    paymentTokens: [session.paymentToken],
    outcome: 'OK',
    details: cashDetails(),
  });
  assert.equal(position(sim, notice.fiscalCode, notice.noticeNumber).state, 'paid');
});
