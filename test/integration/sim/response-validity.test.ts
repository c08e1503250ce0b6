// Every primitive's answers, OK and each generic KO, are valid against the official XSD (soap-client checks
// each one); this file makes sure every response element is exercised on every generic path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATIONS, type Operation } from '../../../sim/operations';
import { assertFault, assertOk, body, call, NFP, validateNodeMessage, type Creds } from './soap-client';
import { CCP, CF, N, startSim } from './fixtures';

const CIE =
  '<ta:pagamentoCIE xmlns:ta="http://PuntoAccessoPSP.spcoop.gov.it/pagamentoCIE"><ta:codiceCausale>1</ta:codiceCausale><ta:codiceFiscaleComune>77777777777</ta:codiceFiscaleComune>' +
  '<ta:intestatario><ta:codiceFiscaleIntestatario>RSSMRA80A01H501U</ta:codiceFiscaleIntestatario><ta:denominazioneIntestatario>M R</ta:denominazioneIntestatario></ta:intestatario></ta:pagamentoCIE>';

/** One request per operation; `token` is a live token for the outcome primitives. */
function requests(c: Creds, tokens: { v1: string; v2: string }): Record<Operation, string> {
  return {
    verifyPaymentNotice: body.verify(c, CF, N.permit),
    activatePaymentNotice: body.activate(c, { fc: CF, nn: N.multi3, amount: '99.00', key: '12345678901_act1aaaaaa' }),
    activatePaymentNoticeV2: body.activate(c, { fc: CF, nn: N.multi5, amount: '61.00', key: '12345678901_act2aaaaaa', v2: true }),
    sendPaymentOutcome: body.outcome(c, { token: tokens.v1, outcome: 'OK', key: '12345678901_out1aaaaaa', details: {} }),
    sendPaymentOutcomeV2: body.outcomeV2(c, { tokens: [tokens.v2], outcome: 'OK', key: '12345678901_out2aaaaaa', details: {} }),
    verificaBollettino: body.verificaBollettino(c, CCP, N.postal),
    demandPaymentNotice: body.demand(c, '00101', CIE),
    nodoChiediCatalogoServiziV2: body.catalogue(c),
  };
}

test('each primitive answers OK, SOAPAction errata, syntax, caller and injected system errors with its own valid element', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const t1 = await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00' }));
  const t2 = await call(sim, body.activate(c, { fc: CF, nn: N.canteen, amount: '45.50', v2: true }));
  const good = requests(c, { v1: t1.res.paymentToken, v2: t2.res.paymentToken });
  const wrongPassword = requests({ ...c, password: 'wrongpassword' }, { v1: t1.res.paymentToken, v2: t2.res.paymentToken });
  for (const op of Object.keys(OPERATIONS) as Operation[]) {
    const element = OPERATIONS[op].response;
    const check = (a: Awaited<ReturnType<typeof call>>) => assert.equal(a.element, element, op);

    sim.injectFaults({ kind: 'system-error', primitive: op, count: 1 });
    const sys = await call(sim, good[op]);
    check(sys);
    assertFault(sys, 'PPT_SYSTEM_ERROR');

    const errata = await call(sim, good[op], { soapAction: 'nodoInviaFlussoRendicontazione' });
    check(errata);
    assertFault(errata, 'PPT_SOAPACTION_ERRATA');

    const syntax = await call(sim, good[op].replace(/<password>[^<]*<\/password>/, '<password>short</password>'));
    check(syntax);
    assertFault(syntax, 'PPT_SINTASSI_EXTRAXSD');

    const auth = await call(sim, wrongPassword[op].replace(/_(act|out)(\d)aaaaaa/, '_$1$2bbbbbb'));
    check(auth);
    assertFault(auth, 'PPT_AUTENTICAZIONE');

    const ok = await call(sim, good[op]);
    check(ok);
    assertOk(ok);
  }
  // the idempotency mismatch, for the four operations that take a key
  for (const op of ['activatePaymentNotice', 'activatePaymentNoticeV2', 'sendPaymentOutcome', 'sendPaymentOutcomeV2'] as const) {
    // same key, other parameters: another amount for activations, another outcome for outcomes
    const changed = good[op]
      .replace('<outcome>OK</outcome>', '<outcome>KO</outcome>')
      .replace(/<amount>[\d.]+<\/amount>/, '<amount>1.00</amount>');
    const a = await call(sim, changed);
    assert.equal(a.element, OPERATIONS[op].response);
    assertFault(a, 'PPT_ERRORE_IDEMPOTENZA');
  }
});

test('the XSD check in these tests is real: an invalid response would fail them', async () => {
  await assert.rejects(
    validateNodeMessage(`<nfp:verifyPaymentNoticeRes xmlns:nfp="${NFP}"><outcome>MAYBE</outcome></nfp:verifyPaymentNoticeRes>`),
  );
  await assert.rejects(
    validateNodeMessage(
      `<nfp:sendPaymentOutcomeRes xmlns:nfp="${NFP}"><outcome>KO</outcome><fault><faultCode>X</faultCode></fault></nfp:sendPaymentOutcomeRes>`,
    ),
  );
});
