import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { xsdValidator, SCHEMA_DIR } from '../../../../sim/xsd';
import {
  encodeRequest,
  PRIMITIVES,
  PRIMITIVE_INFO,
  NODE_FOR_PSP_NS,
  SOAP11_ENVELOPE_NS,
  RequestInvalid,
  type Primitive,
} from '../../../../main/protocol';
import { CREDENTIALS, bodyChildOf } from './support';
import { SAMPLES, REQUEST_TYPE } from './samples';
import { elementNames } from './xsd-walk';

describe('every request validates against the official XSD', () => {
  for (const primitive of PRIMITIVES) {
    for (const variant of ['full', 'minimal'] as const) {
      test(`${primitive} (${variant})`, async () => {
        const v = await xsdValidator();
        const e = encodeRequest(primitive, CREDENTIALS, SAMPLES[primitive][variant] as never);
        assert.deepEqual(await v.validate(e.body), { valid: true, errors: [] });
        // The envelope is well-formed and carries exactly the body element the XSD checked.
        assert.equal(XMLValidator.validate(e.envelope), true);
        assert.ok(e.envelope.includes(`<soapenv:Body>${e.body}</soapenv:Body></soapenv:Envelope>`));
        assert.equal((await v.validate(bodyChildOf(e.envelope))).valid, true);
        assert.ok(e.envelope.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
        assert.match(e.envelope, new RegExp(`xmlns:soapenv="${SOAP11_ENVELOPE_NS}"`));
      });
    }
  }
});

test('a "full" request writes every element its XSD type defines', () => {
  for (const primitive of PRIMITIVES) {
    const body = encodeRequest(primitive, CREDENTIALS, SAMPLES[primitive].full as never).body;
    for (const name of elementNames(REQUEST_TYPE[primitive])) {
      assert.ok(body.includes(`<${name}>`), `${primitive}: <${name}> missing`);
    }
  }
});

test('only the body element is namespace-qualified; children are unqualified and in XSD order', () => {
  const body = encodeRequest('activatePaymentNoticeV2', CREDENTIALS, SAMPLES.activatePaymentNoticeV2.full).body;
  assert.match(body, new RegExp(`^<nfp:activatePaymentNoticeV2Request xmlns:nfp="${NODE_FOR_PSP_NS}">`));
  assert.equal((body.match(/<nfp:/g) ?? []).length, 1);
  const order = [
    'idPSP',
    'idBrokerPSP',
    'idChannel',
    'password',
    'idempotencyKey',
    'qrCode',
    'expirationTime',
    'amount',
    'dueDate',
    'paymentNote',
    'paymentMethod',
    'touchPoint',
  ];
  const positions = order.map((n) => body.indexOf(`<${n}>`));
  assert.deepEqual(
    [...positions].sort((a, b) => a - b),
    positions,
  );
});

test('SOAPAction and body element names match nodeForPsp.wsdl', () => {
  const wsdl = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true }).parse(
    readFileSync(join(SCHEMA_DIR, 'wsdl/nodeForPsp.wsdl'), 'utf8'),
  ) as {
    definitions: {
      binding: { operation: Array<Record<string, Record<string, string>>> };
      message: Array<{ '@_name': string; part: Record<string, string> }>;
      portType: { operation: Array<{ '@_name': string; input: Record<string, string>; output: Record<string, string> }> };
    };
  };
  const actions = new Map(wsdl.definitions.binding.operation.map((o) => [String(o['@_name']), o.operation!['@_soapAction']]));
  const messages = new Map(wsdl.definitions.message.map((m) => [m['@_name'], m.part['@_element']!.replace(/^.*:/, '')]));
  const ops = new Map(wsdl.definitions.portType.operation.map((o) => [o['@_name'], o]));
  for (const p of PRIMITIVES) {
    const e = encodeRequest(p, CREDENTIALS, SAMPLES[p].minimal as never);
    assert.equal(e.soapAction, actions.get(p), p);
    const op = ops.get(p)!;
    assert.equal(messages.get(op.input['@_message']!.replace(/^.*:/, '')), PRIMITIVE_INFO[p].requestElement, p);
    assert.equal(messages.get(op.output['@_message']!.replace(/^.*:/, '')), PRIMITIVE_INFO[p].responseElement, p);
  }
});

test('text is XML-escaped and survives a round trip through a parser', () => {
  const body = encodeRequest('activatePaymentNotice', { ...CREDENTIALS, password: `p<&>"'word` }, SAMPLES.activatePaymentNotice.full).body;
  assert.ok(body.includes('<password>p&lt;&amp;&gt;&quot;&apos;word</password>'));
  const parsed = new XMLParser({ removeNSPrefix: true, parseTagValue: false, htmlEntities: true }).parse(body) as Record<
    string,
    Record<string, string>
  >;
  assert.equal(parsed.activatePaymentNoticeReq!.password, `p<&>"'word`);
  assert.equal(parsed.activatePaymentNoticeReq!.paymentNote, 'Nota "pagamento" <TARI> & altro');
});

test('amounts are written from integer cents as \\d+.\\d{2}', () => {
  const amountOf = (cents: number) =>
    /<amount>([^<]*)<\/amount>/.exec(
      encodeRequest('activatePaymentNotice', CREDENTIALS, { ...SAMPLES.activatePaymentNotice.minimal, amount: cents }).body,
    )![1];
  assert.equal(amountOf(0), '0.00');
  assert.equal(amountOf(1), '0.01');
  assert.equal(amountOf(99), '0.99');
  assert.equal(amountOf(100), '1.00');
  assert.equal(amountOf(12010), '120.10');
  assert.equal(amountOf(99_999_999_999), '999999999.99');
});

test('demandPaymentNotice base64-encodes the service data as UTF-8', () => {
  const doc = SAMPLES.demandPaymentNotice.full.datiSpecificiServizio;
  const body = encodeRequest('demandPaymentNotice', CREDENTIALS, SAMPLES.demandPaymentNotice.full).body;
  const b64 = /<datiSpecificiServizio>([^<]*)</.exec(body)![1]!;
  assert.equal(Buffer.from(b64, 'base64').toString('utf8'), doc);
});

describe('bad requests are refused before sending, naming the field but never its value', () => {
  const cases: Array<[string, Primitive, unknown, string]> = [
    [
      'notice number too short',
      'verifyPaymentNotice',
      { qrCode: { fiscalCode: '77777777777', noticeNumber: '30200010000000940' } },
      'qrCode/noticeNumber',
    ],
    [
      'fiscal code with letters',
      'verifyPaymentNotice',
      { qrCode: { fiscalCode: '7777777777A', noticeNumber: '302000100000009407' } },
      'qrCode/fiscalCode',
    ],
    ['missing qrCode', 'verifyPaymentNotice', {}, 'qrCode'],
    [
      'amount over the maximum',
      'activatePaymentNotice',
      { qrCode: SAMPLES.verifyPaymentNotice.full.qrCode, amount: 100_000_000_000 },
      'amount',
    ],
    ['amount not whole cents', 'activatePaymentNotice', { qrCode: SAMPLES.verifyPaymentNotice.full.qrCode, amount: 12.5 }, 'amount'],
    ['negative amount', 'activatePaymentNotice', { qrCode: SAMPLES.verifyPaymentNotice.full.qrCode, amount: -1 }, 'amount'],
    [
      'expirationTime over 30 min',
      'activatePaymentNotice',
      { qrCode: SAMPLES.verifyPaymentNotice.full.qrCode, amount: 100, expirationTime: 1_800_001 },
      'expirationTime',
    ],
    [
      'expirationTime zero',
      'activatePaymentNotice',
      { qrCode: SAMPLES.verifyPaymentNotice.full.qrCode, amount: 100, expirationTime: 0 },
      'expirationTime',
    ],
    [
      'idempotency key of the old format',
      'activatePaymentNotice',
      { qrCode: SAMPLES.verifyPaymentNotice.full.qrCode, amount: 100, idempotencyKey: '12345678901-0123456789' },
      'idempotencyKey',
    ],
    [
      'impossible due date',
      'activatePaymentNotice',
      { qrCode: SAMPLES.verifyPaymentNotice.full.qrCode, amount: 100, dueDate: '2031-02-29' },
      'dueDate',
    ],
    [
      'unknown touchPoint',
      'activatePaymentNoticeV2',
      { qrCode: SAMPLES.verifyPaymentNotice.full.qrCode, amount: 100, touchPoint: 'KIOSK' },
      'touchPoint',
    ],
    ['OK outcome without details', 'sendPaymentOutcome', { paymentToken: 't', outcome: 'OK' }, 'details'],
    ['outcome neither OK nor KO', 'sendPaymentOutcome', { paymentToken: 't', outcome: 'ok' }, 'outcome'],
    ['six tokens', 'sendPaymentOutcomeV2', { paymentTokens: ['1', '2', '3', '4', '5', '6'], outcome: 'KO' }, 'paymentTokens'],
    [
      'payer e-mail malformed',
      'sendPaymentOutcome',
      {
        ...SAMPLES.sendPaymentOutcome.full,
        details: {
          ...SAMPLES.sendPaymentOutcome.full.details!,
          payer: { ...SAMPLES.sendPaymentOutcome.full.details!.payer!, eMail: 'not an email' },
        },
      },
      'details/payer/e-mail',
    ],
    [
      'payer full name too long',
      'sendPaymentOutcome',
      {
        ...SAMPLES.sendPaymentOutcome.full,
        details: {
          ...SAMPLES.sendPaymentOutcome.full.details!,
          payer: { ...SAMPLES.sendPaymentOutcome.full.details!.payer!, fullName: 'x'.repeat(71) },
        },
      },
      'details/payer/fullName',
    ],
    [
      'control character in text',
      'activatePaymentNotice',
      { qrCode: SAMPLES.verifyPaymentNotice.full.qrCode, amount: 100, paymentNote: 'a\u0001b' },
      'paymentNote',
    ],
    ['postal account of 11 digits', 'verificaBollettino', { ccPost: '01234567890', noticeNumber: '302000100000009407' }, 'ccPost'],
    ['service id of 4 chars', 'demandPaymentNotice', { idSoggettoServizio: '0042', datiSpecificiServizio: '<a/>' }, 'idSoggettoServizio'],
    ['commissione other than Y/N', 'nodoChiediCatalogoServiziV2', { commissione: 'S' }, 'commissione'],
    ['not an object', 'verifyPaymentNotice', null, 'request'],
  ];
  for (const [title, primitive, request, element] of cases) {
    test(title, () => {
      assert.throws(
        () => encodeRequest(primitive, CREDENTIALS, request as never),
        (e: unknown) =>
          e instanceof RequestInvalid &&
          e.code === 'REQUEST_INVALID' &&
          e.element === element &&
          e.retryable === false &&
          e.details.primitive === primitive,
      );
    });
  }

  test('a bad password is refused without showing it', () => {
    const secret = 'short';
    assert.throws(
      () => encodeRequest('verifyPaymentNotice', { ...CREDENTIALS, password: secret }, SAMPLES.verifyPaymentNotice.full),
      (e: unknown) =>
        e instanceof RequestInvalid &&
        e.element === 'password' &&
        !JSON.stringify(e.toJSON()).includes(secret) &&
        !e.message.includes(secret),
    );
  });
});
