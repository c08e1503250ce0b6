// Issue 9 §1 "Malformed fields": every field of every OK answer is checked against its XSD simple
// type before anything acts on it. Each case mutates an XSD-valid fixture in one place and expects
// a typed NodeBadResponse naming the field; libxml2 on the official XSD (sim/xsd.ts) says whether
// the mutation really breaks the schema, so the table cannot drift from it unnoticed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { xsdValidator, NODE_FOR_PSP_XSD, SCHEMA_DIR } from '../../../../sim/xsd';
import {
  ANSWER_SCHEMA,
  CATALOGUE_SCHEMA,
  decodeResponse,
  excerpt,
  NodeBadResponse,
  PRIMITIVES,
  type BadResponseReason,
  type GroupSpec,
  type LeafSpec,
  type Primitive,
} from '../../../../main/protocol';
import { bodyChildOf, fixture } from './support';

const V2 = 'valid/activatePaymentNoticeV2.ok-5-transfers.xml';
const TOKEN = 'a3c1e5b7d9f24e6a8c0b2d4f6e8a0c2e';

function mutate(file: string, from: string, to: string): string {
  const xml = fixture(file);
  assert.ok(xml.includes(from), `${file} has no ${from}`);
  return xml.replace(from, to);
}

/** The catalogue answer with its inner document changed, re-encoded as base64. */
function catalogueWith(from: string, to: string): string {
  const doc = fixture('catalogue/catalogo-servizi.xml');
  assert.ok(doc.includes(from));
  const outer = fixture('valid/nodoChiediCatalogoServiziV2.ok.xml');
  const b64 = /<xmlCatalogoServizi>([^<]+)</.exec(outer)![1]!;
  return outer.replace(b64, Buffer.from(doc.replace(from, to), 'utf8').toString('base64'));
}

const long = (n: number, c = 'x') => c.repeat(n);

interface Case {
  title: string;
  primitive: Primitive;
  xml: string;
  reason: BadResponseReason;
  field?: string;
  rule?: RegExp;
  /** false: sportello is stricter than the XSD here, on purpose (documented in simple-types.ts / decode.ts) */
  xsdInvalid: boolean;
}

const v2 = (
  title: string,
  from: string,
  to: string,
  field: string,
  rule: RegExp,
  xsdInvalid = true,
  reason: BadResponseReason = 'bad-field',
): Case => ({
  title,
  primitive: 'activatePaymentNoticeV2',
  xml: mutate(V2, from, to),
  reason,
  field,
  rule,
  xsdInvalid,
});

const CASES: Case[] = [
  v2('a 5,000-character paymentToken', TOKEN, long(5000), 'paymentToken', /^stPaymentToken \(1\.\.35 characters/),
  v2('a 36-character paymentToken', TOKEN, long(36), 'paymentToken', /^stPaymentToken/),
  v2('an empty paymentToken', `<paymentToken>${TOKEN}</paymentToken>`, '<paymentToken></paymentToken>', 'paymentToken', /^stPaymentToken/),
  v2(
    'a paymentToken of markup with a C1 control character',
    TOKEN,
    '&lt;b&gt;tok\u0085en&lt;/b&gt;',
    'paymentToken',
    /no control characters/,
    false,
  ),
  v2('a paymentToken with a tab', TOKEN, 'tok&#9;en', 'paymentToken', /no control characters/, false),
  v2('a paymentToken with DEL', TOKEN, 'tok\u007fen', 'paymentToken', /no control characters/, false),
  v2(
    'two paymentToken elements',
    `<paymentToken>${TOKEN}</paymentToken>`,
    `<paymentToken>${TOKEN}</paymentToken><paymentToken>b</paymentToken>`,
    'paymentToken',
    /occurs 0\.\.1 times, not 2/,
  ),
  v2('totalAmount with one decimal', '<totalAmount>125.00<', '<totalAmount>125.0<', 'totalAmount', /^stAmount/),
  v2('totalAmount negative', '<totalAmount>125.00<', '<totalAmount>-125.00<', 'totalAmount', /^stAmount/),
  v2('totalAmount above 999999999.99', '<totalAmount>125.00<', '<totalAmount>1000000000.00<', 'totalAmount', /^stAmount/),
  v2('totalAmount with a decimal comma', '<totalAmount>125.00<', '<totalAmount>125,00<', 'totalAmount', /^stAmount/),
  v2(
    'transferAmount in exponent form',
    '<transferAmount>100.00<',
    '<transferAmount>1e2<',
    'transferList/transfer[1]/transferAmount',
    /^stAmount/,
  ),
  v2('suggestedUserFee with a comma', '<suggestedUserFee>1.00<', '<suggestedUserFee>1,00<', 'suggestedUserFee', /^stAmount/),
  v2('suggestedPaFee above the maximum', '<suggestedPaFee>0.50<', '<suggestedPaFee>99999999999.00<', 'suggestedPaFee', /^stAmount/),
  v2(
    'tipoBollo other than 01',
    '<tipoBollo>01<',
    '<tipoBollo>02<',
    'transferList/transfer[2]/richiestaMarcaDaBollo/tipoBollo',
    /^stTipoBolloDigitale \(01\)/,
  ),
  v2(
    'provinciaResidenza in lower case',
    '<provinciaResidenza>RM<',
    '<provinciaResidenza>rm<',
    'transferList/transfer[2]/richiestaMarcaDaBollo/provinciaResidenza',
    /^stNazioneProvincia/,
  ),
  v2(
    'hashDocumento not base64',
    '<hashDocumento>1vEsiZUrAY2j4P8DHYG83xq/jjH1ZAIbzkj1p6vzWMM=<',
    '<hashDocumento>abc<',
    'transferList/transfer[2]/richiestaMarcaDaBollo/hashDocumento',
    /^stBase64Binary72/,
  ),
  v2('standin neither true nor false', '<standin>false<', '<standin>yes<', 'standin', /^xsd:boolean/),
  v2('allCCP in upper case', '<allCCP>false<', '<allCCP>FALSE<', 'allCCP', /^xsd:boolean/),
  v2('idTransfer 6', '<idTransfer>5<', '<idTransfer>6<', 'transferList/transfer[5]/idTransfer', /^stIdTransfer/),
  v2('idTransfer 0', '<idTransfer>1<', '<idTransfer>0<', 'transferList/transfer[1]/idTransfer', /^stIdTransfer/),
  v2(
    'IBAN with a space',
    '<IBAN>IT60X0542811101000000123456<',
    '<IBAN>IT60 X0542811101000000123456<',
    'transferList/transfer[1]/IBAN',
    /^stIBAN/,
  ),
  v2(
    'fiscalCodePA of 10 digits in a transfer',
    '<fiscalCodePA>99999999999<',
    '<fiscalCodePA>9999999999<',
    'transferList/transfer[5]/fiscalCodePA',
    /^stFiscalCodePA/,
  ),
  v2(
    'both IBAN and richiestaMarcaDaBollo',
    '<richiestaMarcaDaBollo>',
    '<IBAN>IT60X0542811101000000123456</IBAN><richiestaMarcaDaBollo>',
    'transferList/transfer[2]/richiestaMarcaDaBollo',
    /xsd:choice/,
  ),
  v2(
    'remittanceInformation of 141 characters',
    'Tributo regionale',
    long(141),
    'transferList/transfer[5]/remittanceInformation',
    /^stText140/,
  ),
  v2(
    'an empty companyName',
    '<companyName>Comune di Esempio</companyName>\n      <officeName>',
    '<companyName></companyName>\n      <officeName>',
    'companyName',
    /^stText140/,
  ),
  v2('creditorReferenceId of 36 characters', '02000100000009407', long(36, '0'), 'creditorReferenceId', /^stText35/),
  v2('suggestedIdBundle of 71 characters', 'bundle-0001', long(71), 'suggestedIdBundle', /^stText70/),
  v2('suggestedIdCiBundle with a line feed', 'ci-bundle-0001', 'ci-bundle&#10;0001', 'suggestedIdCiBundle', /no control characters/, false),
  v2(
    '16 metadata entries',
    '<mapEntry><key>canale</key><value>sportello</value></mapEntry>',
    '<mapEntry><key>k</key><value>v</value></mapEntry>'.repeat(16),
    'metadata/mapEntry',
    /occurs 1\.\.15 times, not 16/,
  ),
  v2(
    'a mapEntry without value',
    '<mapEntry><key>canale</key><value>sportello</value></mapEntry>',
    '<mapEntry><key>canale</key></mapEntry>',
    'metadata/mapEntry[1]/value',
    /occurs 1 times/,
    true,
    'missing-field',
  ),
  v2('text where the transfer list belongs', '<transferList>', '<transferList>text', 'transferList', /element content/),
  v2(
    'six transfers',
    '</transferList>',
    '<transfer><idTransfer>1</idTransfer><transferAmount>0.00</transferAmount><fiscalCodePA>77777777777</fiscalCodePA><remittanceInformation>x</remittanceInformation></transfer></transferList>',
    'transferList/transfer',
    /occurs 1\.\.5 times, not 6/,
  ),
  v2(
    'transfers not adding up to totalAmount',
    '<transferAmount>100.00<',
    '<transferAmount>100.01<',
    'transferList',
    /sum\(transferAmount\) = totalAmount/,
    false,
    'transfers-mismatch',
  ),
  {
    title: 'two transfers with the same idTransfer',
    primitive: 'activatePaymentNoticeV2',
    xml: mutate(V2, '<idTransfer>5<', '<idTransfer>1<'),
    reason: 'inconsistent',
    xsdInvalid: false,
  },
  {
    title: 'v1: a transfer without IBAN',
    primitive: 'activatePaymentNotice',
    xml: mutate('valid/activatePaymentNotice.ok.xml', '<IBAN>IT02A0301503200000003517230</IBAN>', ''),
    reason: 'missing-field',
    field: 'transferList/transfer[2]/IBAN',
    rule: /IBAN occurs 1 times/,
    xsdInvalid: true,
  },
  {
    title: 'verify: options outside stAmountOptionPSP',
    primitive: 'verifyPaymentNotice',
    xml: mutate('valid/verifyPaymentNotice.ok.xml', '<options>EQ<', '<options>XX<'),
    reason: 'bad-field',
    field: 'paymentList/paymentOptionDescription[1]/options',
    rule: /^stAmountOptionPSP/,
    xsdInvalid: true,
  },
  {
    title: 'verify: a zero amount (stAmountNotZero)',
    primitive: 'verifyPaymentNotice',
    xml: mutate('valid/verifyPaymentNotice.ok.xml', '<amount>120.10<', '<amount>0.00<'),
    reason: 'bad-field',
    field: 'paymentList/paymentOptionDescription[1]/amount',
    rule: /^stAmountNotZero/,
    xsdInvalid: true,
  },
  {
    title: 'verify: a due date that does not exist',
    primitive: 'verifyPaymentNotice',
    xml: mutate('valid/verifyPaymentNotice.ok.xml', '<dueDate>2030-12-31<', '<dueDate>2030-02-30<'),
    reason: 'bad-field',
    field: 'paymentList/paymentOptionDescription[1]/dueDate',
    rule: /^stISODate/,
    xsdInvalid: true,
  },
  {
    title: 'verify: paymentDescription of 211 characters',
    primitive: 'verifyPaymentNotice',
    xml: mutate('valid/verifyPaymentNotice.ok.xml', 'TARI 2030 - saldo &amp; conguaglio', long(211)),
    reason: 'bad-field',
    field: 'paymentDescription',
    rule: /^stText210/,
    xsdInvalid: true,
  },
  {
    title: 'verificaBollettino: allCCP neither true nor false',
    primitive: 'verificaBollettino',
    xml: mutate('valid/verificaBollettino.ok.xml', '<allCCP>true<', '<allCCP>maybe<'),
    reason: 'bad-field',
    field: 'paymentBollettinoList/paymentOptionDescription[1]/allCCP',
    rule: /^xsd:boolean/,
    xsdInvalid: true,
  },
  {
    title: 'verificaBollettino: a notice number of 17 digits',
    primitive: 'verificaBollettino',
    xml: mutate('valid/verificaBollettino.ok.xml', '<noticeNumber>302000100000009407<', '<noticeNumber>30200010000000940<'),
    reason: 'bad-field',
    field: 'noticeNumber',
    rule: /^stNoticeNumber/,
    xsdInvalid: true,
  },
  {
    title: 'demandPaymentNotice: a notice number with a letter',
    primitive: 'demandPaymentNotice',
    xml: mutate('valid/demandPaymentNotice.ok.xml', '<noticeNumber>302000100000009407<', '<noticeNumber>30200010000000940A<'),
    reason: 'bad-field',
    field: 'qrCode/noticeNumber',
    rule: /^stNoticeNumber/,
    xsdInvalid: true,
  },
];

describe('a malformed field is refused with a typed error naming the field and its XSD rule', () => {
  for (const c of CASES) {
    test(c.title, async () => {
      assert.throws(
        () => decodeResponse(c.primitive, c.xml),
        (e: unknown) => {
          assert.ok(e instanceof NodeBadResponse, String(e));
          assert.equal(e.code, 'NODE_BAD_RESPONSE');
          assert.equal(e.reason, c.reason, e.message);
          if (c.field !== undefined) assert.equal(e.field, c.field, e.message);
          if (c.rule !== undefined) assert.match(e.rule ?? '', c.rule, e.message);
          // Nothing raw from the answer: no control character, nothing long.
          const shown = JSON.stringify(e.toJSON()) + e.message;
          assert.doesNotMatch(shown, /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
          assert.ok(!shown.includes(long(40)), 'a long value is echoed');
          return true;
        },
      );
      const body = bodyChildOf(c.xml);
      const verdict = await (await xsdValidator()).validate(body);
      assert.equal(
        !verdict.valid,
        c.xsdInvalid,
        c.xsdInvalid ? 'libxml2 accepts what sportello refuses as an XSD breach' : `libxml2 refuses it: ${verdict.errors.join('; ')}`,
      );
    });
  }

  test('catalogue: an idServizio of 4 characters inside the base64 document', async () => {
    const inner = fixture('catalogue/catalogo-servizi.xml').replace('<idServizio>00001<', '<idServizio>0001<');
    const v = await xsdValidator(join(SCHEMA_DIR, 'xsd-common/CatalogoServizi_2_0_0.xsd'));
    assert.equal((await v.validate(inner)).valid, false);
    assert.throws(
      () => decodeResponse('nodoChiediCatalogoServiziV2', catalogueWith('<idServizio>00001<', '<idServizio>0001<')),
      (e: unknown) =>
        e instanceof NodeBadResponse &&
        e.reason === 'bad-field' &&
        e.field === 'xmlCatalogoServizi/listaCatalogoServizi/catalogoServizi[1]/idServizio' &&
        /stIdentificativoServizio/.test(e.rule ?? ''),
    );
  });

  test('catalogue: a soggettoErogante without its start date', () => {
    assert.throws(
      () => decodeResponse('nodoChiediCatalogoServiziV2', catalogueWith('<dataInizioValidita>2024-01-01</dataInizioValidita>', '')),
      (e: unknown) =>
        e instanceof NodeBadResponse &&
        e.reason === 'missing-field' &&
        e.field ===
          'xmlCatalogoServizi/listaCatalogoServizi/catalogoServizi[1]/elencoSoggettiEroganti/soggettoErogante[1]/dataInizioValidita',
    );
  });

  test('a character XML forbids, written or referenced, is refused as not XML instead of silently dropped', () => {
    for (const token of ['tok&#1;en', 'tok\u0001en', 'tok&#xFFFE;en']) {
      assert.throws(
        () => decodeResponse('activatePaymentNoticeV2', mutate(V2, TOKEN, token)),
        (e: unknown) => e instanceof NodeBadResponse && e.reason === 'not-xml',
        JSON.stringify(token),
      );
    }
  });
});

describe('what a bad activation keeps for its KO', () => {
  test('a valid token stays in details.paymentToken whatever else is wrong', () => {
    for (const [from, to] of [
      ['<transferAmount>100.00<', '<transferAmount>100.01<'],
      ['<standin>false<', '<standin>yes<'],
      ['<tipoBollo>01<', '<tipoBollo>02<'],
    ] as const) {
      assert.throws(
        () => decodeResponse('activatePaymentNoticeV2', mutate(V2, from, to)),
        (e: unknown) => e instanceof NodeBadResponse && e.details.paymentToken === TOKEN,
        to,
      );
    }
  });

  test('an invalid token is not passed on (it could never be sent back)', () => {
    assert.throws(
      () => decodeResponse('activatePaymentNoticeV2', mutate(V2, TOKEN, long(5000))),
      (e: unknown) =>
        e instanceof NodeBadResponse && !('paymentToken' in e.details) && e.details.length === 5000 && e.details.value === `${long(32)}…`,
    );
  });

  test('transfers-mismatch says both sums in cents', () => {
    assert.throws(
      () => decodeResponse('activatePaymentNoticeV2', mutate(V2, '<totalAmount>125.00<', '<totalAmount>1125.00<')),
      (e: unknown) =>
        e instanceof NodeBadResponse &&
        e.reason === 'transfers-mismatch' &&
        e.details.transfersCents === 12500 &&
        e.details.totalAmountCents === 112500,
    );
  });
});

describe('XSD-valid spellings are read, not refused', () => {
  const cases: Array<[string, string, string, (r: ReturnType<typeof decodeResponse<'activatePaymentNoticeV2'>>) => void]> = [
    [
      'an amount with leading zeros',
      '<transferAmount>100.00<',
      '<transferAmount>0100.00<',
      (r) => assert.equal(r.transferList[0]!.transferAmount, 10000),
    ],
    ['a boolean written 1', '<standin>false<', '<standin>1<', (r) => assert.equal(r.standin, true)],
    ['a boolean written 0', '<allCCP>false<', '<allCCP>0<', (r) => assert.equal(r.allCCP, false)],
    ['a token of exactly 35 characters', TOKEN, long(35), (r) => assert.equal(r.paymentToken, long(35))],
    ['markup in a token, escaped', TOKEN, '&lt;b&gt;&amp;', (r) => assert.equal(r.paymentToken, '<b>&')],
    [
      'an amount at the maximum',
      '<suggestedPaFee>0.50<',
      '<suggestedPaFee>999999999.99<',
      (r) => assert.equal(r.suggestedPaFee, 99_999_999_999),
    ],
  ];
  for (const [title, from, to, check] of cases) {
    test(title, async () => {
      const xml = mutate(V2, from, to);
      assert.equal((await (await xsdValidator()).validate(bodyChildOf(xml))).valid, true);
      check(decodeResponse('activatePaymentNoticeV2', xml));
    });
  }

  test('a due date with a timezone is read as its calendar day', async () => {
    const xml = mutate('valid/verifyPaymentNotice.ok.xml', '<dueDate>2030-12-31<', '<dueDate>2030-12-31+01:00<');
    assert.equal((await (await xsdValidator()).validate(bodyChildOf(xml))).valid, true);
    assert.equal(decodeResponse('verifyPaymentNotice', xml).paymentList[0]!.dueDate, '2030-12-31');
  });
});

test('excerpt escapes controls and direction marks and caps the length', () => {
  assert.equal(excerpt('a\u0001b\u202Ec\u0085'), 'a\\u0001b\\u202ec\\u0085');
  assert.equal(excerpt(long(33)), `${long(32)}…`);
  assert.equal(excerpt(long(32)), long(32));
  assert.equal(excerpt('😀'.repeat(40)), `${'😀'.repeat(32)}…`);
});

/**
 * The tables are a transcription of the XSD: this reads the official schema files and compares,
 * element by element, name, simple type, minOccurs, maxOccurs and choices, for every response type
 * and the catalogue document.
 */
describe('ANSWER_SCHEMA and CATALOGUE_SCHEMA match the official XSDs', () => {
  type Node = Record<string, unknown>;
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true });
  const arr = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const local = (qname: unknown) => String(qname).replace(/^.*:/, '');

  function complexTypes(...paths: string[]): Map<string, Node> {
    const out = new Map<string, Node>();
    for (const p of paths) {
      const doc = parser.parse(readFileSync(p, 'utf8')) as { schema: Node };
      for (const ct of arr(doc.schema.complexType as Node | Node[])) out.set(String(ct['@_name']), ct);
    }
    return out;
  }

  interface XsdElement {
    name: string;
    type: string;
    min: number;
    max: number;
    choice: boolean;
  }

  function elementsOf(types: Map<string, Node>, typeName: string): XsdElement[] {
    const ct = types.get(typeName)!;
    const ext = (ct.complexContent as Node | undefined)?.extension as Node | undefined;
    const body = ext ?? ct;
    const out: XsdElement[] = [];
    for (const seq of arr(body.sequence as Node | Node[])) {
      for (const el of arr(seq.element as Node | Node[])) out.push(toElement(el, false));
      for (const ch of arr(seq.choice as Node | Node[])) for (const el of arr(ch.element as Node | Node[])) out.push(toElement(el, true));
    }
    return out;
  }

  function toElement(el: Node, choice: boolean): XsdElement {
    const max = el['@_maxOccurs'] === 'unbounded' ? Number.POSITIVE_INFINITY : Number(el['@_maxOccurs'] ?? 1);
    return { name: String(el['@_name']), type: local(el['@_type']), min: choice ? 0 : Number(el['@_minOccurs'] ?? 1), max, choice };
  }

  function compare(types: Map<string, Node>, typeName: string, spec: GroupSpec, at: string, skip: readonly string[] = []): void {
    const xsd = elementsOf(types, typeName).filter((e) => !skip.includes(e.name));
    assert.deepEqual(Object.keys(spec.children).sort(), xsd.map((e) => e.name).sort(), `${at}: element names`);
    const choice = xsd.filter((e) => e.choice).map((e) => e.name);
    assert.deepEqual([...(spec.choice ?? [])].sort(), choice.sort(), `${at}: choice`);
    for (const e of xsd) {
      const s = spec.children[e.name]!;
      assert.deepEqual([s.min, s.max], [e.min, e.max], `${at}/${e.name}: occurrences`);
      if (types.has(e.type)) {
        assert.equal(s.kind, 'group', `${at}/${e.name} is complex`);
        compare(types, e.type, s as GroupSpec, `${at}/${e.name}`);
      } else {
        assert.equal(s.kind, 'leaf', `${at}/${e.name} is simple`);
        assert.equal(local((s as LeafSpec).type.name.split(' ')[0]), e.type, `${at}/${e.name}: type`);
      }
    }
  }

  const RESPONSE_TYPE: Record<Primitive, string> = {
    verifyPaymentNotice: 'verifyPaymentNoticeRes',
    activatePaymentNotice: 'activatePaymentNoticeRes',
    activatePaymentNoticeV2: 'activatePaymentNoticeV2Response',
    sendPaymentOutcome: 'sendPaymentOutcomeRes',
    sendPaymentOutcomeV2: 'sendPaymentOutcomeV2Response',
    verificaBollettino: 'verificaBollettinoRes',
    demandPaymentNotice: 'demandPaymentNoticeResponse',
    nodoChiediCatalogoServiziV2: 'nodoChiediCatalogoServiziV2Response',
  };
  const nodeTypes = complexTypes(join(SCHEMA_DIR, 'xsd-common/sac-common-types-1.0.xsd'), NODE_FOR_PSP_XSD);

  for (const p of PRIMITIVES) {
    test(`${p} (${RESPONSE_TYPE[p]})`, () => {
      // xmlCatalogoServizi (base64) is checked by catalogue.ts, its document by CATALOGUE_SCHEMA below.
      compare(
        nodeTypes,
        RESPONSE_TYPE[p],
        ANSWER_SCHEMA[p],
        RESPONSE_TYPE[p],
        p === 'nodoChiediCatalogoServiziV2' ? ['xmlCatalogoServizi'] : [],
      );
    });
  }

  test('listaCatalogoServizi (CatalogoServizi_2_0_0.xsd)', () => {
    const types = complexTypes(join(SCHEMA_DIR, 'xsd-common/CatalogoServizi_2_0_0.xsd'));
    compare(types, 'ctListaCataloghiServizi', CATALOGUE_SCHEMA, 'listaCatalogoServizi');
  });
});
