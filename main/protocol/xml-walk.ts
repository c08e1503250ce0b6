/**
 * Reading answers. Any namespace prefix is accepted (only URIs matter): the envelope, its body and
 * the body element are checked by namespace URI; below the body element prefixes are ignored and
 * unknown elements skipped, so the node can add fields without breaking the terminal.
 * Every failure is a `NodeBadResponse`; nothing here throws untyped.
 */
import { amountToCents, type Cents } from '../../kernel/money';
import { NodeBadResponse, type BadResponseReason } from './errors';
import { SOAP11_ENVELOPE_NS, type Primitive } from './primitives';
import { readXml, XmlSyntaxError, type XmlObject, type XmlValue } from './xml-parse';

const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);
const prefixOf = (qname: string): string => (qname.includes(':') ? qname.slice(0, qname.indexOf(':')) : '');
const isElementKey = (k: string): boolean => !k.startsWith('@_') && k !== '#text';
/** localName(qname) === name, without building the substring. */
const hasLocalName = (qname: string, name: string): boolean => {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname === name : qname.length - colon - 1 === name.length && qname.endsWith(name);
};

/** Parses XML into a plain tree; `fail` turns problems into the caller's typed error. */
export function parseXmlTree(
  xml: string,
  fail: (reason: BadResponseReason, message: string, details?: Record<string, unknown>) => never,
): XmlObject {
  if (typeof xml !== 'string' || xml.trim() === '') fail('empty', 'no body');
  // SOAP forbids DTDs; refusing them also rules out entity-expansion tricks.
  if (/<!DOCTYPE/i.test(xml)) fail('not-xml', 'a DTD is not allowed in SOAP');
  try {
    return readXml(xml);
  } catch (e) {
    return fail('not-xml', (e as Error).message, e instanceof XmlSyntaxError ? { line: e.line } : {});
  }
}

/** A cursor on one element with the path that led to it, for precise errors. */
export class El {
  constructor(
    readonly node: XmlValue,
    readonly path: string,
    readonly primitive: Primitive,
  ) {}

  fail(reason: BadResponseReason, message: string, details: Record<string, unknown> = {}): never {
    throw new NodeBadResponse(this.primitive, reason, message, { path: this.path, ...details });
  }

  private obj(): XmlObject | undefined {
    return typeof this.node === 'object' && !Array.isArray(this.node) ? this.node : undefined;
  }

  /** Child elements with this local name, whatever their prefix, in document order per key. */
  all(name: string): El[] {
    const o = this.obj();
    if (!o) return [];
    const out: El[] = [];
    // Compared in place rather than through Object.entries and localName: this runs for every field read.
    for (const k in o) {
      if (!isElementKey(k) || !hasLocalName(k, name)) continue;
      const v = o[k]!;
      for (const item of Array.isArray(v) ? v : [v]) out.push(new El(item, `${this.path}/${name}`, this.primitive));
    }
    return out;
  }

  opt(name: string): El | undefined {
    const found = this.all(name);
    if (found.length > 1) this.fail('bad-field', `${name} appears ${found.length} times`, { element: name });
    return found[0];
  }

  req(name: string): El {
    return this.opt(name) ?? this.fail('missing-field', `${this.path}/${name} is missing`, { element: name });
  }

  /** Text content; an element that has child elements is not text. */
  text(): string {
    if (typeof this.node === 'string') return this.node;
    const o = this.obj();
    if (o && !Object.keys(o).some(isElementKey)) {
      const t = o['#text'];
      return typeof t === 'string' ? t : '';
    }
    return this.fail('bad-field', `${this.path} is not a text element`);
  }

  optText(name: string): string | undefined {
    return this.opt(name)?.text();
  }

  /** Mandatory, non-empty text. */
  reqText(name: string): string {
    const el = this.req(name);
    const t = el.text();
    if (t === '') el.fail('missing-field', `${el.path} is empty`);
    return t;
  }

  /** Optional text where an empty element counts as absent. */
  optNonEmpty(name: string): string | undefined {
    const t = this.optText(name);
    return t === undefined || t === '' ? undefined : t;
  }

  amount(): Cents {
    const t = this.text();
    try {
      return amountToCents(t);
    } catch {
      return this.fail('bad-field', `${this.path} is not a stAmount: ${JSON.stringify(t.slice(0, 40))}`);
    }
  }

  reqAmount(name: string): Cents {
    return this.req(name).amount();
  }

  optAmount(name: string): Cents | undefined {
    return this.opt(name)?.amount();
  }

  optBool(name: string): boolean | undefined {
    const el = this.opt(name);
    if (!el) return undefined;
    const t = el.text();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
    return el.fail('bad-field', `${el.path} is not a boolean`);
  }

  reqBool(name: string): boolean {
    return this.optBool(name) ?? this.fail('missing-field', `${this.path}/${name} is missing`, { element: name });
  }

  /** Attributes declared on this element (prefix -> namespace URI for xmlns ones). */
  namespaces(): Record<string, string> {
    const o = this.obj();
    const out: Record<string, string> = {};
    if (!o) return out;
    for (const [k, v] of Object.entries(o)) {
      if (k === '@_xmlns' && typeof v === 'string') out[''] = v;
      else if (k.startsWith('@_xmlns:') && typeof v === 'string') out[k.slice('@_xmlns:'.length)] = v;
    }
    return out;
  }
}

/** Element children of a tree node as [qualified name, value] pairs. */
function elementEntries(node: XmlValue): Array<[string, XmlValue]> {
  if (typeof node !== 'object' || Array.isArray(node)) return [];
  const out: Array<[string, XmlValue]> = [];
  for (const [k, v] of Object.entries(node)) {
    if (!isElementKey(k)) continue;
    for (const item of Array.isArray(v) ? v : [v]) out.push([k, item]);
  }
  return out;
}

export interface BodyElement {
  name: string;
  namespace: string | undefined;
  el: El;
}

/**
 * Opens a SOAP 1.1 envelope and returns the elements of its body, namespaces resolved.
 * A soap:Fault is reported as `NodeBadResponse` (reason `soap-fault`) with its faultcode/faultstring.
 */
export function openEnvelope(xml: string, primitive: Primitive): BodyElement[] {
  const fail = (reason: BadResponseReason, message: string, details: Record<string, unknown> = {}): never => {
    throw new NodeBadResponse(primitive, reason, message, details);
  };
  const doc = parseXmlTree(xml, fail);
  const roots = elementEntries(doc);
  const [rootName, root] = roots[0] ?? ['', ''];
  if (roots.length !== 1 || localName(rootName) !== 'Envelope')
    fail('not-soap', 'the root is not a SOAP Envelope', { root: localName(rootName) });
  const envNs = new El(root, 'Envelope', primitive).namespaces();
  if (envNs[prefixOf(rootName)] !== SOAP11_ENVELOPE_NS) fail('not-soap', 'the Envelope is not in the SOAP 1.1 namespace');
  const bodies = elementEntries(root).filter(([k]) => localName(k) === 'Body');
  if (bodies.length !== 1) fail('not-soap', `the Envelope has ${bodies.length} Body elements`);
  const [bodyName, body] = bodies[0]!;
  const bodyNs = { ...envNs, ...new El(body, 'Body', primitive).namespaces() };
  if (bodyNs[prefixOf(bodyName)] !== SOAP11_ENVELOPE_NS) fail('not-soap', 'the Body is not in the SOAP 1.1 namespace');
  const elements = elementEntries(body).map(([qname, value]): BodyElement => {
    const el = new El(value, localName(qname), primitive);
    return { name: localName(qname), namespace: { ...bodyNs, ...el.namespaces() }[prefixOf(qname)], el };
  });
  const fault = elements.find((e) => e.name === 'Fault' && e.namespace === SOAP11_ENVELOPE_NS);
  if (fault) {
    const faultcode = fault.el.optText('faultcode');
    const faultstring = fault.el.optText('faultstring');
    fail('soap-fault', faultstring ?? 'SOAP Fault', { faultcode, faultstring });
  }
  return elements;
}
