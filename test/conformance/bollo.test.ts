// Official scenarios NMU_MBD_* and sendPaymentOutcomeV2_MBD: the digital revenue stamp (@e.bollo).
// Only a channel that sells stamps (e-commerce) may activate such a notice, and its OK must carry
// the stamp documents for exactly the transfers that asked for one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AMOUNT, CF, N, OTHER, activated, assertFault, assertOk, body, call, newKey, startSim, type Parsed } from './support';
import type { Simulator } from '../../sim/simulator';

const ECOMMERCE = { ...OTHER, idChannel: '98765432109_02', ecommerce: true };

async function stampNotice(sim: Simulator): Promise<{ token: string; stampTransfer: number; otherTransfer: number }> {
  const a = await call(sim, body.activate(ECOMMERCE, { fc: CF, nn: N.bollo, amount: AMOUNT.bollo, key: newKey(), v2: true }));
  assertOk(a);
  const transfers = a.res.transferList.transfer as Parsed[];
  const stamp = transfers.find((x) => x.richiestaMarcaDaBollo);
  const plain = transfers.find((x) => !x.richiestaMarcaDaBollo);
  return { token: a.res.paymentToken, stampTransfer: Number(stamp.idTransfer), otherTransfer: Number(plain.idTransfer) };
}

const okWith = (sim: Simulator, token: string, stamps: Array<{ token: string; idTransfer: number }> | undefined) =>
  call(
    sim,
    body.outcomeV2(ECOMMERCE, {
      tokens: [token],
      outcome: 'OK',
      key: newKey(),
      details: { paymentMethod: 'creditCard', ...(stamps ? { stamps } : {}) },
    }),
  );

test('NMU_MBD_pspNoEcommerce_KO: a counter channel (no e-commerce) activating a stamp notice gets PPT_SEMANTICA "Pagamento non attivabile"', async (t) => {
  const sim = await startSim(t);
  const f = assertFault(
    await call(sim, body.activate(sim.credentials, { fc: CF, nn: N.bollo, amount: AMOUNT.bollo, key: newKey(), v2: true })),
    'PPT_SEMANTICA',
  );
  assert.equal(f.faultString, 'Errore semantico');
  assert.equal(f.description, 'Pagamento non attivabile');
  assert.equal(sim.position(CF, N.bollo)?.sessions.length, 0, 'nothing activated');
  // verify still describes the notice: only the activation is refused
  assertOk(await call(sim, body.verify(sim.credentials, CF, N.bollo)));
  // and the same counter still pays notices without a stamp
  await activated(sim, 'single', { v2: true });
});

test('NMU_MBD_activateV2_2Transfers_1mbd_ok: an e-commerce channel activates it; the stamp transfer carries richiestaMarcaDaBollo instead of an IBAN', async (t) => {
  const sim = await startSim(t, { extraPsps: [ECOMMERCE] });
  const { stampTransfer, otherTransfer } = await stampNotice(sim);
  assert.notEqual(stampTransfer, otherTransfer);
});

test('sendPaymentOutcomeV2_MBD: an OK with the stamp document for the stamp transfer is accepted', async (t) => {
  const sim = await startSim(t, { extraPsps: [ECOMMERCE] });
  const { token, stampTransfer } = await stampNotice(sim);
  assertOk(await okWith(sim, token, [{ token, idTransfer: stampTransfer }]));
  assert.equal(sim.position(CF, N.bollo)?.state, 'paid');
});

test('sendPaymentOutcomeV2_MBD: an OK without the stamp documents is PPT_SEMANTICA "Check marca da bollo"', async (t) => {
  const sim = await startSim(t, { extraPsps: [ECOMMERCE] });
  const { token } = await stampNotice(sim);
  const f = assertFault(await okWith(sim, token, undefined), 'PPT_SEMANTICA');
  assert.equal(f.description, 'Check marca da bollo');
  assert.equal(sim.position(CF, N.bollo)?.state, 'in-progress', 'nothing taken');
});

test('sendPaymentOutcomeV2_MBD: a stamp for a transfer that asked for none is PPT_SEMANTICA "Check marca da bollo"', async (t) => {
  const sim = await startSim(t, { extraPsps: [ECOMMERCE] });
  const { token, stampTransfer, otherTransfer } = await stampNotice(sim);
  const f = assertFault(
    await okWith(sim, token, [
      { token, idTransfer: stampTransfer },
      { token, idTransfer: otherTransfer },
    ]),
    'PPT_SEMANTICA',
  );
  assert.equal(f.description, 'Check marca da bollo');
  // then the right documents are accepted: the refusal took nothing
  assertOk(await okWith(sim, token, [{ token, idTransfer: stampTransfer }]));
});
