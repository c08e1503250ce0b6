// The form generator against every official service XSD (issue 15): the form says what the XSD
// says (paths, required, facets, options, choices); valid values make XML the real XSD accepts
// (libxml2, through the simulator's validator and its copies of the schemas); each kind of bad value
// is refused locally with its rule AND the XML a naive writer would send is refused by the XSD too,
// so the local check agrees with the schema. Every .xsd in the terminal's schema folder makes a form.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { formFromXsd, serviceDataXml, SERVICE_SCHEMA_DIR } from '../../../../../main/services/catalogue/xsd-form';
import { serviceFormSchema, validateServiceValues, type ServiceForm, type ServiceRule } from '../../../../../main/contract/service-form';
import { xsdValidator } from '../../../../../sim/xsd';
import { SportelloError } from '../../../../../kernel/errors';

const SIM_SERVICES = new URL('../../../../../sim/schema/pagopa-api/catalogo-servizi/', import.meta.url);
const read = (file: string): string => readFileSync(join(SERVICE_SCHEMA_DIR, file), 'utf8');
const formOf = (file: string): ServiceForm => formFromXsd(read(file), { xsd: file, resolveImport: (location) => read(basename(location)) });
/** The real XSD, with its import resolved as published (the simulator keeps the official layout). */
const validatorOf = (file: string) => xsdValidator(new URL(file, SIM_SERVICES).pathname);

/** What a writer without the local check would send: every non-empty value, trimmed, in XSD order. */
function naiveXml(form: ServiceForm, values: Record<string, string>): string {
  let xml = `<${form.root} xmlns="${form.namespace}">`;
  const open: string[] = [];
  for (const f of form.fields) {
    const v = f.kind === 'fixed' ? f.fixed! : (values[f.path] ?? '').trim();
    if (v === '') continue;
    const parents = f.path.split('/').slice(0, -1);
    let common = 0;
    while (common < open.length && open[common] === parents[common]) common++;
    while (open.length > common) xml += `</${open.pop()}>`;
    for (const p of parents.slice(common)) xml += `<${open[open.push(p) - 1]}>`;
    xml += `<${f.name}>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${f.name}>`;
  }
  while (open.length) xml += `</${open.pop()}>`;
  return `${xml}</${form.root}>`;
}

/** The form's fields in a compact, readable shape. */
const shape = (form: ServiceForm) =>
  form.fields.map((f) => {
    const facets = [
      f.kind,
      f.required ? 'required' : 'optional',
      f.requiredWith !== undefined ? `requiredWith=${f.requiredWith}` : '',
      f.minLength !== undefined ? `min=${f.minLength}` : '',
      f.maxLength !== undefined ? `max=${f.maxLength}` : '',
      f.pattern !== undefined ? `pattern=${f.pattern}` : '',
      f.options ? `options=${f.options.map((o) => o.value).join(',')}` : '',
      f.fixed !== undefined ? `fixed=${f.fixed}` : '',
      f.choice !== undefined ? `choice=${f.choice}` : '',
      f.maxInclusive !== undefined ? `maxInclusive=${f.maxInclusive}` : '',
    ];
    return `${f.path}: ${facets.filter(Boolean).join(' ')}`;
  });

interface Bad {
  why: string;
  values: Record<string, string>;
  errors: Array<{ path: string; rule: ServiceRule; limit?: number | string; hint?: 'uppercase' }>;
  /** The naive XML of these values is refused by the real XSD (false where the XSD cannot see the difference). */
  xsdRefuses?: boolean;
}

interface Case {
  file: string;
  root: string;
  namespace: string;
  fields: string[];
  choices: ServiceForm['choices'];
  groups: string[];
  valid: Record<string, string>[];
  bad: Bad[];
}

const CF = 'RSSMRA80A01H501U';
const CASES: Case[] = [
  {
    file: 'TassaAutomobilistica_1_1_0.xsd',
    root: 'tassaAuto',
    namespace: 'http://PuntoAccessoPSP.spcoop.gov.it/TassaAuto',
    fields: [
      'veicoloConTarga/tipoVeicoloTarga: enum required options=1,2,4 choice=choice-1',
      'veicoloConTarga/veicoloTarga: text required min=7 max=8 choice=choice-1',
    ],
    choices: [{ id: 'choice-1', alternatives: [['veicoloConTarga/tipoVeicoloTarga', 'veicoloConTarga/veicoloTarga']] }],
    groups: ['veicoloConTarga required'],
    valid: [
      { 'veicoloConTarga/tipoVeicoloTarga': '1', 'veicoloConTarga/veicoloTarga': 'AB123CD' },
      { 'veicoloConTarga/tipoVeicoloTarga': '4', 'veicoloConTarga/veicoloTarga': ' X1234567 ' },
    ],
    bad: [
      {
        why: 'plate too long',
        values: { 'veicoloConTarga/tipoVeicoloTarga': '1', 'veicoloConTarga/veicoloTarga': 'AB123CDEF' },
        errors: [{ path: 'veicoloConTarga/veicoloTarga', rule: 'maxLength', limit: 8 }],
      },
      {
        why: 'plate too short',
        values: { 'veicoloConTarga/tipoVeicoloTarga': '1', 'veicoloConTarga/veicoloTarga': 'AB12' },
        errors: [{ path: 'veicoloConTarga/veicoloTarga', rule: 'minLength', limit: 7 }],
      },
      {
        why: 'vehicle type 3 is not in the enumeration',
        values: { 'veicoloConTarga/tipoVeicoloTarga': '3', 'veicoloConTarga/veicoloTarga': 'AB123CD' },
        errors: [{ path: 'veicoloConTarga/tipoVeicoloTarga', rule: 'enum' }],
      },
      {
        why: 'plate missing in the chosen alternative',
        values: { 'veicoloConTarga/tipoVeicoloTarga': '1' },
        errors: [{ path: 'veicoloConTarga/veicoloTarga', rule: 'required' }],
      },
      { why: 'nothing: the choice has no alternative', values: {}, errors: [{ path: 'choice-1', rule: 'choice' }] },
    ],
  },
  {
    file: 'Cie_1_0_0.xsd',
    root: 'pagamentoCIE',
    namespace: 'http://PuntoAccessoPSP.spcoop.gov.it/pagamentoCIE',
    fields: [
      'codiceCausale: enum required options=1,2,4,7,9,10,11',
      'codiceFiscaleComune: text required min=11 max=11 pattern=[0-9]{11}',
      'intestatario/codiceFiscaleIntestatario: text required min=16 max=16 pattern=[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]',
      'intestatario/denominazioneIntestatario: text required min=1 max=50',
    ],
    choices: [],
    groups: ['intestatario required'],
    valid: [
      {
        codiceCausale: '10',
        codiceFiscaleComune: '02438750586',
        'intestatario/codiceFiscaleIntestatario': CF,
        'intestatario/denominazioneIntestatario': "Maria D'Angelo & <figli>",
      },
    ],
    bad: [
      {
        why: 'lowercase tax code: reported, not uppercased',
        values: {
          codiceCausale: '1',
          codiceFiscaleComune: '02438750586',
          'intestatario/codiceFiscaleIntestatario': CF.toLowerCase(),
          'intestatario/denominazioneIntestatario': 'Rossi',
        },
        errors: [
          {
            path: 'intestatario/codiceFiscaleIntestatario',
            rule: 'pattern',
            limit: '[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]',
            hint: 'uppercase',
          },
        ],
      },
      {
        why: 'municipality code with a letter',
        values: {
          codiceCausale: '1',
          codiceFiscaleComune: '0243875058A',
          'intestatario/codiceFiscaleIntestatario': CF,
          'intestatario/denominazioneIntestatario': 'Rossi',
        },
        errors: [{ path: 'codiceFiscaleComune', rule: 'pattern', limit: '[0-9]{11}' }],
      },
      {
        why: 'reason 3 is not in the enumeration',
        values: {
          codiceCausale: '3',
          codiceFiscaleComune: '02438750586',
          'intestatario/codiceFiscaleIntestatario': CF,
          'intestatario/denominazioneIntestatario': 'Rossi',
        },
        errors: [{ path: 'codiceCausale', rule: 'enum' }],
      },
      {
        why: 'name longer than 50 characters',
        values: {
          codiceCausale: '1',
          codiceFiscaleComune: '02438750586',
          'intestatario/codiceFiscaleIntestatario': CF,
          'intestatario/denominazioneIntestatario': 'x'.repeat(51),
        },
        errors: [{ path: 'intestatario/denominazioneIntestatario', rule: 'maxLength', limit: 50 }],
      },
      {
        why: 'holder name missing',
        values: { codiceCausale: '1', codiceFiscaleComune: '02438750586', 'intestatario/codiceFiscaleIntestatario': CF },
        errors: [{ path: 'intestatario/denominazioneIntestatario', rule: 'required' }],
      },
    ],
  },
  {
    file: 'A001_Passaporto_1_0_0.xsd',
    root: 'pagamentoPratica',
    namespace: 'http://PuntoAccessoPSP.spcoop.gov.it/pagamentoPratica',
    fields: [
      'codicePratica: fixed required fixed=A001',
      'pagatore/codiceFiscalePagatore: text required',
      'pagatore/denominazionePagatore: text required min=1 max=50',
      'intestatario/codiceFiscaleIntestatario: text required',
      'intestatario/denominazioneIntestatario: text required min=1 max=50',
    ],
    choices: [],
    groups: ['pagatore required', 'intestatario required'],
    valid: [
      {
        'pagatore/codiceFiscalePagatore': CF,
        'pagatore/denominazionePagatore': 'Mario Rossi',
        'intestatario/codiceFiscaleIntestatario': CF,
        'intestatario/denominazioneIntestatario': 'Mario Rossi',
      },
    ],
    bad: [
      {
        why: 'payer tax code missing',
        values: {
          'pagatore/denominazionePagatore': 'Mario Rossi',
          'intestatario/codiceFiscaleIntestatario': CF,
          'intestatario/denominazioneIntestatario': 'Mario Rossi',
        },
        errors: [{ path: 'pagatore/codiceFiscalePagatore', rule: 'required' }],
      },
      {
        why: 'holder name too long',
        values: {
          'pagatore/codiceFiscalePagatore': CF,
          'pagatore/denominazionePagatore': 'Mario Rossi',
          'intestatario/codiceFiscaleIntestatario': CF,
          'intestatario/denominazioneIntestatario': 'è'.repeat(51),
        },
        errors: [{ path: 'intestatario/denominazioneIntestatario', rule: 'maxLength', limit: 50 }],
      },
    ],
  },
  {
    file: 'D847_Pesca_1_0_0.xsd',
    root: 'praticaPagamentoCanoni',
    namespace: 'http://PuntoAccessoPSP.spcoop.gov.it/praticaPagamentoCanoni',
    fields: [
      'codicePratica: fixed required fixed=D847',
      'pagatore/codiceFiscalePagatore: text required',
      'pagatore/denominazionePagatore: text required min=1 max=50',
      'intestatario/codiceFiscaleIntestatario: text required',
      'intestatario/denominazioneIntestatario: text required min=1 max=50',
      'note/note: text optional requiredWith=note min=1 max=40',
    ],
    choices: [],
    groups: ['pagatore required', 'intestatario required', 'note optional'],
    valid: [
      {
        'pagatore/codiceFiscalePagatore': CF,
        'pagatore/denominazionePagatore': 'Mario Rossi',
        'intestatario/codiceFiscaleIntestatario': CF,
        'intestatario/denominazioneIntestatario': 'Mario Rossi',
      },
      {
        'pagatore/codiceFiscalePagatore': CF,
        'pagatore/denominazionePagatore': 'Mario Rossi',
        'intestatario/codiceFiscaleIntestatario': CF,
        'intestatario/denominazioneIntestatario': 'Luca Rossi',
        'note/note': 'licenza tipo B',
      },
    ],
    bad: [
      {
        why: 'note longer than 40 characters',
        values: {
          'pagatore/codiceFiscalePagatore': CF,
          'pagatore/denominazionePagatore': 'M',
          'intestatario/codiceFiscaleIntestatario': CF,
          'intestatario/denominazioneIntestatario': 'M',
          'note/note': 'n'.repeat(41),
        },
        errors: [{ path: 'note/note', rule: 'maxLength', limit: 40 }],
      },
    ],
  },
  {
    file: 'Cup_1_0_0.xsd',
    root: 'pagamentoCup',
    namespace: 'http://PuntoAccessoPSP.spcoop.gov.it/Cup',
    fields: [
      'organizationFiscalCode: text required min=11 max=11 pattern=[0-9]{11} choice=choice-1',
      'istatCode: text required max=6 choice=choice-1',
      'catastaleCode: text required min=4 max=4 choice=choice-1',
      'companyName: text required min=1 max=140',
      'debtorFiscalCode: text required min=1 max=20',
      'debtorFullName: text required min=1 max=70',
      'debtorEmail: email optional max=256 pattern=[a-zA-Z0-9_\\.\\+\\-]+@[a-zA-Z0-9\\-]+(\\.[a-zA-Z0-9\\-]+)*',
      'amount: amount required pattern=\\d+\\.\\d{2} maxInclusive=999999999.99',
    ],
    choices: [{ id: 'choice-1', alternatives: [['organizationFiscalCode'], ['istatCode'], ['catastaleCode']] }],
    groups: [],
    valid: [
      {
        organizationFiscalCode: '80015010723',
        companyName: 'ASL Bari',
        debtorFiscalCode: CF,
        debtorFullName: 'Mario Rossi',
        amount: '36,15',
      },
      {
        istatCode: '072006',
        companyName: 'ASL',
        debtorFiscalCode: CF,
        debtorFullName: 'Mario Rossi',
        debtorEmail: 'mario.rossi+cup@example.it',
        amount: '12',
      },
      { catastaleCode: 'A662', companyName: 'ASL', debtorFiscalCode: CF, debtorFullName: 'Mario Rossi', amount: '999999999.99' },
    ],
    bad: [
      {
        why: 'two alternatives of the choice',
        values: {
          organizationFiscalCode: '80015010723',
          istatCode: '072006',
          companyName: 'ASL',
          debtorFiscalCode: CF,
          debtorFullName: 'M',
          amount: '1.00',
        },
        errors: [{ path: 'choice-1', rule: 'choice' }],
      },
      {
        why: 'no alternative of the choice',
        values: { companyName: 'ASL', debtorFiscalCode: CF, debtorFullName: 'M', amount: '1.00' },
        errors: [{ path: 'choice-1', rule: 'choice' }],
      },
      {
        why: 'amount with three decimals',
        values: { istatCode: '072006', companyName: 'ASL', debtorFiscalCode: CF, debtorFullName: 'M', amount: '1.005' },
        errors: [{ path: 'amount', rule: 'amount' }],
      },
      {
        why: 'amount over the maximum',
        values: { istatCode: '072006', companyName: 'ASL', debtorFiscalCode: CF, debtorFullName: 'M', amount: '1000000000.00' },
        errors: [{ path: 'amount', rule: 'amount', limit: '999999999.99' }],
      },
      {
        why: 'e-mail without a domain',
        values: {
          istatCode: '072006',
          companyName: 'ASL',
          debtorFiscalCode: CF,
          debtorFullName: 'M',
          debtorEmail: 'mario@',
          amount: '1.00',
        },
        errors: [{ path: 'debtorEmail', rule: 'pattern', limit: '[a-zA-Z0-9_\\.\\+\\-]+@[a-zA-Z0-9\\-]+(\\.[a-zA-Z0-9\\-]+)*' }],
      },
      {
        why: 'ISTAT code too long',
        values: { istatCode: '0720061', companyName: 'ASL', debtorFiscalCode: CF, debtorFullName: 'M', amount: '1.00' },
        errors: [{ path: 'istatCode', rule: 'maxLength', limit: 6 }],
      },
      {
        why: 'cadastral code of 3 characters',
        values: { catastaleCode: 'A66', companyName: 'ASL', debtorFiscalCode: CF, debtorFullName: 'M', amount: '1.00' },
        errors: [{ path: 'catastaleCode', rule: 'minLength', limit: 4 }],
      },
      {
        why: 'debtor tax code over 20 characters',
        values: { istatCode: '072006', companyName: 'ASL', debtorFiscalCode: 'X'.repeat(21), debtorFullName: 'M', amount: '1.00' },
        errors: [{ path: 'debtorFiscalCode', rule: 'maxLength', limit: 20 }],
      },
    ],
  },
];

describe('forms from the official service XSDs', () => {
  test('the terminal keeps the five service schemas and the common types, unchanged from the official copies', () => {
    const files = readdirSync(SERVICE_SCHEMA_DIR).filter((f) => f.endsWith('.xsd'));
    for (const c of CASES) assert.ok(files.includes(c.file), c.file);
    for (const c of CASES)
      assert.equal(read(c.file), readFileSync(new URL(c.file, SIM_SERVICES), 'utf8'), `${c.file} differs from the simulator's copy`);
    assert.equal(read('sac-common-types-1.0.xsd'), readFileSync(new URL('../xsd-common/sac-common-types-1.0.xsd', SIM_SERVICES), 'utf8'));
  });

  for (const c of CASES) {
    describe(c.file, () => {
      const form = formOf(c.file);

      test('the form says what the XSD says', () => {
        assert.equal(form.xsd, c.file);
        assert.equal(form.root, c.root);
        assert.equal(form.namespace, c.namespace);
        assert.equal(form.elementFormDefault, undefined, 'qualified');
        assert.deepEqual(shape(form), c.fields);
        assert.deepEqual(form.choices, c.choices);
        assert.deepEqual(
          (form.groups ?? []).map((g) => `${g.path} ${g.required ? 'required' : 'optional'}`),
          c.groups,
        );
        assert.ok(serviceFormSchema.safeParse(form).success, 'a valid ServiceForm for the contract');
      });

      test('valid values make XML the real XSD accepts', async () => {
        const xsd = await validatorOf(c.file);
        for (const values of c.valid) {
          assert.deepEqual(validateServiceValues(form, values), { ok: true });
          const xml = serviceDataXml(form, values);
          assert.deepEqual(await xsd.validate(xml), { valid: true, errors: [] }, xml);
        }
      });

      for (const bad of c.bad) {
        test(`refused: ${bad.why}, by the local check and by the XSD`, async () => {
          assert.deepEqual(validateServiceValues(form, bad.values), { ok: false, errors: bad.errors });
          assert.throws(
            () => serviceDataXml(form, bad.values),
            (e: unknown) =>
              e instanceof SportelloError &&
              e.code === 'SERVICE_DATA_INVALID' &&
              JSON.stringify(e.details.errors) === JSON.stringify(bad.errors),
          );
          if (bad.xsdRefuses !== false) {
            const xml = naiveXml(form, bad.values);
            assert.equal((await (await validatorOf(c.file)).validate(xml)).valid, false, `the XSD accepted ${xml}`);
          }
        });
      }
    });
  }

  test('the data document: XSD order, fixed values, amounts normalised, text escaped, absent optionals omitted', () => {
    assert.equal(
      serviceDataXml(formOf('Cup_1_0_0.xsd'), {
        amount: ' 36,5 ',
        debtorFullName: 'Rossi & <Figli>',
        debtorFiscalCode: CF,
        companyName: 'ASL "Bari"',
        istatCode: '072006',
      }),
      '<?xml version="1.0" encoding="UTF-8"?>\n<pagamentoCup xmlns="http://PuntoAccessoPSP.spcoop.gov.it/Cup"><istatCode>072006</istatCode>' +
        '<companyName>ASL &quot;Bari&quot;</companyName><debtorFiscalCode>RSSMRA80A01H501U</debtorFiscalCode>' +
        '<debtorFullName>Rossi &amp; &lt;Figli&gt;</debtorFullName><amount>36.50</amount></pagamentoCup>\n',
    );
    const pesca = {
      'pagatore/codiceFiscalePagatore': CF,
      'pagatore/denominazionePagatore': 'A',
      'intestatario/codiceFiscaleIntestatario': CF,
      'intestatario/denominazioneIntestatario': 'B',
    };
    assert.equal(
      serviceDataXml(formOf('D847_Pesca_1_0_0.xsd'), { ...pesca, 'note/note': 'N' }),
      '<?xml version="1.0" encoding="UTF-8"?>\n<praticaPagamentoCanoni xmlns="http://PuntoAccessoPSP.spcoop.gov.it/praticaPagamentoCanoni">' +
        `<codicePratica>D847</codicePratica><pagatore><codiceFiscalePagatore>${CF}</codiceFiscalePagatore><denominazionePagatore>A</denominazionePagatore></pagatore>` +
        `<intestatario><codiceFiscaleIntestatario>${CF}</codiceFiscaleIntestatario><denominazioneIntestatario>B</denominazioneIntestatario></intestatario>` +
        '<note><note>N</note></note></praticaPagamentoCanoni>\n',
    );
    assert.ok(!serviceDataXml(formOf('D847_Pesca_1_0_0.xsd'), pesca).includes('<note>'), 'the optional note is left out');
  });

  test('every .xsd in the schema folder makes a form (a service schema added later is at least parsed)', () => {
    const files = readdirSync(SERVICE_SCHEMA_DIR).filter((f) => f.endsWith('.xsd'));
    // Library schemas (imported by the services) define types, not a data document.
    const libraries = new Set(files.flatMap((f) => [...read(f).matchAll(/schemaLocation="([^"]+)"/g)].map((m) => basename(m[1]!))));
    const services = files.filter((f) => !libraries.has(f));
    assert.ok(services.length >= CASES.length);
    for (const f of services) {
      const form = formOf(f);
      assert.ok(form.fields.length > 0, `${f} has fields`);
      assert.ok(serviceFormSchema.safeParse(form).success, `${f} makes a valid ServiceForm`);
    }
  });

  test('every label the forms use exists in it, en and de services.json', () => {
    const missing: string[] = [];
    for (const lang of ['it', 'en', 'de']) {
      const catalog = JSON.parse(readFileSync(new URL(`../../../../../locales/${lang}/services.json`, import.meta.url), 'utf8')) as Record<
        string,
        unknown
      >;
      const has = (key: string) =>
        typeof key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], catalog) === 'string';
      const keys = new Set<string>([
        'validation.required',
        'validation.minLength',
        'validation.maxLength',
        'validation.pattern',
        'validation.enum',
        'validation.choice',
        'validation.amount',
        'validation.amountLimit',
        'validation.uppercase',
        'choice.oneOf',
      ]);
      for (const c of CASES) {
        const form = formOf(c.file);
        for (const f of form.fields) {
          keys.add(f.labelKey);
          for (const o of f.options ?? []) keys.add(o.labelKey);
        }
        for (const g of form.groups ?? []) keys.add(g.labelKey);
      }
      for (const k of keys) if (!has(k)) missing.push(`${lang}: ${k}`);
    }
    assert.deepEqual(missing, []);
  });
});

/** A schema written here, with its own validator: the constructs the official five do not use. */
function synthetic(body: string, attrs = 'elementFormDefault="qualified"'): { form: () => ServiceForm; path: string } {
  const text = `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t" ${attrs}>${body}</xs:schema>`;
  const path = join(mkdtempSync(join(tmpdir(), 'xsd-form-')), 'T.xsd');
  writeFileSync(path, text);
  return { form: () => formFromXsd(text, { xsd: 'T.xsd', resolveImport: () => assert.fail('no import') }), path };
}

describe('other schemas', () => {
  test('unqualified local elements, an optional choice, an optional element with a required child, a restriction chain', async () => {
    const s = synthetic(
      `<xs:simpleType name="stCode"><xs:restriction base="xs:string"><xs:maxLength value="5"/><xs:pattern value="[A-Z]+"/></xs:restriction></xs:simpleType>
       <xs:simpleType name="stShortCode"><xs:restriction base="t:stCode"><xs:minLength value="2"/></xs:restriction></xs:simpleType>
       <xs:complexType name="ctExtra"><xs:sequence><xs:element name="a" type="t:stShortCode"/><xs:element name="b" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>
       <xs:element name="doc"><xs:complexType><xs:sequence>
         <xs:element name="code" type="t:stShortCode"/>
         <xs:choice minOccurs="0"><xs:element name="x" type="xs:string"/><xs:sequence><xs:element name="y1" type="xs:string"/><xs:element name="y2" type="xs:string"/></xs:sequence></xs:choice>
         <xs:element name="extra" type="t:ctExtra" minOccurs="0"/>
       </xs:sequence></xs:complexType></xs:element>`,
      'elementFormDefault="unqualified"',
    );
    const form = s.form();
    assert.equal(form.elementFormDefault, 'unqualified');
    assert.deepEqual(shape(form), [
      'code: text required min=2 max=5 pattern=[A-Z]+',
      'x: text required choice=choice-1',
      'y1: text required choice=choice-1',
      'y2: text required choice=choice-1',
      'extra/a: text optional requiredWith=extra min=2 max=5 pattern=[A-Z]+',
      'extra/b: text optional',
    ]);
    assert.deepEqual(form.choices, [{ id: 'choice-1', alternatives: [['x'], ['y1', 'y2']], optional: true }]);
    const xsd = await xsdValidator(s.path);
    const samples: Record<string, string>[] = [
      { code: 'AB' },
      { code: 'AB', y1: '1', y2: '2', 'extra/a': 'CD', 'extra/b': 'z' },
      { code: 'ABC', x: '<&>' },
    ];
    for (const values of samples) {
      const xml = serviceDataXml(form, values);
      assert.deepEqual(await xsd.validate(xml), { valid: true, errors: [] }, xml);
    }
    assert.deepEqual(validateServiceValues(form, { code: 'AB', y1: '1' }), { ok: false, errors: [{ path: 'y2', rule: 'required' }] });
    assert.deepEqual(validateServiceValues(form, { code: 'AB', 'extra/b': 'z' }), {
      ok: false,
      errors: [{ path: 'extra/a', rule: 'required' }],
    });
  });

  const UNSUPPORTED: Array<[string, string, RegExp]> = [
    [
      'an attribute',
      '<xs:element name="d"><xs:complexType><xs:sequence><xs:element name="a" type="xs:string"/></xs:sequence><xs:attribute name="v" type="xs:string" use="required"/></xs:complexType></xs:element>',
      /xs:attribute/,
    ],
    [
      'a repeated element',
      '<xs:element name="d"><xs:complexType><xs:sequence><xs:element name="a" type="xs:string" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>',
      /maxOccurs="unbounded"/,
    ],
    [
      'another built-in type',
      '<xs:element name="d"><xs:complexType><xs:sequence><xs:element name="n" type="xs:int"/></xs:sequence></xs:complexType></xs:element>',
      /xsd:int/,
    ],
    [
      'a union',
      '<xs:simpleType name="u"><xs:union memberTypes="xs:string xs:int"/></xs:simpleType><xs:element name="d"><xs:complexType><xs:sequence><xs:element name="a" type="t:u"/></xs:sequence></xs:complexType></xs:element>',
      /xs:union/,
    ],
    [
      'an element reference',
      '<xs:element name="a" type="xs:string"/><xs:element name="d"><xs:complexType><xs:sequence><xs:element ref="t:a"/></xs:sequence></xs:complexType></xs:element>',
      /^xs:element ref$/,
    ],
    [
      'a choice in a choice',
      '<xs:element name="d"><xs:complexType><xs:choice><xs:element name="a" type="xs:string"/><xs:choice><xs:element name="b" type="xs:string"/></xs:choice></xs:choice></xs:complexType></xs:element>',
      /xs:choice/,
    ],
    [
      'xs:all',
      '<xs:element name="d"><xs:complexType><xs:all><xs:element name="a" type="xs:string"/></xs:all></xs:complexType></xs:element>',
      /xs:all/,
    ],
    [
      'an XSD-only regex escape',
      '<xs:element name="d"><xs:complexType><xs:sequence><xs:element name="a"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="\\i\\c*"/></xs:restriction></xs:simpleType></xs:element></xs:sequence></xs:complexType></xs:element>',
      /\\i \\c/,
    ],
    [
      'a facet the form cannot check',
      '<xs:element name="d"><xs:complexType><xs:sequence><xs:element name="a"><xs:simpleType><xs:restriction base="xs:decimal"><xs:totalDigits value="5"/></xs:restriction></xs:simpleType></xs:element></xs:sequence></xs:complexType></xs:element>',
      /xs:totalDigits/,
    ],
  ];
  for (const [what, body, construct] of UNSUPPORTED) {
    test(`refused, naming the construct: ${what}`, () => {
      assert.throws(
        () => synthetic(body).form(),
        (e: unknown) =>
          e instanceof SportelloError && e.code === 'SERVICE_SCHEMA_UNSUPPORTED' && construct.test(String(e.details.construct)),
      );
    });
  }

  test('a schema that is not one is SERVICE_SCHEMA_INVALID', () => {
    for (const text of [
      'not xml',
      '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="d" type="t:missing" xmlns:t="urn:t"/></xs:schema>',
      '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"></xs:schema>',
    ])
      assert.throws(
        () => formFromXsd(text, { xsd: 'Bad.xsd', resolveImport: () => '' }),
        (e: unknown) => e instanceof SportelloError && e.code === 'SERVICE_SCHEMA_INVALID',
        text,
      );
  });
});
