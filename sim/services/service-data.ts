/**
 * What the creditor makes of a spontaneous payment's data (datiSpecificiServizio): libxml2's schema
 * verdict turned into a description that names the offending element in one stable form, and the
 * position's amount when the provider's amount is a rule. Pure: the caller turns `DataRefusal` into
 * the creditor's fault.
 */
import { amountToCents, MAX_CENTS, type Cents } from '../../kernel/money';
import { elementsOf, textOf, type XmlElement } from '../xml/parse';
import { carTaxCents } from './car-tax';
import type { AmountRule } from '../model';

/** The creditor refuses the data: `code` is its PAA fault, `element` the local name at fault. */
export class DataRefusal extends Error {
  constructor(
    readonly code: 'PAA_SINTASSI_XSD' | 'PAA_SEMANTICA',
    readonly element: string | null,
    message: string,
  ) {
    super(message);
  }
}

const MESSAGE_CAP = 300;
const ELEMENT = /^Element '(?:\{[^}]*\})?([^']+)': ?(.*)$/s;
const MISSING = /^Missing child element\(s\)\. Expected is \( (.*) \)\.?$/s;
const QNAME = /\{[^}]*\}/g;

/**
 * One libxml2 validation message in the form `element '<local name>': <what is wrong>`, the element
 * being the one to correct: for a missing child, the first child expected ("element 'veicoloTarga':
 * missing in 'veicoloConTarga'"), otherwise the element the message is about. Namespaces are dropped.
 */
export function describeXsdError(message: string): { element: string | null; text: string } {
  const m = ELEMENT.exec(message.trim());
  if (!m) return { element: null, text: cap(message.trim()) };
  const [, local, rest] = m as unknown as [string, string, string];
  const missing = MISSING.exec(rest);
  if (missing) {
    const first = (missing[1] as string).split(',')[0]?.replace(QNAME, '').trim() ?? '';
    if (first !== '') return { element: first, text: `element '${first}': missing in '${local}'` };
  }
  return { element: local, text: cap(`element '${local}': ${rest.replace(QNAME, '')}`) };
}

/** The whole verdict: every message in the stable form, the first one's element as the field at fault. */
export function describeXsdErrors(messages: string[]): { element: string | null; text: string } {
  const all = messages.map(describeXsdError);
  return { element: all[0]?.element ?? null, text: all.map((d) => d.text).join('; ') || 'invalid' };
}

function cap(s: string): string {
  return s.length <= MESSAGE_CAP ? s : `${s.slice(0, MESSAGE_CAP - 1)}…`;
}

/** The text of the first element of that local name, depth first (the data's schemas never repeat one). */
export function findElementText(root: XmlElement, local: string): string | undefined {
  if (root.local === local) return textOf(root);
  for (const child of elementsOf(root)) {
    const found = findElementText(child, local);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The amount a rule gives for these data (already valid against the service's schema). */
export function ruleAmountCents(rule: AmountRule, root: XmlElement): Cents {
  const need = (local: string): string => {
    const v = findElementText(root, local);
    if (v === undefined || v.trim() === '')
      throw new DataRefusal('PAA_SEMANTICA', local, `element '${local}': missing, the amount depends on it`);
    return v.trim();
  };
  if (rule.rule === 'car-tax') {
    const cls = need('tipoVeicoloTarga');
    const plate = need('veicoloTarga');
    try {
      return carTaxCents(cls, plate);
    } catch (e) {
      throw new DataRefusal('PAA_SEMANTICA', 'tipoVeicoloTarga', `element 'tipoVeicoloTarga': ${(e as Error).message}`);
    }
  }
  const text = need(rule.element);
  let cents: Cents;
  try {
    cents = amountToCents(text);
  } catch {
    throw new DataRefusal(
      'PAA_SEMANTICA',
      rule.element,
      `element '${rule.element}': '${cap(text)}' is not an amount in euro with two decimals`,
    );
  }
  if (cents < 1 || cents > MAX_CENTS)
    throw new DataRefusal('PAA_SEMANTICA', rule.element, `element '${rule.element}': the amount must be between 0.01 and 999999999.99`);
  return cents;
}
