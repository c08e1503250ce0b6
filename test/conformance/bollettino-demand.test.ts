// Official scenarios of verificaBollettino (verificaBollettino_flow, SEM_VB_*) and demandPaymentNotice
// (demandPaymentNotice_flow) that a counter meets: the postal notice found by its account, and a
// spontaneous payment whose new notice is then verified, activated and paid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CF, N, activated, assertFault, assertOk, body, call, newKey, okOutcome, startSim } from './support';
import { CCP } from '../integration/sim/fixtures';

const CIE =
  '<ta:pagamentoCIE xmlns:ta="http://PuntoAccessoPSP.spcoop.gov.it/pagamentoCIE"><ta:codiceCausale>9</ta:codiceCausale>' +
  '<ta:codiceFiscaleComune>77777777777</ta:codiceFiscaleComune><ta:intestatario><ta:codiceFiscaleIntestatario>VRDGPP70B02F205X</ta:codiceFiscaleIntestatario>' +
  '<ta:denominazioneIntestatario>Giuseppe Verdi</ta:denominazioneIntestatario></ta:intestatario></ta:pagamentoCIE>';

test('verificaBollettino_flow: the postal notice is found by account and notice number, and a session on it makes it PPT_PAGAMENTO_IN_CORSO', async (t) => {
  const sim = await startSim(t);
  const v = await call(sim, body.verificaBollettino(sim.credentials, CCP, N.postal));
  assertOk(v);
  assert.equal(v.res.fiscalCodePA, CF);
  const amount = v.res.paymentBollettinoList.paymentOptionDescription[0].amount as string;
  assertOk(await call(sim, body.activate(sim.credentials, { fc: CF, nn: N.postal, amount, key: newKey(), v2: true })));
  assertFault(await call(sim, body.verificaBollettino(sim.credentials, CCP, N.postal)), 'PPT_PAGAMENTO_IN_CORSO');
});

test('verificaBollettino_PAID_Verify_blocco_02: a paid postal notice is PPT_PAGAMENTO_DUPLICATO', async (t) => {
  const sim = await startSim(t);
  const v = await call(sim, body.verificaBollettino(sim.credentials, CCP, N.postal));
  const amount = v.res.paymentBollettinoList.paymentOptionDescription[0].amount as string;
  const a = await call(sim, body.activate(sim.credentials, { fc: CF, nn: N.postal, amount, key: newKey() }));
  assertOk(await okOutcome(sim, a.res.paymentToken));
  assertFault(await call(sim, body.verificaBollettino(sim.credentials, CCP, N.postal)), 'PPT_PAGAMENTO_DUPLICATO');
});

test('demandPaymentNotice_flow: a spontaneous payment creates a notice that is verified, activated and paid like any other', async (t) => {
  const sim = await startSim(t);
  const d = await call(sim, body.demand(sim.credentials, '00101', CIE));
  assertOk(d);
  const nn = d.res.qrCode.noticeNumber as string;
  const fc = d.res.qrCode.fiscalCode as string;
  const amount = d.res.paymentList.paymentOptionDescription[0].amount as string;
  assertOk(await call(sim, body.verify(sim.credentials, fc, nn)));
  const a = await call(sim, body.activate(sim.credentials, { fc, nn, amount, key: newKey(), v2: true }));
  assertOk(a);
  assertOk(await okOutcome(sim, a.res.paymentToken));
  assertFault(await call(sim, body.verify(sim.credentials, fc, nn)), 'PPT_PAGAMENTO_DUPLICATO');
});

test('activatePaymentNoticeReq_payment_PAID_activate_blocco_02: activating a paid notice is PPT_PAGAMENTO_DUPLICATO', async (t) => {
  const sim = await startSim(t);
  assertOk(await okOutcome(sim, await activated(sim, 'single')));
  assertFault(
    await call(sim, body.activate(sim.credentials, { fc: CF, nn: N.single, amount: '120.00', key: newKey() })),
    'PPT_PAGAMENTO_DUPLICATO',
  );
});

test('activatePaymentNoticeReq_payment_PAYING_activate_blocco_01: activating a notice in payment is PPT_PAGAMENTO_IN_CORSO', async (t) => {
  const sim = await startSim(t);
  await activated(sim, 'single');
  assertFault(
    await call(sim, body.activate(sim.credentials, { fc: CF, nn: N.single, amount: '120.00', key: newKey() })),
    'PPT_PAGAMENTO_IN_CORSO',
  );
});
