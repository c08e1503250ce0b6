// Every business KO the simulator gives, over real HTTP; the soap-client checks each answer against the XSD.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFault, assertOk, body, call, newKey } from './soap-client';
import { CCP, CF, N, UNKNOWN_CF, UNREACHABLE_CF, startSim } from './fixtures';

test('caller checks: unknown PSP, broker, channel, a wrong pairing and a wrong password', async (t) => {
  const sim = await startSim(t, {
    extraPsps: [{ idPSP: 'OTHERPSP', idBrokerPSP: '98765432109', idChannel: '98765432109_01', password: 'otherpass1' }],
  });
  const c = sim.credentials;
  const cases: Array<[Partial<typeof c>, string]> = [
    [{ idPSP: 'NOPE' }, 'PPT_PSP_SCONOSCIUTO'],
    [{ idBrokerPSP: '00000000000' }, 'PPT_INTERMEDIARIO_PSP_SCONOSCIUTO'],
    [{ idChannel: '00000000000_01' }, 'PPT_CANALE_SCONOSCIUTO'],
    [{ idBrokerPSP: '98765432109' }, 'PPT_AUTORIZZAZIONE'],
    [{ password: 'wrongpassword' }, 'PPT_AUTENTICAZIONE'],
  ];
  for (const [override, code] of cases) {
    const who = { ...c, ...override };
    for (const req of [
      body.verify(who, CF, N.single),
      body.activate(who, { fc: CF, nn: N.single, amount: '120.00' }),
      body.outcome(who, { token: 'a'.repeat(32), outcome: 'KO' }),
      body.verificaBollettino(who, CCP, N.postal),
      body.demand(who, '00101', '<x/>'),
      body.catalogue(who),
    ]) {
      const f = assertFault(await call(sim, req), code);
      assert.equal(f.id, 'NodoDeiPagamentiSPC');
    }
  }
  assert.equal(sim.position(CF, N.single)?.state, 'payable');
});

test('creditor errors: unknown creditor, unreachable station, unknown notice, expired and cancelled notices', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  for (const req of [body.verify, (w: typeof c, fc: string, nn: string) => body.activate(w, { fc, nn, amount: '50.00', v2: true })]) {
    assert.equal(
      assertFault(await call(sim, req(c, UNKNOWN_CF, N.single)), 'PPT_DOMINIO_SCONOSCIUTO').faultString,
      'IdentificativoDominio sconosciuto',
    );
    assertFault(await call(sim, req(c, UNREACHABLE_CF, N.unreachable)), 'PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE');
    const unknown = assertFault(await call(sim, req(c, CF, N.unknown)), 'PPT_ERRORE_EMESSO_DA_PAA', 'PAA_PAGAMENTO_SCONOSCIUTO');
    assert.equal(unknown.id, CF, 'a creditor error carries the creditor as id');
    assert.match(unknown.description ?? '', /PAA_PAGAMENTO_SCONOSCIUTO/);
    assert.equal(unknown.originalFaultString, 'Pagamento in attesa risulta sconosciuto all’Ente Creditore');
    const expired = assertFault(await call(sim, req(c, CF, N.expired)), 'PPT_ERRORE_EMESSO_DA_PAA', 'PAA_PAGAMENTO_SCADUTO');
    assert.match(expired.description ?? '', /PAA_PAGAMENTO_SCADUTO/);
    assert.ok(expired.originalDescription);
    assertFault(await call(sim, req(c, CF, N.cancelled)), 'PPT_ERRORE_EMESSO_DA_PAA', 'PAA_PAGAMENTO_ANNULLATO');
  }
});

test('a paid notice answers PPT_PAGAMENTO_DUPLICATO to verify, verificaBollettino and activate', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  assertFault(await call(sim, body.verify(c, CF, N.paid)), 'PPT_PAGAMENTO_DUPLICATO');
  assertFault(await call(sim, body.activate(c, { fc: CF, nn: N.paid, amount: '310.00' })), 'PPT_PAGAMENTO_DUPLICATO');
  // the postal notice, once paid
  const a = await call(sim, body.activate(c, { fc: CF, nn: N.postal, amount: '73.80' }));
  assertOk(await call(sim, body.outcome(c, { token: a.res.paymentToken, outcome: 'OK', details: {} })));
  assertFault(await call(sim, body.verificaBollettino(c, CCP, N.postal)), 'PPT_PAGAMENTO_DUPLICATO');
});

test('while a session is open, verify and a second activation get PPT_PAGAMENTO_IN_CORSO', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  assertOk(await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', key: newKey() })));
  assertFault(await call(sim, body.verify(c, CF, N.single)), 'PPT_PAGAMENTO_IN_CORSO');
  assertFault(await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', key: newKey() })), 'PPT_PAGAMENTO_IN_CORSO');
  assertFault(await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', v2: true })), 'PPT_PAGAMENTO_IN_CORSO');
  assertOk(await call(sim, body.activate(c, { fc: CF, nn: N.postal, amount: '73.80' })));
  assertFault(await call(sim, body.verificaBollettino(c, CCP, N.postal)), 'PPT_PAGAMENTO_IN_CORSO');
});

test('activate: v1 on a stamp notice, a wrong amount, expirationTime above the default', async (t) => {
  // An e-commerce channel: a counter may not activate a stamp notice at all (see conformance/).
  const sim = await startSim(t, { tokenMs: 7000, credentials: { ecommerce: true } });
  const c = sim.credentials;
  const v1 = assertFault(await call(sim, body.activate(c, { fc: CF, nn: N.bollo, amount: '16.52' })), 'PPT_SEMANTICA');
  assert.match(v1.description ?? '', /activatePaymentNoticeV2/);

  const wrong = assertFault(
    await call(sim, body.activate(c, { fc: CF, nn: N.changed, amount: '100.00', v2: true })),
    'PPT_ERRORE_EMESSO_DA_PAA',
    'PAA_ATTIVA_RPT_IMPORTO_NON_VALIDO',
  );
  assert.match(wrong.originalDescription ?? '', /100\.00.*112\.50/);

  const long = assertFault(
    await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', expirationTime: 900000 })),
    'PPT_AUTORIZZAZIONE',
  );
  assert.equal(long.description, 'expirationTime deve essere <= 7000');
  assertFault(await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', expirationTime: -5 })), 'PPT_SEMANTICA');
  assert.equal(sim.position(CF, N.single)?.state, 'payable', 'refused activations open nothing');
  assertOk(await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', expirationTime: 7000 })));
});

test('outcome: unknown token, a token of another channel, details missing on OK, several tokens in one V2 call', async (t) => {
  const other = { idPSP: 'OTHERPSP', idBrokerPSP: '98765432109', idChannel: '98765432109_01', password: 'otherpass1' };
  const sim = await startSim(t, { extraPsps: [other] });
  const c = sim.credentials;
  assertFault(await call(sim, body.outcome(c, { token: 'f'.repeat(32), outcome: 'OK', details: {} })), 'PPT_TOKEN_SCONOSCIUTO');
  assertFault(await call(sim, body.outcomeV2(c, { tokens: ['f'.repeat(32)], outcome: 'KO' })), 'PPT_TOKEN_SCONOSCIUTO');

  const a = await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00' }));
  const b = await call(sim, body.activate(c, { fc: CF, nn: N.canteen, amount: '45.50', v2: true }));
  assertFault(await call(sim, body.outcome(other, { token: a.res.paymentToken, outcome: 'OK', details: {} })), 'PPT_TOKEN_SCONOSCIUTO');

  const noDetails = assertFault(await call(sim, body.outcome(c, { token: a.res.paymentToken, outcome: 'OK' })), 'PPT_SEMANTICA');
  assert.match(noDetails.description ?? '', /details/);

  const multi = assertFault(
    await call(sim, body.outcomeV2(c, { tokens: [a.res.paymentToken, b.res.paymentToken], outcome: 'OK', details: {} })),
    'PPT_SEMANTICA',
  );
  assert.equal(multi.description, 'Outcome non accettabile per token multipli attivati presso il PSP');
  assert.equal(sim.position(CF, N.single)?.state, 'in-progress', 'a refused outcome changes nothing');
  assert.equal(sim.position(CF, N.canteen)?.state, 'in-progress');
  // every outcome received is on record, with the answer it got
  assert.deepEqual(
    sim.position(CF, N.single)?.sessions[0]?.received.map((r) => r.answer),
    ['PPT_SEMANTICA', 'PPT_SEMANTICA'],
  );
});

test('verificaBollettino with an account nobody owns: PPT_SEMANTICA "Codifica non riconosciuta"', async (t) => {
  const sim = await startSim(t);
  const f = assertFault(await call(sim, body.verificaBollettino(sim.credentials, '000000000001', N.postal)), 'PPT_SEMANTICA');
  assert.equal(f.description, 'Codifica non riconosciuta');
  assertFault(
    await call(sim, body.verificaBollettino(sim.credentials, CCP, N.unknown)),
    'PPT_ERRORE_EMESSO_DA_PAA',
    'PAA_PAGAMENTO_SCONOSCIUTO',
  );
});

test('spontaneous payments: unknown service, data that is not XML or not valid for the service, unknown domain in the catalogue', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  assertFault(await call(sim, body.demand(c, '99999', '<x/>')), 'PPT_SERVIZIO_SCONOSCIUTO');
  assertFault(await call(sim, body.demand(c, '00101', 'not xml <')), 'PPT_ERRORE_EMESSO_DA_PAA', 'PAA_SINTASSI_EXTRAXSD');
  const invalid = assertFault(await call(sim, body.demand(c, '00101', '<pagamentoCIE/>')), 'PPT_ERRORE_EMESSO_DA_PAA', 'PAA_SINTASSI_XSD');
  assert.match(invalid.originalDescription ?? '', /pagamentoCIE/);
  assertFault(await call(sim, body.catalogue(c, { dominio: UNKNOWN_CF })), 'PPT_DOMINIO_SCONOSCIUTO');
  assertFault(await call(sim, body.catalogue(c, { categoria: 'Nessuna' })), 'PPT_SEMANTICA');
  assert.equal(sim.positions().filter((p) => p.origin === 'demand').length, 0);
});
