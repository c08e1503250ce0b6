// Happy paths of every primitive over real HTTP, each answer validated against the official XSD.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { xsdValidator } from '../../../sim/xsd';
import { CATALOGUE_XSD } from '../../../sim/catalogue';
import { assertOk, body, call, newKey, type Parsed } from './soap-client';
import { CCP, CF, N, STANDIN_CF, startSim } from './fixtures';

test('verifyPaymentNotice returns the current amount, the creditor and standin=false', async (t) => {
  const sim = await startSim(t);
  const a = await call(sim, body.verify(sim.credentials, CF, N.single));
  assertOk(a);
  assert.equal(a.element, 'verifyPaymentNoticeRes');
  const option = a.res.paymentList.paymentOptionDescription[0];
  assert.equal(option.amount, '120.00');
  assert.equal(option.options, 'EQ');
  assert.equal(a.res.fiscalCodePA, CF);
  assert.equal(a.res.companyName, 'Comune di Borgo Esempio');
  assert.equal(a.res.standin, 'false');
  assert.equal(sim.position(CF, N.single)?.state, 'payable', 'verify has no side effects');
});

test('a notice whose amount changed since printing: verify and activate use the current amount', async (t) => {
  const sim = await startSim(t);
  const printed = sim.position(CF, N.changed);
  assert.ok(printed);
  assert.match(printed.qrText, /\|10000$/);
  const v = await call(sim, body.verify(sim.credentials, CF, N.changed));
  assert.equal(v.res.paymentList.paymentOptionDescription[0].amount, '112.50');
  const a = await call(sim, body.activate(sim.credentials, { fc: CF, nn: N.changed, amount: '112.50', key: newKey() }));
  assertOk(a);
  assert.equal(a.res.totalAmount, '112.50');
});

test('activatePaymentNotice (v1) opens a session: 32-hex token, IBAN transfers, IUV, total', async (t) => {
  const sim = await startSim(t);
  const a = await call(sim, body.activate(sim.credentials, { fc: CF, nn: N.multi3, amount: '99.00', key: newKey() }));
  assertOk(a);
  assert.equal(a.element, 'activatePaymentNoticeRes');
  assert.match(a.res.paymentToken, /^[0-9a-f]{32}$/);
  assert.equal(a.res.totalAmount, '99.00');
  assert.equal(a.res.creditorReferenceId, N.multi3.slice(1));
  const transfers = a.res.transferList.transfer as Array<Record<string, string>>;
  assert.deepEqual(
    transfers.map((x) => [x.idTransfer, x.transferAmount, x.fiscalCodePA]),
    [
      ['1', '80.00', CF],
      ['2', '4.00', '55555555555'],
      ['3', '15.00', '66666666666'],
    ],
  );
  assert.ok(transfers.every((x) => /^IT\d{2}/.test(x.IBAN as string)));
  const p = sim.position(CF, N.multi3);
  assert.equal(p?.state, 'in-progress');
  assert.equal(p?.sessions[0]?.paymentToken, a.res.paymentToken);
  assert.equal(p?.sessions[0]?.status, 'open');
});

test('activatePaymentNoticeV2 with five transfers carries companyName, transferCategory and metadata', async (t) => {
  const sim = await startSim(t);
  const a = await call(sim, body.activate(sim.credentials, { fc: CF, nn: N.multi5, amount: '61.00', key: newKey(), v2: true }));
  assertOk(a);
  assert.equal(a.element, 'activatePaymentNoticeV2Response');
  const transfers = a.res.transferList.transfer as Parsed[];
  assert.equal(transfers.length, 5);
  assert.equal(transfers[0]?.metadata.mapEntry[0].key, 'verbale');
  assert.equal(transfers[4]?.companyName, 'Ministero Esempio');
  assert.equal(a.res.metadata.mapEntry[0].value, 'sanzione');
  assert.equal(a.res.allCCP, 'false');
  const sum = transfers.reduce((s, x) => s + Math.round(Number(x.transferAmount) * 100), 0);
  assert.equal(sum, 6100);
});

test('activatePaymentNoticeV2 on a notice with a digital revenue stamp answers richiestaMarcaDaBollo instead of an IBAN', async (t) => {
  const sim = await startSim(t, { credentials: { ecommerce: true } });
  const a = await call(sim, body.activate(sim.credentials, { fc: CF, nn: N.bollo, amount: '16.52', key: newKey(), v2: true }));
  assertOk(a);
  const [fee, stamp] = a.res.transferList.transfer as Parsed[];
  assert.ok(fee?.IBAN);
  assert.equal(stamp?.IBAN, undefined);
  assert.equal(stamp?.richiestaMarcaDaBollo.tipoBollo, '01');
  assert.equal(stamp?.richiestaMarcaDaBollo.provinciaResidenza, 'RM');
});

test('sendPaymentOutcome OK closes the position; KO on another session reopens it', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const first = await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', key: newKey() }));
  const ko = await call(sim, body.outcome(c, { token: first.res.paymentToken, outcome: 'KO', key: newKey() }));
  assertOk(ko);
  assert.equal(ko.element, 'sendPaymentOutcomeRes');
  assert.equal(sim.position(CF, N.single)?.state, 'payable');

  const second = await call(sim, body.activate(c, { fc: CF, nn: N.single, amount: '120.00', key: newKey() }));
  assertOk(second);
  const ok = await call(sim, body.outcome(c, { token: second.res.paymentToken, outcome: 'OK', key: newKey(), details: { fee: '1.50' } }));
  assertOk(ok);
  const p = sim.position(CF, N.single);
  assert.equal(p?.state, 'paid');
  assert.deepEqual(p?.paid && { token: p.paid.paymentToken, late: p.paid.late }, { token: second.res.paymentToken, late: false });
  assert.deepEqual(
    p?.sessions.map((s) => s.status),
    ['closed-ko', 'closed-ok'],
  );
  assert.equal(p?.sessions[1]?.acquired?.feeCents, 150);
});

test('sendPaymentOutcomeV2 with one token closes the position', async (t) => {
  const sim = await startSim(t, { credentials: { ecommerce: true } });
  const c = sim.credentials;
  const a = await call(sim, body.activate(c, { fc: CF, nn: N.bollo, amount: '16.52', key: newKey(), v2: true }));
  const token = a.res.paymentToken as string;
  const stamp = Number((a.res.transferList.transfer as Parsed[]).find((x) => x.richiestaMarcaDaBollo)?.idTransfer);
  const o = await call(
    sim,
    body.outcomeV2(c, { tokens: [token], outcome: 'OK', key: newKey(), details: { stamps: [{ token, idTransfer: stamp }] } }),
  );
  assertOk(o);
  assert.equal(o.element, 'sendPaymentOutcomeV2Response');
  assert.equal(sim.position(CF, N.bollo)?.state, 'paid');
});

test('verificaBollettino finds the notice by postal account and reports allCCP', async (t) => {
  const sim = await startSim(t);
  const a = await call(sim, body.verificaBollettino(sim.credentials, CCP, N.postal));
  assertOk(a);
  assert.equal(a.element, 'verificaBollettinoRes');
  const option = a.res.paymentBollettinoList.paymentOptionDescription[0];
  assert.equal(option.amount, '73.80');
  assert.equal(option.allCCP, 'true');
  assert.equal(a.res.noticeNumber, N.postal);
  assert.equal(a.res.standin, 'false');
});

test('a Stand-In notice says standin=true in verify and activate', async (t) => {
  const sim = await startSim(t);
  const v = await call(sim, body.verify(sim.credentials, STANDIN_CF, N.standin));
  assert.equal(v.res.standin, 'true');
  const a = await call(sim, body.activate(sim.credentials, { fc: STANDIN_CF, nn: N.standin, amount: '36.15', v2: true }));
  assertOk(a);
  assert.equal(a.res.standin, 'true');
});

test('a notice whose check digit is wrong is still payable: the node does not check it', async (t) => {
  const sim = await startSim(t);
  assertOk(await call(sim, body.verify(sim.credentials, CF, N.badCheckDigit)));
});

test('nodoChiediCatalogoServiziV2 returns a base64 catalogue valid against CatalogoServizi_2_0_0.xsd, filterable', async (t) => {
  const sim = await startSim(t);
  const all = await call(sim, body.catalogue(sim.credentials));
  assertOk(all);
  const xml = Buffer.from(all.res.xmlCatalogoServizi, 'base64').toString('utf8');
  const verdict = await (await xsdValidator(CATALOGUE_XSD)).validate(xml);
  assert.deepEqual(verdict, { valid: true, errors: [] });
  const parsed = new XMLParser({ removeNSPrefix: true, isArray: (n) => n === 'catalogoServizi' || n === 'soggettoErogante' }).parse(xml);
  assert.deepEqual(
    parsed.listaCatalogoServizi.catalogoServizi.map((s: { idServizio: number | string }) => String(s.idServizio).padStart(5, '0')),
    ['00001', '00002', '00003', '00004', '00005'],
    'every seeded service, the expired provider included: the terminal filters by date',
  );

  const tributes = await call(sim, body.catalogue(sim.credentials, { categoria: 'Tributi', commissione: 'Y' }));
  const only = new XMLParser({ removeNSPrefix: true, isArray: (n) => n === 'catalogoServizi' }).parse(
    Buffer.from(tributes.res.xmlCatalogoServizi, 'base64').toString('utf8'),
  );
  assert.deepEqual(
    only.listaCatalogoServizi.catalogoServizi.map((s: { idServizio: number | string }) => String(s.idServizio).padStart(5, '0')),
    ['00002'],
  );
});

const CIE_DATA =
  '<ta:pagamentoCIE xmlns:ta="http://PuntoAccessoPSP.spcoop.gov.it/pagamentoCIE"><ta:codiceCausale>9</ta:codiceCausale>' +
  '<ta:codiceFiscaleComune>77777777777</ta:codiceFiscaleComune><ta:intestatario><ta:codiceFiscaleIntestatario>RSSMRA80A01H501U</ta:codiceFiscaleIntestatario>' +
  '<ta:denominazioneIntestatario>Mario Rossi</ta:denominazioneIntestatario></ta:intestatario></ta:pagamentoCIE>';

test('demandPaymentNotice creates a payable position and returns its qrCode and amount', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const d = await call(sim, body.demand(c, '00101', CIE_DATA));
  assertOk(d);
  assert.equal(d.element, 'demandPaymentNoticeResponse');
  const nn = d.res.qrCode.noticeNumber as string;
  assert.match(nn, /^302\d{15}$/);
  assert.equal(d.res.qrCode.fiscalCode, CF);
  assert.equal(d.res.paymentList.paymentOptionDescription[0].amount, '22.21');
  const created = sim.position(CF, nn);
  assert.equal(created?.origin, 'demand');
  assert.equal(created?.demand?.datiSpecificiServizio, CIE_DATA);

  // The new notice goes through the normal flow.
  const a = await call(sim, body.activate(c, { fc: CF, nn, amount: '22.21', key: newKey(), v2: true }));
  assertOk(a);
  assertOk(await call(sim, body.outcomeV2(c, { tokens: [a.res.paymentToken], outcome: 'OK', details: {} })));
  assert.equal(sim.position(CF, nn)?.state, 'paid');

  const again = await call(sim, body.demand(c, '00101', CIE_DATA));
  assert.notEqual(again.res.qrCode.noticeNumber, nn, 'each demand creates its own notice');
});
