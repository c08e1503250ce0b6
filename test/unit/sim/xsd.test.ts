import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xsdValidator } from '../../../sim/xsd';

const NS = 'http://pagopa-api.pagopa.gov.it/node/nodeForPsp.xsd';
const verify = (psp: string) =>
  `<nfp:verifyPaymentNoticeReq xmlns:nfp="${NS}"><idPSP>${psp}</idPSP><idBrokerPSP>12345678901</idBrokerPSP>` +
  `<idChannel>12345678901_01</idChannel><password>password01</password><qrCode><fiscalCode>77777777777</fiscalCode>` +
  `<noticeNumber>302000100000009407</noticeNumber></qrCode></nfp:verifyPaymentNoticeReq>`;

test('the official XSD accepts a valid verifyPaymentNoticeReq and names what is wrong in an invalid one', async () => {
  const v = await xsdValidator();
  assert.deepEqual(await v.validate(verify('ABI12345')), { valid: true, errors: [] });
  const bad = await v.validate(verify(''));
  assert.equal(bad.valid, false);
  assert.match(bad.errors.join('\n'), /idPSP/);
});

test('qualified child elements are rejected: the XSDs have no elementFormDefault', async () => {
  const v = await xsdValidator();
  const r = await v.validate(verify('ABI12345').replace('<idPSP>', '<nfp:idPSP>').replace('</idPSP>', '</nfp:idPSP>'));
  assert.equal(r.valid, false);
});

test('garbage is answered with a verdict, not a throw', async () => {
  const v = await xsdValidator();
  for (const g of ['', '<', 'not xml', '<a><b></a>', '\u0000\u0001']) {
    const r = await v.validate(g);
    assert.equal(r.valid, false, g);
  }
});
