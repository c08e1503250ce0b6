// Spontaneous payments over real HTTP (issue 15): every seeded service in the catalogue, a demand for
// each whose amount follows the provider's rule, faults that name the element, and services added
// through the admin API. Every answer is checked against the official XSD by the soap-client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { xsdValidator } from '../../../sim/xsd';
import { CATALOGUE_XSD } from '../../../sim/catalogue';
import { carTaxCents } from '../../../sim/services/car-tax';
import { centsToAmount } from '../../../kernel/money';
import { adminJson, assertFault, assertOk, body, call, newKey, type SoapAnswer } from './soap-client';
import { startSim } from './fixtures';
import type { Simulator } from '../../../sim/simulator';

const HOLDER = (ns: string) =>
  `<ta:intestatario><ta:codiceFiscaleIntestatario>RSSMRA80A01H501U</ta:codiceFiscaleIntestatario>` +
  `<ta:denominazioneIntestatario>Mario Rossi</ta:denominazioneIntestatario></ta:intestatario>`.replace(/ta:/g, `${ns}:`);
const PAYER =
  '<ta:pagatore><ta:codiceFiscalePagatore>RSSMRA80A01H501U</ta:codiceFiscalePagatore><ta:denominazionePagatore>Mario Rossi</ta:denominazionePagatore></ta:pagatore>';

const DATA = {
  cie:
    '<ta:pagamentoCIE xmlns:ta="http://PuntoAccessoPSP.spcoop.gov.it/pagamentoCIE"><ta:codiceCausale>9</ta:codiceCausale>' +
    `<ta:codiceFiscaleComune>77777777777</ta:codiceFiscaleComune>${HOLDER('ta')}</ta:pagamentoCIE>`,
  passport:
    '<ta:pagamentoPratica xmlns:ta="http://PuntoAccessoPSP.spcoop.gov.it/pagamentoPratica"><ta:codicePratica>A001</ta:codicePratica>' +
    `${PAYER}${HOLDER('ta')}</ta:pagamentoPratica>`,
  fishing:
    '<ta:praticaPagamentoCanoni xmlns:ta="http://PuntoAccessoPSP.spcoop.gov.it/praticaPagamentoCanoni"><ta:codicePratica>D847</ta:codicePratica>' +
    `${PAYER}${HOLDER('ta')}</ta:praticaPagamentoCanoni>`,
  carTax: (cls: string, plate: string) =>
    '<ta:tassaAuto xmlns:ta="http://PuntoAccessoPSP.spcoop.gov.it/TassaAuto"><ta:veicoloConTarga>' +
    `<ta:tipoVeicoloTarga>${cls}</ta:tipoVeicoloTarga><ta:veicoloTarga>${plate}</ta:veicoloTarga></ta:veicoloConTarga></ta:tassaAuto>`,
  cup: (amount: string) =>
    '<cup:pagamentoCup xmlns:cup="http://PuntoAccessoPSP.spcoop.gov.it/Cup"><cup:organizationFiscalCode>33333333333</cup:organizationFiscalCode>' +
    '<cup:companyName>Azienda Sanitaria Esempio</cup:companyName><cup:debtorFiscalCode>RSSMRA80A01H501U</cup:debtorFiscalCode>' +
    `<cup:debtorFullName>Mario Rossi</cup:debtorFullName><cup:amount>${amount}</cup:amount></cup:pagamentoCup>`,
};

const parser = new XMLParser({
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (n) => n === 'catalogoServizi' || n === 'soggettoErogante',
});

async function catalogue(sim: Simulator): Promise<
  {
    idServizio: string;
    xsdRiferimento: string;
    elencoSoggettiEroganti: { soggettoErogante: { idSoggettoServizio: string; dataFineValidita?: string }[] };
  }[]
> {
  const a = await call(sim, body.catalogue(sim.credentials));
  assertOk(a);
  const xml = Buffer.from(a.res.xmlCatalogoServizi, 'base64').toString('utf8');
  assert.deepEqual(await (await xsdValidator(CATALOGUE_XSD)).validate(xml), { valid: true, errors: [] });
  return parser.parse(xml).listaCatalogoServizi.catalogoServizi;
}

/** demand → the new notice verified: its amount, and the position the simulator holds. */
async function demandAndVerify(sim: Simulator, idSoggettoServizio: string, data: string) {
  const d = await call(sim, body.demand(sim.credentials, idSoggettoServizio, data));
  assertOk(d);
  const { fiscalCode, noticeNumber } = d.res.qrCode as { fiscalCode: string; noticeNumber: string };
  const v = await call(sim, body.verify(sim.credentials, fiscalCode, noticeNumber));
  assertOk(v);
  const amount = v.res.paymentList.paymentOptionDescription[0].amount as string;
  assert.equal(d.res.paymentList.paymentOptionDescription[0].amount, amount, 'demand and verify agree');
  return { fiscalCode, noticeNumber, amount, position: sim.position(fiscalCode, noticeNumber) };
}

test('the catalogue lists every seeded service, one per official schema, valid against CatalogoServizi_2_0_0.xsd', async (t) => {
  const sim = await startSim(t);
  const services = await catalogue(sim);
  assert.deepEqual(services.map((s) => s.xsdRiferimento).sort(), [
    'A001_Passaporto_1_0_0.xsd',
    'Cie_1_0_0.xsd',
    'Cup_1_0_0.xsd',
    'D847_Pesca_1_0_0.xsd',
    'TassaAutomobilistica_1_1_0.xsd',
  ]);
  const providers = services.flatMap((s) => s.elencoSoggettiEroganti.soggettoErogante);
  assert.deepEqual(
    providers.map((p) => p.idSoggettoServizio).sort(),
    sim
      .services()
      .flatMap((s) => s.providers.map((p) => p.idSoggettoServizio))
      .sort(),
  );
  // The node lists a provider past its dataFineValidita too: not offering it is the terminal's job.
  assert.ok(providers.some((p) => p.dataFineValidita !== undefined && p.dataFineValidita < new Date().toISOString().slice(0, 10)));
});

test('demand for each of the five services: a payable notice whose verified amount follows the provider', async (t) => {
  const sim = await startSim(t);
  const cases: Array<[string, string, string]> = [
    ['00101', DATA.cie, '22.21'],
    ['00401', DATA.passport, '116.00'],
    ['00201', DATA.fishing, '23.00'],
    ['00301', DATA.carTax('1', 'AB123CD'), centsToAmount(carTaxCents('1', 'AB123CD'))],
    ['00501', DATA.cup('36.15'), '36.15'],
  ];
  for (const [id, data, amount] of cases) {
    const r = await demandAndVerify(sim, id, data);
    assert.equal(r.amount, amount, id);
    assert.equal(r.position?.state, 'payable');
    assert.equal(r.position?.demand?.idSoggettoServizio, id);
  }
  assert.equal(centsToAmount(carTaxCents('1', 'AB123CD')), '210.92', 'the README example');
});

test('car tax: the amount is carTaxCents for the class and plate, paid to the region of the provider chosen', async (t) => {
  const sim = await startSim(t);
  const car = await demandAndVerify(sim, '00301', DATA.carTax('1', 'EF456GH'));
  const moto = await demandAndVerify(sim, '00302', DATA.carTax('4', 'EF456GH'));
  assert.equal(car.amount, centsToAmount(carTaxCents('1', 'EF456GH')));
  assert.equal(moto.amount, centsToAmount(carTaxCents('4', 'EF456GH')));
  assert.notEqual(car.amount, moto.amount);
  assert.equal(car.fiscalCode, '66666666666');
  assert.equal(moto.fiscalCode, '88888888888');

  const a = await call(
    sim,
    body.activate(sim.credentials, { fc: moto.fiscalCode, nn: moto.noticeNumber, amount: moto.amount, key: newKey(), v2: true }),
  );
  assertOk(a);
  assert.equal(a.res.totalAmount, moto.amount);
  const [transfer] = a.res.transferList.transfer as { fiscalCodePA: string; IBAN: string; transferAmount: string }[];
  assert.equal(transfer?.fiscalCodePA, '88888888888');
  assert.equal(transfer?.IBAN, 'IT83D0760103200001234567890');
  assert.equal(transfer?.transferAmount, moto.amount);
});

test('car tax already paid this year for that vehicle: the creditor refuses a second one (PAA_PAGAMENTO_DUPLICATO)', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const first = await demandAndVerify(sim, '00301', DATA.carTax('1', 'GH789JK'));
  // Unpaid, it does not count: a second notice may be asked for.
  await demandAndVerify(sim, '00301', DATA.carTax('1', 'GH789JK'));
  const a = await call(
    sim,
    body.activate(c, { fc: first.fiscalCode, nn: first.noticeNumber, amount: first.amount, key: newKey(), v2: true }),
  );
  assertOk(a);
  assertOk(await call(sim, body.outcomeV2(c, { tokens: [a.res.paymentToken], outcome: 'OK', details: {} })));
  const again = assertFault(
    await call(sim, body.demand(c, '00301', DATA.carTax('1', 'gh789jk'))),
    'PPT_ERRORE_EMESSO_DA_PAA',
    'PAA_PAGAMENTO_DUPLICATO',
  );
  assert.match(again.originalDescription ?? '', /^element 'veicoloTarga': /);
  // Another class, another region: still payable.
  await demandAndVerify(sim, '00302', DATA.carTax('1', 'GH789JK'));
  await demandAndVerify(sim, '00301', DATA.carTax('4', 'GH789JK'));
});

test('TF_DPNR_23: data invalid for the service schema is the creditor fault PAA_SINTASSI_XSD, wrapped, naming the element', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const cases: Array<[string, string, string]> = [
    ['00301', DATA.carTax('1', 'AB1'), 'veicoloTarga'],
    ['00301', DATA.carTax('3', 'AB123CD'), 'tipoVeicoloTarga'],
    ['00301', DATA.carTax('1', 'AB123CD').replace(/<ta:veicoloTarga>.*<\/ta:veicoloTarga>/, ''), 'veicoloTarga'],
    ['00501', DATA.cup('12.5'), 'amount'],
    ['00101', DATA.cie.replace('RSSMRA80A01H501U', 'rssmra80a01h501u'), 'codiceFiscaleIntestatario'],
  ];
  for (const [id, data, element] of cases) {
    const f = assertFault(await call(sim, body.demand(c, id, data)), 'PPT_ERRORE_EMESSO_DA_PAA', 'PAA_SINTASSI_XSD');
    const creditor = sim
      .services()
      .flatMap((s) => s.providers)
      .find((p) => p.idSoggettoServizio === id)?.idDominio;
    assert.equal(f.id, creditor, 'the fault is the creditor’s');
    assert.match(f.originalDescription ?? '', new RegExp(`: element '${element}': `), `${id}: ${f.originalDescription}`);
    assert.ok(f.description?.includes(`faultCode=PAA_SINTASSI_XSD`));
    assert.ok(f.description?.includes(`element '${element}'`));
  }
  assert.equal(sim.positions().filter((p) => p.origin === 'demand').length, 0, 'nothing created');
});

test('CUP: a zero amount is refused by the creditor as PAA_SEMANTICA naming the element', async (t) => {
  const sim = await startSim(t);
  const f = assertFault(
    await call(sim, body.demand(sim.credentials, '00501', DATA.cup('0.00'))),
    'PPT_ERRORE_EMESSO_DA_PAA',
    'PAA_SEMANTICA',
  );
  assert.match(f.originalDescription ?? '', /element 'amount': /);
});

test('SEM_DPNR_10 and a station down: unknown service PPT_SERVIZIO_SCONOSCIUTO, unreachable creditor the node’s own fault', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  assertFault(await call(sim, body.demand(c, '09999', DATA.cie)), 'PPT_SERVIZIO_SCONOSCIUTO');
  sim.setStation('88888888888', { station: 'unreachable' });
  const down: SoapAnswer = await call(sim, body.demand(c, '00302', DATA.carTax('1', 'AB123CD')));
  const f = assertFault(down, 'PPT_STAZIONE_INT_PA_IRRAGGIUNGIBILE');
  assert.equal(f.originalFaultCode, undefined);
  // The other region is unaffected.
  await demandAndVerify(sim, '00301', DATA.carTax('1', 'AB123CD'));
});

const ADDED = {
  idServizio: '00006',
  descrizioneServizio: 'Tassa automobilistica (Comune di prova)',
  categoria: 'Tributi',
  xsdRiferimento: 'TassaAutomobilistica_1_1_0.xsd',
  providers: [
    {
      idSoggettoServizio: '00601',
      idDominio: '77777777777',
      denominazioneEnteCreditore: 'Comune di Borgo Esempio',
      dataInizioValidita: '2025-01-01',
      paymentDescription: 'Tassa automobilistica',
      amount: { rule: 'car-tax', iban: 'IT60X0542811101000000123456', remittanceInformation: 'Bollo auto' },
      transfers: [{ amountCents: 150, fiscalCodePA: '22222222222', iban: 'IT07Z0100003245348000012345', remittanceInformation: 'Diritti' }],
    },
  ],
};

test('POST /admin/services adds a service that the catalogue lists and a demand can use; GET lists it', async (t) => {
  const sim = await startSim(t);
  const created = await adminJson(sim, 'POST', '/services', ADDED);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.idServizio, '00006');
  const listed = await adminJson(sim, 'GET', '/services');
  assert.equal(listed.status, 200);
  assert.ok((listed.body.services as { idServizio: string }[]).some((s) => s.idServizio === '00006'));
  assert.ok((await catalogue(sim)).some((s) => s.idServizio === '00006'));

  const r = await demandAndVerify(sim, '00601', DATA.carTax('2', 'XY987ZW'));
  assert.equal(r.amount, centsToAmount(carTaxCents('2', 'XY987ZW') + 150), 'the rule’s amount plus the fixed transfer');
  assert.deepEqual(
    r.position?.transfers.map((x) => [x.idTransfer, x.fiscalCodePA, x.amountCents]),
    [
      [1, '77777777777', carTaxCents('2', 'XY987ZW')],
      [2, '22222222222', 150],
    ],
  );
});

test('POST /admin/services refuses what the seed would: 400 naming the problem, 409 for an existing id', async (t) => {
  const sim = await startSim(t);
  const p = ADDED.providers[0] as (typeof ADDED.providers)[number];
  const refused: Array<[unknown, number, RegExp]> = [
    [{ ...ADDED, providers: [{ ...p, idDominio: '12121212121' }] }, 400, /creditor 12121212121 unknown/],
    [{ ...ADDED, xsdRiferimento: 'Cie_1_0_0.xsd' }, 400, /car-tax rule needs a TassaAutomobilistica schema/],
    [{ ...ADDED, providers: [{ ...p, surprise: 1 }] }, 400, /surprise/],
    [{ ...ADDED, providers: [{ ...p, idSoggettoServizio: '00301' }] }, 409, /idSoggettoServizio 00301 already exists/],
    [{ ...ADDED, idServizio: '00003' }, 409, /service 00003 already exists/],
    ['{', 400, /not JSON/],
  ];
  for (const [json, status, reason] of refused) {
    const r = await adminJson(sim, 'POST', '/services', json);
    assert.equal(r.status, status, JSON.stringify(r.body));
    assert.match(r.body.error as string, reason);
  }
  assert.equal((await catalogue(sim)).length, 5, 'nothing added');
});
