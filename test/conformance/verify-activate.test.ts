// Official scenarios SEM_VPNR_*, SEM_APNR_*, SEM_VB_*, SEM_DPNR_*, SEM_SPO_01: who may call, and
// whether the node finds the creditor and its station. Own data: the simulator's default seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AMOUNT, CF, N, OTHER, assertFault, assertOk, body, call, newKey, startSim } from './support';
import { CCP, UNKNOWN_CF } from '../integration/sim/fixtures';
import type { Creds } from '../integration/sim/soap-client';

type Build = (c: Creds) => string;

const VERIFY: Build = (c) => body.verify(c, CF, N.single);
const ACTIVATE: Build = (c) => body.activate(c, { fc: CF, nn: N.single, amount: AMOUNT.single, key: newKey() });
const BOLLETTINO: Build = (c) => body.verificaBollettino(c, CCP, N.postal);
const DEMAND: Build = (c) => body.demand(c, '00101', '<x/>');
const OUTCOME: Build = (c) => body.outcome(c, { token: '0123456789abcdef0123456789abcdef', outcome: 'KO' });

/** The node's caller checks, the same on every primitive: [scenario, primitive, change, faultCode, description?]. */
const CALLER_CASES: Array<[string, Build, (c: Creds) => Creds, string, string?]> = [
  ['SEM_VPNR_01', VERIFY, (c) => ({ ...c, idPSP: 'PSPUNKNOWN' }), 'PPT_PSP_SCONOSCIUTO'],
  ['SEM_VPNR_03', VERIFY, (c) => ({ ...c, idBrokerPSP: '00000000000' }), 'PPT_INTERMEDIARIO_PSP_SCONOSCIUTO'],
  ['SEM_VPNR_05', VERIFY, (c) => ({ ...c, idChannel: 'CHANNEL_UNKNOWN' }), 'PPT_CANALE_SCONOSCIUTO'],
  ['SEM_VPNR_08', VERIFY, (c) => ({ ...c, password: 'wrongPassword' }), 'PPT_AUTENTICAZIONE'],
  [
    'SEM_VPNR_12',
    VERIFY,
    (c) => ({ ...c, idBrokerPSP: OTHER.idBrokerPSP }),
    'PPT_AUTORIZZAZIONE',
    'Configurazione intermediario-canale non corretta',
  ],
  ['SEM_APNR_01', ACTIVATE, (c) => ({ ...c, idPSP: 'PSPUNKNOWN' }), 'PPT_PSP_SCONOSCIUTO'],
  ['SEM_APNR_03', ACTIVATE, (c) => ({ ...c, idBrokerPSP: '00000000000' }), 'PPT_INTERMEDIARIO_PSP_SCONOSCIUTO'],
  ['SEM_APNR_05', ACTIVATE, (c) => ({ ...c, idChannel: 'CHANNEL_UNKNOWN' }), 'PPT_CANALE_SCONOSCIUTO'],
  ['SEM_APNR_08', ACTIVATE, (c) => ({ ...c, password: 'wrongPassword' }), 'PPT_AUTENTICAZIONE'],
  [
    'SEM_APNR_11',
    ACTIVATE,
    (c) => ({ ...c, idBrokerPSP: OTHER.idBrokerPSP }),
    'PPT_AUTORIZZAZIONE',
    'Configurazione intermediario-canale non corretta',
  ],
  ['SEM_VB_01', BOLLETTINO, (c) => ({ ...c, idPSP: 'PSPUNKNOWN' }), 'PPT_PSP_SCONOSCIUTO'],
  ['SEM_VB_08', BOLLETTINO, (c) => ({ ...c, password: 'wrongPassword' }), 'PPT_AUTENTICAZIONE'],
  [
    'SEM_VB_12',
    BOLLETTINO,
    (c) => ({ ...c, idBrokerPSP: OTHER.idBrokerPSP }),
    'PPT_AUTORIZZAZIONE',
    'Configurazione intermediario-canale non corretta',
  ],
  ['SEM_DPNR_01', DEMAND, (c) => ({ ...c, idPSP: 'PSPUNKNOWN' }), 'PPT_PSP_SCONOSCIUTO'],
  [
    'SEM_DPNR_09',
    DEMAND,
    (c) => ({ ...c, idBrokerPSP: OTHER.idBrokerPSP }),
    'PPT_AUTORIZZAZIONE',
    'Configurazione intermediario-canale non corretta',
  ],
  ['SEM_SPO_01', OUTCOME, (c) => ({ ...c, idPSP: 'PSPUNKNOWN' }), 'PPT_PSP_SCONOSCIUTO'],
];

for (const [id, build, change, faultCode, description] of CALLER_CASES) {
  test(`${id}: ${faultCode}${description ? ` "${description}"` : ''}`, async (t) => {
    const sim = await startSim(t, { extraPsps: [OTHER] });
    const f = assertFault(await call(sim, build(change(sim.credentials))), faultCode);
    assert.equal(f.id, 'NodoDeiPagamentiSPC');
    if (description !== undefined) assert.equal(f.description, description);
  });
}

test('SEM_VPNR_09 / SEM_APNR_09: an unknown creditor is PPT_DOMINIO_SCONOSCIUTO', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  assertFault(await call(sim, body.verify(c, UNKNOWN_CF, N.single)), 'PPT_DOMINIO_SCONOSCIUTO');
  assertFault(await call(sim, body.activate(c, { fc: UNKNOWN_CF, nn: N.single, amount: AMOUNT.single })), 'PPT_DOMINIO_SCONOSCIUTO');
});

// aux digit 5 does not exist; aux 0 with an application code and aux 3 with a segregation code
// no station of the creditor has.
const NO_STATION = ['512345678901234567', '011456789012345678', '316456789012345678'];

test('SEM_VPNR_11: a notice number no station of the creditor serves is PPT_STAZIONE_INT_PA_SCONOSCIUTA (wrong notice data)', async (t) => {
  const sim = await startSim(t);
  for (const nn of NO_STATION) {
    const f = assertFault(await call(sim, body.verify(sim.credentials, CF, nn)), 'PPT_STAZIONE_INT_PA_SCONOSCIUTA');
    assert.equal(f.faultString, 'IdentificativoStazioneRichiedente sconosciuto');
  }
  // a station that exists but does not know the notice: the creditor's own answer
  assertFault(await call(sim, body.verify(sim.credentials, CF, N.unknown)), 'PPT_ERRORE_EMESSO_DA_PAA', 'PAA_PAGAMENTO_SCONOSCIUTO');
});

test('SEM_APNR_12: activating such a notice number is PPT_STAZIONE_INT_PA_SCONOSCIUTA as well', async (t) => {
  const sim = await startSim(t);
  for (const nn of NO_STATION) {
    assertFault(
      await call(sim, body.activate(sim.credentials, { fc: CF, nn, amount: '10.00', key: newKey() })),
      'PPT_STAZIONE_INT_PA_SCONOSCIUTA',
    );
  }
});

test('SEM_VB_14: verificaBollettino on a notice number no station serves is PPT_STAZIONE_INT_PA_SCONOSCIUTA', async (t) => {
  const sim = await startSim(t);
  assertFault(await call(sim, body.verificaBollettino(sim.credentials, CCP, '316456789012345678')), 'PPT_STAZIONE_INT_PA_SCONOSCIUTA');
});

test('SEM_VB_09: a postal account no creditor owns is PPT_SEMANTICA "Codifica non riconosciuta"', async (t) => {
  const sim = await startSim(t);
  const f = assertFault(await call(sim, body.verificaBollettino(sim.credentials, '999999999999', N.postal)), 'PPT_SEMANTICA');
  assert.equal(f.description, 'Codifica non riconosciuta');
});

test('SEM_VPNR_14: a creditor station the node cannot reach is PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE', async (t) => {
  const sim = await startSim(t);
  sim.setStation(CF, { station: 'unreachable' });
  assertFault(await call(sim, body.verify(sim.credentials, CF, N.single)), 'PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE');
});

test('SEM_APNR_25: expirationTime above the node default is PPT_AUTORIZZAZIONE "expirationTime deve essere <= N", not clamped', async (t) => {
  const sim = await startSim(t, { tokenMs: 7000 });
  const f = assertFault(
    await call(sim, body.activate(sim.credentials, { fc: CF, nn: N.single, amount: AMOUNT.single, expirationTime: 900000 })),
    'PPT_AUTORIZZAZIONE',
  );
  assert.equal(f.description, 'expirationTime deve essere <= 7000');
  assert.equal(sim.position(CF, N.single)?.sessions.length, 0);
});

test('SEM_DPNR_10: an unknown idSoggettoServizio is PPT_SERVIZIO_SCONOSCIUTO', async (t) => {
  const sim = await startSim(t);
  assertFault(await call(sim, body.demand(sim.credentials, '00099', '<x/>')), 'PPT_SERVIZIO_SCONOSCIUTO');
});

test('SEM_SPO_10: an outcome for a token the node never issued is PPT_TOKEN_SCONOSCIUTO "token unknown"', async (t) => {
  const sim = await startSim(t);
  assertOk(await call(sim, body.activate(sim.credentials, { fc: CF, nn: N.single, amount: AMOUNT.single })));
  const f = assertFault(
    await call(sim, body.outcome(sim.credentials, { token: 'ffffffffffffffffffffffffffffffff', outcome: 'OK', details: {} })),
    'PPT_TOKEN_SCONOSCIUTO',
  );
  assert.equal(f.description, 'token unknown');
  assert.equal(f.faultString, 'unknown token');
});
