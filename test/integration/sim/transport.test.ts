// The HTTP and SOAP edge: subscription key, SOAPAction, XSD, envelopes that are not SOAP, size limit, paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { assertFault, assertOk, body, call, envelope, NFP, post, readAnswer, SOAP_ENV, validateEnvelope } from './soap-client';
import { CF, N, startSim } from './fixtures';

test("a missing or wrong Ocp-Apim-Subscription-Key is HTTP 401 with APIM's JSON, before anything else", async (t) => {
  const sim = await startSim(t);
  for (const key of [null, 'not-the-key']) {
    const r = await post(sim, body.verify(sim.credentials, CF, N.single), { key });
    assert.equal(r.status, 401);
    const json = (await r.json()) as { statusCode: number; message: string };
    assert.equal(json.statusCode, 401);
    assert.match(json.message, key === null ? /missing subscription key/ : /invalid subscription key/);
  }
  assert.deepEqual(
    sim.log().map((e) => e.httpStatus),
    [401, 401],
  );
});

test('SOAPAction must name the operation of the body; surrounding quotes are tolerated', async (t) => {
  const sim = await startSim(t);
  const req = body.verify(sim.credentials, CF, N.single);
  assertOk(await call(sim, req, { soapAction: '"verifyPaymentNotice"' }));
  for (const soapAction of ['activatePaymentNotice', 'verifyPaymentNoticeReq', '', null]) {
    const a = await call(sim, req, { soapAction });
    assert.equal(a.element, 'verifyPaymentNoticeRes');
    assert.equal(assertFault(a, 'PPT_SOAPACTION_ERRATA').faultString, 'SOAPAction errata');
  }
});

test("a body the XSD rejects is PPT_SINTASSI_EXTRAXSD with libxml2's message in the description", async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const cases: Array<[string, RegExp]> = [
    [body.activate(c, { fc: CF, nn: N.single, amount: '120' }), /amount/],
    [body.activate(c, { fc: CF, nn: N.single, amount: '120.00', key: '12345678901-0123456789' }), /idempotencyKey/],
    [body.activate(c, { fc: CF, nn: N.single, amount: '120.00', expirationTime: 1800001 }), /expirationTime/],
    [body.verify(c, '7777', N.single), /fiscalCode/],
    [body.verify(c, CF, N.single).replace('<idPSP>', '<nfp:idPSP>').replace('</idPSP>', '</nfp:idPSP>'), /idPSP/],
    [body.outcomeV2(c, { tokens: ['a', 'b', 'c', 'd', 'e', 'f'], outcome: 'KO' }), /paymentToken/],
    [body.verify(c, CF, N.single).replace('<password>', '<extra>1</extra><password>'), /extra/],
  ];
  for (const [req, mentions] of cases) {
    const f = assertFault(await call(sim, req), 'PPT_SINTASSI_EXTRAXSD');
    assert.match(f.description ?? '', mentions);
  }
  assert.equal(sim.position(CF, N.single)?.state, 'payable');
});

test('namespace prefixes are free, but a default namespace that qualifies the children is refused, as the XSD demands', async (t) => {
  const sim = await startSim(t);
  const c = sim.credentials;
  const inner =
    `<idPSP>${c.idPSP}</idPSP><idBrokerPSP>${c.idBrokerPSP}</idBrokerPSP><idChannel>${c.idChannel}</idChannel><password>${c.password}</password>` +
    `<qrCode><fiscalCode>${CF}</fiscalCode><noticeNumber>${N.single}</noticeNumber></qrCode>`;
  const send = async (xml: string) => {
    const r = await fetch(sim.url, {
      method: 'POST',
      headers: { SOAPAction: 'verifyPaymentNotice', 'Ocp-Apim-Subscription-Key': c.subscriptionKey },
      body: xml,
    });
    return readAnswer(r.status, await r.text());
  };
  // prefix declared on the Envelope, a different prefix name, XML declaration and comments
  assertOk(
    await send(
      `<?xml version="1.0" encoding="UTF-8"?><!-- hi --><S:Envelope xmlns:S="${SOAP_ENV}" xmlns:x="${NFP}"><S:Body><x:verifyPaymentNoticeReq>${inner}</x:verifyPaymentNoticeReq></S:Body></S:Envelope>`,
    ),
  );
  // children unqualified by a default namespace undone on them: still valid
  assertOk(
    await send(
      `<S:Envelope xmlns:S="${SOAP_ENV}"><S:Body><v:verifyPaymentNoticeReq xmlns:v="${NFP}" xmlns="">${inner}</v:verifyPaymentNoticeReq></S:Body></S:Envelope>`,
    ),
  );
  // a default namespace on the body element qualifies the children too: the XSD says no
  const leaking = await send(
    `<S:Envelope xmlns:S="${SOAP_ENV}"><S:Body><verifyPaymentNoticeReq xmlns="${NFP}">${inner}</verifyPaymentNoticeReq></S:Body></S:Envelope>`,
  );
  assertFault(leaking, 'PPT_SINTASSI_EXTRAXSD');
  // the Envelope's default namespace inherited by the children is just as wrong
  assertFault(
    await send(
      `<Envelope xmlns="${SOAP_ENV}" xmlns:v="${NFP}"><Body><v:verifyPaymentNoticeReq>${inner}</v:verifyPaymentNoticeReq></Body></Envelope>`,
    ),
    'PPT_SINTASSI_EXTRAXSD',
  );
});

test("not SOAP at all: KO PPT_SINTASSI_EXTRAXSD in the SOAPAction's response, or HTTP 400 with a SOAP Fault when no operation is named", async (t) => {
  const sim = await startSim(t);
  const key = { 'Ocp-Apim-Subscription-Key': sim.credentials.subscriptionKey };
  const garbage = [
    '',
    'hello',
    '<a><b></a>',
    '<?xml version="1.0"?><Envelope/>',
    envelope('<nfp:unknownReq/>'),
    '<!DOCTYPE x [<!ENTITY e "x">]><x>&e;</x>',
    `<soap12:Envelope xmlns:soap12="http://www.w3.org/2003/05/soap-envelope"><soap12:Body/></soap12:Envelope>`,
  ];
  for (const text of garbage) {
    const named = await fetch(sim.url, { method: 'POST', headers: { ...key, SOAPAction: 'activatePaymentNoticeV2' }, body: text });
    const a = await readAnswer(named.status, await named.text());
    assert.equal(a.element, 'activatePaymentNoticeV2Response');
    assertFault(a, 'PPT_SINTASSI_EXTRAXSD');

    const anonymous = await fetch(sim.url, { method: 'POST', headers: key, body: text });
    assert.equal(anonymous.status, 400);
    const xml = await anonymous.text();
    await validateEnvelope(xml);
    const fault = new XMLParser({ removeNSPrefix: true }).parse(xml).Envelope.Body.Fault;
    assert.equal(fault.faultcode, 'soapenv:Client');
    assert.match(fault.faultstring, /^PPT_SINTASSI_EXTRAXSD/);
  }
});

test('bodies above the limit get 413; wrong paths 404; other methods 405', async (t) => {
  const sim = await startSim(t, { maxBodyBytes: 64 * 1024 });
  const key = { 'Ocp-Apim-Subscription-Key': sim.credentials.subscriptionKey, SOAPAction: 'verifyPaymentNotice' };
  const big = envelope(`<nfp:verifyPaymentNoticeReq><idPSP>${'x'.repeat(100 * 1024)}</idPSP></nfp:verifyPaymentNoticeReq>`);
  const r = await fetch(sim.url, { method: 'POST', headers: key, body: big });
  assert.equal(r.status, 413);
  await r.text();
  assert.equal((await fetch(sim.url.replace('/v1', '/v2'), { method: 'POST', headers: key, body: 'x' })).status, 404);
  const get = await fetch(sim.url);
  assert.equal(get.status, 405);
  assert.equal(get.headers.get('allow'), 'POST');
  // the root path is an alias of the endpoint
  const root = await fetch(sim.url.replace('/nodo-auth/node-for-psp/v1', '/'), {
    method: 'POST',
    headers: key,
    body: envelope(body.verify(sim.credentials, CF, N.single)),
  });
  assertOk(await readAnswer(root.status, await root.text()));
});
