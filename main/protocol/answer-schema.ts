/**
 * Every OK answer checked against its XSD, field by field, before anything acts on it: one table
 * per response type, transcribed from nodeForPsp.xsd, sac-common-types-1.0.xsd and
 * CatalogoServizi_2_0_0.xsd (SANP 3.13.0), and one walker. Each element the XSD defines is checked
 * for its simple type (length, pattern, enumeration, amount, boolean, date) and its occurrences
 * (1..5 transfers, 1..15 map entries, IBAN or richiestaMarcaDaBollo...). A failure is a
 * `NodeBadResponse` with reason `bad-field` (`missing-field` for a mandatory element that is
 * absent), naming the element (`field`) and the type (`rule`), with an `excerpt` of the value.
 *
 * What the table does not cover, on purpose: elements the XSD does not define are skipped (the
 * node may add fields; see the lenient fixtures), element order is not enforced, and whether an
 * answer carries what the *terminal* needs (a token, a total) is decode.ts's business: the XSD makes
 * nearly everything optional because the same types carry KO answers.
 */
import { excerpt, NodeBadResponse } from './errors';
import { ST, type SimpleType } from './simple-types';
import type { Primitive } from './primitives';
import type { El } from './xml-walk';

export interface LeafSpec {
  readonly kind: 'leaf';
  readonly type: SimpleType;
  readonly min: number;
  readonly max: number;
}

export interface GroupSpec {
  readonly kind: 'group';
  readonly children: Readonly<Record<string, Spec>>;
  readonly min: number;
  readonly max: number;
  /** an xsd:choice among these children: at most one of them is present */
  readonly choice?: readonly string[];
}

export type Spec = LeafSpec | GroupSpec;

const UNBOUNDED = Number.POSITIVE_INFINITY;
const req = (type: SimpleType): LeafSpec => ({ kind: 'leaf', type, min: 1, max: 1 });
const opt = (type: SimpleType): LeafSpec => ({ kind: 'leaf', type, min: 0, max: 1 });
const group = (children: Record<string, Spec>, min = 1, max = 1, choice?: readonly string[]): GroupSpec => ({
  kind: 'group',
  children,
  min,
  max,
  ...(choice ? { choice } : {}),
});

/** common:ctMetadata */
const metadata = group({ mapEntry: group({ key: req(ST.text140), value: req(ST.text140) }, 1, 15) }, 0);

/** ctPaymentOptionDescription (1..5 in ctPaymentOptionsDescriptionList) */
const paymentOption = {
  amount: req(ST.amountNotZero),
  options: req(ST.amountOption),
  dueDate: opt(ST.xsdDate),
  paymentNote: opt(ST.text210),
};
const paymentList = group({ paymentOptionDescription: group(paymentOption, 1, 5) }, 0);
const paymentBollettinoList = group({ paymentOptionDescription: group({ ...paymentOption, allCCP: req(ST.boolean) }, 1, 5) }, 0);

/** ctTransferPSP (activate v1): IBAN mandatory */
const transferV1 = {
  idTransfer: req(ST.idTransferRead),
  transferAmount: req(ST.amount),
  fiscalCodePA: req(ST.fiscalCodePA),
  IBAN: req(ST.iban),
  remittanceInformation: req(ST.text140),
  metadata,
};

/** ctTransferPSPV2: IBAN or richiestaMarcaDaBollo (or neither) */
const transferV2 = {
  idTransfer: req(ST.idTransferRead),
  transferAmount: req(ST.amount),
  fiscalCodePA: req(ST.fiscalCodePA),
  companyName: opt(ST.text140),
  IBAN: opt(ST.iban),
  richiestaMarcaDaBollo: group(
    { hashDocumento: req(ST.base64Binary72), tipoBollo: req(ST.tipoBollo), provinciaResidenza: req(ST.nazioneProvincia) },
    0,
  ),
  remittanceInformation: req(ST.text140),
  transferCategory: opt(ST.text140),
  metadata,
};

/** The elements activatePaymentNoticeRes and activatePaymentNoticeV2Response share. */
const activateHead = {
  totalAmount: opt(ST.amount),
  paymentDescription: opt(ST.text140),
  fiscalCodePA: opt(ST.fiscalCodePA),
  companyName: opt(ST.text140),
  officeName: opt(ST.text140),
  paymentToken: opt(ST.paymentToken),
  creditorReferenceId: opt(ST.id35),
  standin: opt(ST.boolean),
};

const outcomeOnly = group({});

/** The body element of each OK answer (after `outcome`), as the XSD defines it. */
export const ANSWER_SCHEMA: { readonly [P in Primitive]: GroupSpec } = {
  verifyPaymentNotice: group({
    paymentList,
    paymentDescription: opt(ST.text210),
    fiscalCodePA: opt(ST.fiscalCodePA),
    companyName: opt(ST.text140),
    officeName: opt(ST.text140),
    standin: opt(ST.boolean),
  }),
  verificaBollettino: group({
    paymentBollettinoList,
    paymentDescription: opt(ST.text210),
    fiscalCodePA: opt(ST.fiscalCodePA),
    noticeNumber: opt(ST.noticeNumber),
    companyName: opt(ST.text140),
    officeName: opt(ST.text140),
    standin: opt(ST.boolean),
  }),
  activatePaymentNotice: group({
    ...activateHead,
    transferList: group({ transfer: group(transferV1, 1, 5) }, 0),
  }),
  activatePaymentNoticeV2: group({
    ...activateHead,
    transferList: group({ transfer: group(transferV2, 1, 5, ['IBAN', 'richiestaMarcaDaBollo']) }, 0),
    metadata,
    suggestedUserFee: opt(ST.amount),
    suggestedPaFee: opt(ST.amount),
    suggestedIdBundle: opt(ST.id70),
    suggestedIdCiBundle: opt(ST.id70),
    allCCP: opt(ST.boolean),
  }),
  sendPaymentOutcome: outcomeOnly,
  sendPaymentOutcomeV2: outcomeOnly,
  demandPaymentNotice: group({
    qrCode: group({ fiscalCode: req(ST.fiscalCodePA), noticeNumber: req(ST.noticeNumber) }, 0),
    paymentList,
    paymentDescription: opt(ST.text210),
    fiscalCodePA: opt(ST.fiscalCodePA),
    companyName: opt(ST.text140),
    officeName: opt(ST.text140),
  }),
  // The base64 text is checked by catalogue.ts, which then checks the document with CATALOGUE_SCHEMA.
  nodoChiediCatalogoServiziV2: group({}),
};

/** The document inside xmlCatalogoServizi: `listaCatalogoServizi` (CatalogoServizi_2_0_0.xsd). */
export const CATALOGUE_SCHEMA: GroupSpec = group({
  catalogoServizi: group(
    {
      idServizio: req(ST.idServizio),
      descrizioneServizio: req(ST.text70),
      elencoSoggettiEroganti: group({
        soggettoErogante: group(
          {
            idSoggettoServizio: req(ST.idSoggettoServizio),
            idDominio: req(ST.text35),
            denominazioneEnteCreditore: req(ST.text70),
            dataInizioValidita: req(ST.xsdDate),
            dataFineValidita: opt(ST.xsdDate),
            commissione: opt(ST.commissione),
          },
          1,
          UNBOUNDED,
        ),
      }),
      categoria: opt(ST.text35),
      xsdRiferimento: req(ST.text35),
    },
    1,
    UNBOUNDED,
  ),
});

function refuse(primitive: Primitive, reason: 'bad-field' | 'missing-field', field: string, rule: string, value?: string): never {
  const shown = value === undefined ? {} : { value: excerpt(value), length: [...value].length };
  throw new NodeBadResponse(primitive, reason, `${field} does not satisfy ${rule}`, { field, rule, ...shown });
}

const occurrences = (spec: Spec): string =>
  spec.max === UNBOUNDED ? `${spec.min}..unbounded` : spec.min === spec.max ? `${spec.min}` : `${spec.min}..${spec.max}`;

/** Checks the children of `el` against `spec`; `at` is the path shown in errors ('' for the body element). */
export function checkGroup(el: El, spec: GroupSpec, at: string): void {
  let chosen: string | undefined;
  for (const name in spec.children) {
    const child = spec.children[name]!;
    const found = el.all(name);
    const path = at === '' ? name : `${at}/${name}`;
    if (found.length < child.min) refuse(el.primitive, 'missing-field', path, `${name} occurs ${occurrences(child)} times`);
    if (found.length > child.max)
      refuse(el.primitive, 'bad-field', path, `${name} occurs ${occurrences(child)} times, not ${found.length}`);
    if (found.length > 0 && spec.choice?.includes(name)) {
      if (chosen !== undefined)
        refuse(el.primitive, 'bad-field', path, `one of ${spec.choice.join(', ')} (xsd:choice), not both ${chosen} and ${name}`);
      chosen = name;
    }
    found.forEach((item, i) => {
      const itemPath = child.max > 1 ? `${path}[${i + 1}]` : path;
      if (child.kind === 'leaf') checkLeaf(item, child.type, itemPath);
      else {
        checkElementOnly(item, itemPath);
        checkGroup(item, child, itemPath);
      }
    });
  }
}

function checkLeaf(el: El, type: SimpleType, path: string): void {
  const node = el.node;
  if (
    typeof node !== 'string' &&
    (typeof node !== 'object' || Array.isArray(node) || Object.keys(node).some((k) => !k.startsWith('@_') && k !== '#text'))
  ) {
    refuse(el.primitive, 'bad-field', path, `${type.name}: text, not elements`);
  }
  const value = el.text();
  if (!type.test(value)) refuse(el.primitive, 'bad-field', path, type.name, value);
}

/** A complex-typed element holds elements, not text. */
function checkElementOnly(el: El, path: string): void {
  const node = el.node;
  const text = typeof node === 'string' ? node : typeof node === 'object' && !Array.isArray(node) ? node['#text'] : undefined;
  if (typeof text === 'string' && text.trim() !== '') refuse(el.primitive, 'bad-field', path, 'element content, not text', text);
}

/** Checks an OK answer's body element against its response type. */
export function checkAnswer(res: El, primitive: Primitive): void {
  checkGroup(res, ANSWER_SCHEMA[primitive], '');
}
