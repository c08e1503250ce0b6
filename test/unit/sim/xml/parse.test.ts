import { test } from 'node:test';
import assert from 'node:assert/strict';
import { elementsOf, parseXml, textOf, XmlSyntaxError } from '../../../../sim/xml/parse';
import { readEnvelope } from '../../../../sim/soap';
import { xsdValidator } from '../../../../sim/xsd';

test('namespaces resolve per element: prefixes, defaults, undeclared defaults', () => {
  const root = parseXml('<a:r xmlns:a="urn:a" xmlns="urn:d"><x/><y xmlns=""/><a:z/></a:r>');
  assert.equal(root.ns, 'urn:a');
  assert.deepEqual(
    elementsOf(root).map((e) => [e.local, e.ns]),
    [
      ['x', 'urn:d'],
      ['y', null],
      ['z', 'urn:a'],
    ],
  );
});

test('the five entities and character references are decoded; CDATA is text', () => {
  const root = parseXml('<r a="&quot;1&quot;">&lt;&gt;&amp;&apos;&#233;&#x41;<![CDATA[<b>&amp;]]></r>');
  assert.equal(textOf(root), "<>&'éA<b>&amp;");
  assert.equal(root.attrs[0]?.value, '"1"');
});

test('what SOAP or XML forbids is a syntax error, never a crash', () => {
  const bad = [
    '',
    'text',
    '<a>',
    '<a></b>',
    '<a><b></a></b>',
    '<a x="1" x="2"/>',
    '<a x=1/>',
    '<p:a/>',
    '<a>&nope;</a>',
    '<a>&#0;</a>',
    '<a>&#x110000;</a>',
    '<!DOCTYPE a><a/>',
    '<a/><b/>',
    '<a/>text',
    '<a>\u0001</a>',
    '<a>]]></a>',
    ' <?xml version="1.0"?><a/>',
    '<a><?xml version="1.0"?></a>',
    '<a b="<"/>',
    '<a:b:c xmlns:a="u"/>',
    '<a xmlns:p=""/>',
    '<a><!-- open</a>',
    `${'<a>'.repeat(100)}${'</a>'.repeat(100)}`,
  ];
  for (const xml of bad) assert.throws(() => parseXml(xml), XmlSyntaxError, JSON.stringify(xml.slice(0, 40)));
});

test('offsets point at the element in the source', () => {
  const src = '<r>  <child k="v">t</child></r>';
  const child = elementsOf(parseXml(src))[0];
  assert.ok(child);
  assert.equal(src.slice(child.start, child.end), '<child k="v">t</child>');
  assert.equal(src.slice(child.start, child.nameEnd), '<child');
});

test('the body element, made standalone, validates exactly as it would in place', async () => {
  const v = await xsdValidator();
  const inner =
    '<idPSP>A</idPSP><idBrokerPSP>B</idBrokerPSP><idChannel>C</idChannel><password>password1</password>' +
    '<qrCode><fiscalCode>77777777777</fiscalCode><noticeNumber>301020250000000129</noticeNumber></qrCode>';
  const ok = readEnvelope(
    `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:n="http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd"><e:Body><n:verifyPaymentNoticeReq>${inner}</n:verifyPaymentNoticeReq></e:Body></e:Envelope>`,
  );
  assert.ok(ok.ok);
  assert.match(ok.bodyXml, /^<n:verifyPaymentNoticeReq xmlns:e="[^"]+" xmlns:n="[^"]+">/);
  assert.equal((await v.validate(ok.bodyXml)).valid, true);
  // a default namespace inherited from the Envelope qualifies the children: invalid, here as in place
  const leak = readEnvelope(
    `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><n:verifyPaymentNoticeReq xmlns:n="http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd">${inner}</n:verifyPaymentNoticeReq></Body></Envelope>`,
  );
  assert.ok(leak.ok);
  assert.equal((await v.validate(leak.bodyXml)).valid, false);
});

test('readEnvelope names what is wrong with an envelope', () => {
  const S = 'http://schemas.xmlsoap.org/soap/envelope/';
  const cases: Array<[string, RegExp]> = [
    ['<x/>', /not a SOAP 1\.1 Envelope/],
    [`<s:Envelope xmlns:s="${S}"/>`, /optional Header followed by one Body/],
    [`<s:Envelope xmlns:s="${S}"><s:Body/><s:Header/></s:Envelope>`, /optional Header followed by one Body/],
    [`<s:Envelope xmlns:s="${S}"><s:Body><a/><b/></s:Body></s:Envelope>`, /exactly one element/],
    [`<s:Envelope xmlns:s="${S}"><s:Body>text<a/></s:Body></s:Envelope>`, /exactly one element/],
    ['<s:Envelope', /not well-formed/],
  ];
  for (const [xml, reason] of cases) {
    const r = readEnvelope(xml);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, reason);
  }
});
