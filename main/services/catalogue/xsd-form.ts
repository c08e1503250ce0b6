/**
 * A spontaneous-payment service's form from its official XSD (`datiSpecificiServizio`), and the
 * XML document the values make (issue 15).
 *
 * `formFromXsd` reads the schema with a small namespace-aware reader of its own (below): the
 * protocol's reader keeps children by name, which loses the order of a sequence that mixes
 * elements and choices, and the simulator's reader is out of bounds here. It resolves named simple
 * and complex types, local and imported (`resolveImport`), sequences, nested complex elements
 * (paths), `xs:choice`, minOccurs="0", `fixed`, enumerations and the length / pattern / range
 * facets through restriction chains. Anything else (attributes, repetition, references, unions,
 * other built-in types, XSD-only regex syntax…) is refused with SERVICE_SCHEMA_UNSUPPORTED naming the
 * construct: a field is never silently dropped, and a form that cannot say what the XSD asks is not
 * offered.
 */
import { SportelloError } from '../../../kernel/errors';
import { fileURLToPath } from 'node:url';
import {
  chosenAlternatives,
  fieldInContext,
  serviceValue,
  validateServiceValues,
  type ServiceChoice,
  type ServiceField,
  type ServiceForm,
  type ServiceGroup,
} from '../../contract/service-form';
import { ServiceDataInvalid } from './demand-errors';

/** The terminal's copies of the official service schemas, flat: looked up by base name. */
export const SERVICE_SCHEMA_DIR = fileURLToPath(new URL('./schemas/', import.meta.url));

/** The schema uses something the form generator does not handle (details.construct names it). */
export class ServiceSchemaUnsupported extends SportelloError {
  declare readonly code: 'SERVICE_SCHEMA_UNSUPPORTED';
  constructor(xsd: string, construct: string, at?: string) {
    super('SERVICE_SCHEMA_UNSUPPORTED', `${xsd}: ${construct} is not supported${at ? ` (at ${at})` : ''}`, {
      details: { xsd, construct, ...(at ? { at } : {}) },
    });
  }
}

/** The schema is not one: not XML, a type it names is missing, no root element. */
export class ServiceSchemaInvalid extends SportelloError {
  declare readonly code: 'SERVICE_SCHEMA_INVALID';
  constructor(xsd: string, reason: string) {
    super('SERVICE_SCHEMA_INVALID', `${xsd}: ${reason}`, { details: { xsd, reason } });
  }
}

const XS = 'http://www.w3.org/2001/XMLSchema';

// ---------------------------------------------------------------------------------------------
// A minimal namespace-aware XML reader, enough for schema files: elements, attributes, namespace
// scopes; text, comments and processing instructions are skipped; a DTD is refused.

interface XEl {
  local: string;
  ns: string | null;
  attrs: Map<string, string>;
  children: XEl[];
  scope: Map<string, string>;
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decodeEntities(s: string): string {
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(\w+));/g, (m, hex?: string, dec?: string, name?: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(parseInt(dec, 10)) : (ENTITY[name!] ?? m),
  );
}

function readSchemaXml(text: string, fail: (reason: string) => never): XEl {
  const stack: XEl[] = [];
  let root: XEl | null = null;
  const TAG = /<(\/?)([\w.:-]+)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
  const ATTR = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt === -1) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) fail('unclosed comment');
      i = end + 3;
      continue;
    }
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) fail('unclosed processing instruction');
      i = end + 2;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt);
      if (end === -1) fail('unclosed CDATA');
      i = end + 3;
      continue;
    }
    if (text.startsWith('<!', lt)) fail('a DTD is not allowed');
    TAG.lastIndex = lt;
    const m = TAG.exec(text);
    if (!m) fail(`malformed tag at offset ${lt}`);
    const [, closing, qname, attrText, selfClosing] = m!;
    i = TAG.lastIndex;
    if (closing) {
      const open = stack.pop();
      if (!open || qnameOf(open) !== qname) fail(`unexpected </${qname}> at offset ${lt}`);
      continue;
    }
    const parentScope = stack.at(-1)?.scope ?? new Map<string, string>([['xml', 'http://www.w3.org/XML/1998/namespace']]);
    const scope = new Map(parentScope);
    const attrs = new Map<string, string>();
    for (const a of attrText!.matchAll(ATTR)) {
      const value = decodeEntities(a[2] ?? a[3] ?? '');
      if (a[1] === 'xmlns') scope.set('', value);
      else if (a[1]!.startsWith('xmlns:')) scope.set(a[1]!.slice(6), value);
      else attrs.set(a[1]!, value);
    }
    const colon = qname!.indexOf(':');
    const prefix = colon === -1 ? '' : qname!.slice(0, colon);
    const el: XEl = { local: qname!.slice(colon + 1), ns: scope.get(prefix) ?? null, attrs, children: [], scope };
    (el as XEl & { qname: string }).qname = qname!;
    if (colon !== -1 && !scope.has(prefix)) fail(`undeclared prefix ${prefix}`);
    const parent = stack.at(-1);
    if (parent) parent.children.push(el);
    else if (root) fail('a second root element');
    else root = el;
    if (!selfClosing) stack.push(el);
  }
  if (stack.length) fail(`unclosed <${qnameOf(stack.at(-1)!)}>`);
  if (!root) fail('no root element');
  return root!;
}
const qnameOf = (el: XEl): string => (el as XEl & { qname: string }).qname;

// ---------------------------------------------------------------------------------------------
// The schema model: named types by {namespace}name, resolved lazily (a library schema like
// sac-common-types defines types no service uses, some with constructs the form does not handle).

interface Schema {
  targetNamespace: string;
  qualified: boolean;
  simpleTypes: Map<string, XEl>;
  complexTypes: Map<string, XEl>;
  elements: XEl[];
}

const key = (ns: string | null, local: string): string => `{${ns ?? ''}}${local}`;
const xs = (el: XEl, local?: string): boolean => el.ns === XS && (local === undefined || el.local === local);
/** Children in the XSD namespace, annotations skipped. */
const content = (el: XEl): XEl[] => el.children.filter((c) => !(xs(c, 'annotation') && c.ns === XS));

/** Occurrence bounds; only 0..1 and 1..1 are forms the screen can show. */
function occurs(el: XEl): { min: number; max: number | 'unbounded' } {
  const min = Number(el.attrs.get('minOccurs') ?? '1');
  const maxText = el.attrs.get('maxOccurs') ?? '1';
  return { min, max: maxText === 'unbounded' ? 'unbounded' : Number(maxText) };
}

interface SimpleInfo {
  builtin: string;
  names: string[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enumeration?: { typeName: string; values: string[] };
  maxInclusive?: string;
  minInclusive?: string;
}

interface Context {
  /** Path of the parent element under the root ('' at the root's content). */
  parent: string;
  /** The choice and alternative this particle belongs to. */
  choice?: { id: string; alt: string[] };
  /** Nearest optional ancestor element's path. */
  optional?: string;
  /** Required relative to the nearest optional ancestor or alternative. */
  required: boolean;
}

const SUPPORTED_BUILTINS: Record<string, 'text' | 'amount'> = {
  string: 'text',
  normalizedString: 'text',
  token: 'text',
  decimal: 'amount',
};

class FormBuilder {
  private readonly schemas = new Map<string, Schema>();
  private readonly fields: ServiceField[] = [];
  private readonly choices: ServiceChoice[] = [];
  private readonly groups: ServiceGroup[] = [];
  private main!: Schema;
  /** Complex types being expanded, to refuse a recursive definition. */
  private readonly expanding: string[] = [];

  constructor(
    private readonly xsd: string,
    private readonly resolveImport: (schemaLocation: string) => string,
  ) {}

  unsupported(construct: string, at?: string): never {
    throw new ServiceSchemaUnsupported(this.xsd, construct, at);
  }
  invalid(reason: string): never {
    throw new ServiceSchemaInvalid(this.xsd, reason);
  }

  /** Reads one schema document and the ones it imports or includes. */
  load(text: string, name: string, includedInto?: string): Schema {
    const root = readSchemaXml(text, (reason) => this.invalid(`${name}: ${reason}`));
    if (!xs(root, 'schema')) this.invalid(`${name}: the root is not xs:schema`);
    const targetNamespace = includedInto ?? root.attrs.get('targetNamespace') ?? '';
    let schema = this.schemas.get(targetNamespace);
    if (!schema) {
      schema = {
        targetNamespace,
        qualified: root.attrs.get('elementFormDefault') === 'qualified',
        simpleTypes: new Map(),
        complexTypes: new Map(),
        elements: [],
      };
      this.schemas.set(targetNamespace, schema);
    }
    for (const c of root.children) {
      if (c.ns !== XS) this.unsupported(`<${qnameOf(c)}> at the schema's top level`);
      switch (c.local) {
        case 'annotation':
        case 'notation':
        // Definitions only matter where a field uses them, and a use of any of these is refused there.
        case 'attribute':
        case 'attributeGroup':
        case 'group':
          break;
        case 'simpleType':
          schema.simpleTypes.set(c.attrs.get('name') ?? '', c);
          break;
        case 'complexType':
          schema.complexTypes.set(c.attrs.get('name') ?? '', c);
          break;
        case 'element':
          if (!includedInto) schema.elements.push(c);
          break;
        case 'import':
        case 'include': {
          const location = c.attrs.get('schemaLocation');
          if (!location) this.unsupported(`xs:${c.local} without schemaLocation`);
          const ns = c.attrs.get('namespace') ?? '';
          if (c.local === 'import' && this.schemas.has(ns)) break;
          let imported: string;
          try {
            imported = this.resolveImport(location!);
          } catch (e) {
            this.invalid(`cannot read ${location}: ${(e as Error).message}`);
          }
          this.load(imported!, location!, c.local === 'include' ? targetNamespace : undefined);
          break;
        }
        default:
          this.unsupported(`xs:${c.local}`);
      }
    }
    return schema;
  }

  /** A QName attribute value in the scope of the element carrying it. */
  qname(el: XEl, value: string): { ns: string | null; local: string } {
    const colon = value.indexOf(':');
    const prefix = colon === -1 ? '' : value.slice(0, colon);
    const ns = el.scope.get(prefix);
    if (colon !== -1 && ns === undefined) this.invalid(`undeclared prefix in ${value}`);
    return { ns: ns ?? null, local: value.slice(colon + 1) };
  }

  build(text: string): ServiceForm {
    const main = this.load(text, this.xsd);
    this.main = main;
    if (main.elements.length === 0) this.invalid('no global element (the data document has no root)');
    // The root is the global element nothing refers to (a referenced one is refused where it is used).
    const referenced = new Set<string>();
    const walk = (el: XEl): void => {
      const ref = el.attrs.get('ref');
      if (xs(el, 'element') && ref) referenced.add(this.qname(el, ref).local);
      el.children.forEach(walk);
    };
    main.elements.forEach(walk);
    const roots = main.elements.filter((e) => !referenced.has(e.attrs.get('name') ?? ''));
    if (roots.length !== 1) this.unsupported('more than one global element');
    const rootEl = roots[0]!;
    const root = rootEl.attrs.get('name');
    if (!root) this.invalid('the global element has no name');
    const complex = this.complexTypeOf(rootEl, main, root!);
    if (!complex) this.unsupported('a root element of simple type', root);
    if (complex!.schema !== main) this.unsupported('a complex type from an imported namespace', root);
    this.complexContent(complex!.el, complex!.schema, { parent: '', required: true }, root!);
    return {
      xsd: this.xsd,
      namespace: main.targetNamespace,
      root: root!,
      ...(main.qualified ? {} : { elementFormDefault: 'unqualified' as const }),
      fields: this.fields,
      choices: this.choices,
      groups: this.groups,
    };
  }

  private schemaFor(ns: string | null): Schema {
    const s = this.schemas.get(ns ?? '');
    if (!s) this.invalid(`no schema for namespace ${ns ?? '(none)'}`);
    return s!;
  }

  /** The element's complex type (named or inline), or null when it is of a simple type. */
  private complexTypeOf(el: XEl, schema: Schema, at: string): { el: XEl; schema: Schema; name?: string } | null {
    const inline = content(el).filter((c) => xs(c, 'complexType') || xs(c, 'simpleType'));
    const type = el.attrs.get('type');
    if (inline.length > 1 || (inline.length && type)) this.invalid(`element ${at} has more than one type`);
    if (inline[0]) return xs(inline[0], 'complexType') ? { el: inline[0], schema } : null;
    if (!type) this.unsupported('an element without a type (xs:anyType)', at);
    const q = this.qname(el, type!);
    if (q.ns === XS) return null;
    const s = this.schemaFor(q.ns);
    const ct = s.complexTypes.get(q.local);
    if (ct) return { el: ct, schema: s, name: q.local };
    if (s.simpleTypes.has(q.local)) return null;
    return this.invalid(`type ${type} of ${at} is not defined`);
  }

  private complexContent(ct: XEl, schema: Schema, ctx: Context, at: string): void {
    const name = ct.attrs.get('name');
    const id = key(schema.targetNamespace, name ?? `#${at}`);
    if (name && this.expanding.includes(id)) this.unsupported(`a recursive type (${name})`, at);
    if (ct.attrs.get('mixed') === 'true') this.unsupported('mixed content', at);
    if (ct.attrs.get('abstract') === 'true') this.unsupported('an abstract type', at);
    this.expanding.push(id);
    const parts = content(ct);
    for (const p of parts) {
      if (!xs(p, 'sequence') && !xs(p, 'choice')) this.unsupported(p.ns === XS ? `xs:${p.local} in a complex type` : `<${qnameOf(p)}>`, at);
    }
    if (parts.length > 1) this.unsupported('more than one particle in a complex type', at);
    if (parts.length === 0) this.unsupported('an element with empty content', at);
    this.particle(parts[0]!, schema, ctx, at);
    this.expanding.pop();
  }

  private particle(p: XEl, schema: Schema, ctx: Context, at: string): void {
    const o = occurs(p);
    if (o.max !== 1) this.unsupported(`xs:${p.local} maxOccurs="${o.max}"`, at);
    if (xs(p, 'sequence')) {
      if (o.min !== 1) this.unsupported('an optional xs:sequence', at);
      for (const c of content(p)) {
        if (xs(c, 'element')) this.element(c, schema, ctx);
        else if (xs(c, 'sequence')) this.particle(c, schema, ctx, at);
        else if (xs(c, 'choice')) this.choice(c, schema, ctx, at);
        else this.unsupported(c.ns === XS ? `xs:${c.local} in a sequence` : `<${qnameOf(c)}>`, at);
      }
    } else if (xs(p, 'choice')) this.choice(p, schema, ctx, at);
    else this.unsupported(`xs:${p.local}`, at);
  }

  private choice(c: XEl, schema: Schema, ctx: Context, at: string): void {
    const o = occurs(c);
    if (o.max !== 1) this.unsupported(`xs:choice maxOccurs="${o.max}"`, at);
    if (ctx.choice) this.unsupported('an xs:choice inside an xs:choice', at);
    if (ctx.optional !== undefined) this.unsupported('an xs:choice inside an optional element', at);
    const id = `choice-${this.choices.length + 1}`;
    const choice: ServiceChoice = { id, alternatives: [], ...(o.min === 0 ? { optional: true } : {}) };
    this.choices.push(choice);
    for (const alt of content(c)) {
      const paths: string[] = [];
      const altCtx: Context = { ...ctx, choice: { id, alt: paths }, required: true };
      if (xs(alt, 'element')) {
        if (occurs(alt).min === 0) this.unsupported('an optional alternative of an xs:choice', at);
        this.element(alt, schema, altCtx);
      } else if (xs(alt, 'sequence')) this.particle(alt, schema, altCtx, at);
      else this.unsupported(alt.ns === XS ? `xs:${alt.local} in a choice` : `<${qnameOf(alt)}>`, at);
      const fieldsOfAlt = this.fields.filter((f) => paths.includes(f.path));
      if (!fieldsOfAlt.some((f) => f.kind !== 'fixed')) this.unsupported('an alternative of an xs:choice with nothing to fill', at);
      choice.alternatives.push(paths);
    }
    if (choice.alternatives.length === 0) this.unsupported('an empty xs:choice', at);
  }

  private element(el: XEl, schema: Schema, ctx: Context): void {
    const name = el.attrs.get('name');
    const at = ctx.parent ? `${ctx.parent}/${name ?? '?'}` : (name ?? '?');
    if (el.attrs.has('ref')) this.unsupported('xs:element ref', at);
    if (!name) this.invalid('an element without a name');
    for (const a of ['substitutionGroup', 'abstract', 'default']) if (el.attrs.has(a)) this.unsupported(`xs:element ${a}`, at);
    const form = el.attrs.get('form');
    if (form && (form === 'qualified') !== schema.qualified) this.unsupported(`xs:element form="${form}"`, at);
    const o = occurs(el);
    if (o.max !== 1) this.unsupported(`maxOccurs="${o.max}"`, at);
    if (o.min > 1) this.unsupported(`minOccurs="${o.min}"`, at);
    if (this.fields.some((f) => f.path === at || f.path.startsWith(`${at}/`))) this.unsupported('two elements with the same path', at);
    const optional = o.min === 0;
    // Required relative to the nearest optional ancestor (or alternative): an optional element starts a new context.
    const required = !optional && ctx.required;
    const complex = this.complexTypeOf(el, schema, at);
    if (complex) {
      const fixedAttr = el.attrs.get('fixed');
      if (fixedAttr !== undefined) this.unsupported('fixed on a complex element', at);
      // Elements of a complex type from another namespace would be in that namespace: the data
      // document is written in the service's own.
      if (complex.schema !== this.main) this.unsupported('a complex type from an imported namespace', at);
      this.groups.push({ path: at, name: name!, labelKey: `group.${name}`, required: !optional });
      const inner: Context = optional ? { parent: at, choice: ctx.choice, optional: at, required: true } : { ...ctx, parent: at, required };
      this.complexContent(complex.el, complex.schema, inner, at);
      return;
    }
    const info = this.simpleOf(el, schema, at);
    const field = this.field(el, info, at, name!);
    field.required = ctx.optional === undefined ? !optional && ctx.required : false;
    if (ctx.optional !== undefined && !optional && ctx.required) field.requiredWith = ctx.optional;
    if (ctx.choice) {
      field.choice = ctx.choice.id;
      ctx.choice.alt.push(at);
    }
    this.fields.push(field);
  }

  private field(el: XEl, info: SimpleInfo, at: string, name: string): ServiceField {
    const base = SUPPORTED_BUILTINS[info.builtin];
    if (!base) this.unsupported(`the built-in type xsd:${info.builtin}`, at);
    const fixed = el.attrs.get('fixed');
    const f: ServiceField = { path: at, name, labelKey: `field.${name}`, kind: 'text', required: true };
    if (fixed !== undefined) {
      f.kind = 'fixed';
      f.fixed = fixed;
      return f;
    }
    if (info.minLength !== undefined) f.minLength = info.minLength;
    if (info.maxLength !== undefined) f.maxLength = info.maxLength;
    if (info.pattern !== undefined) {
      f.pattern = info.pattern;
      if (/A-Z/.test(info.pattern) && !/a-z/.test(info.pattern)) f.uppercase = true;
    }
    if (info.enumeration) {
      f.kind = 'enum';
      f.options = info.enumeration.values.map((value) => ({ value, labelKey: `option.${info.enumeration!.typeName}.${value}` }));
    } else if (base === 'amount') {
      f.kind = 'amount';
      f.inputMode = 'decimal';
      if (info.maxInclusive !== undefined) f.maxInclusive = info.maxInclusive;
      if (info.minInclusive !== undefined) f.minInclusive = info.minInclusive;
    } else if (info.names.some((n) => /e-?mail/i.test(n))) {
      f.kind = 'email';
      f.inputMode = 'email';
    } else {
      f.inputMode = info.pattern !== undefined && /^(\[0-9\]|\\d)(\{\d+(,\d*)?\}|\+|\*)?$/.test(info.pattern) ? 'numeric' : 'text';
    }
    if (base !== 'amount' && (info.maxInclusive !== undefined || info.minInclusive !== undefined))
      this.unsupported('a range facet on text', at);
    return f;
  }

  /** A simple type through its restriction chain: the facets of the most derived step win. */
  private simpleOf(el: XEl, schema: Schema, at: string): SimpleInfo {
    const inline = content(el).find((c) => xs(c, 'simpleType'));
    const type = el.attrs.get('type');
    const info: SimpleInfo = { builtin: '', names: [] };
    let patternSteps = 0;
    type Step = { st: XEl; schema: Schema; name: string };
    let step: Step | null = null;
    if (inline) step = { st: inline, schema, name: el.attrs.get('name')! };
    else {
      const q = this.qname(el, type!);
      if (q.ns === XS) return { builtin: q.local, names: [] };
      const s = this.schemaFor(q.ns);
      step = { st: s.simpleTypes.get(q.local)!, schema: s, name: q.local };
    }
    for (let depth = 0; step; depth++) {
      if (depth > 32) this.unsupported('a restriction chain deeper than 32 steps', at);
      info.names.push(step.name);
      const parts = content(step.st);
      const r = parts.find((c) => xs(c, 'restriction'));
      if (!r || parts.length !== 1)
        this.unsupported(
          parts[0] && parts[0].ns === XS ? `xs:${parts[0].local} in a simple type` : 'a simple type without a restriction',
          at,
        );
      const patterns: string[] = [];
      const enums: string[] = [];
      let next: Step | null = null;
      for (const f of content(r!)) {
        const v = f.attrs.get('value') ?? '';
        switch (f.ns === XS ? f.local : '') {
          case 'length':
            info.minLength ??= Number(v);
            info.maxLength ??= Number(v);
            break;
          case 'minLength':
            info.minLength ??= Number(v);
            break;
          case 'maxLength':
            info.maxLength ??= Number(v);
            break;
          case 'pattern':
            patterns.push(v);
            break;
          case 'enumeration':
            enums.push(v);
            break;
          case 'maxInclusive':
            info.maxInclusive ??= v;
            break;
          case 'minInclusive':
            info.minInclusive ??= v;
            break;
          case 'whiteSpace':
            // Values are trimmed and sent as typed; collapsing inner spaces would change what the user sees.
            if (v === 'collapse' || v === 'replace') this.unsupported(`xs:whiteSpace ${v}`, at);
            break;
          case 'simpleType':
            next = { st: f, schema: step.schema, name: step.name };
            break;
          default:
            this.unsupported(f.ns === XS ? `the facet xs:${f.local}` : `<${qnameOf(f)}>`, at);
        }
      }
      if (patterns.length) {
        // Patterns of one step are alternatives; patterns of several steps all apply: one regex cannot say that.
        if (++patternSteps > 1) this.unsupported('patterns at several steps of a restriction chain', at);
        for (const p of patterns) this.checkPattern(p, at);
        info.pattern = patterns.length === 1 ? patterns[0] : patterns.map((p) => `(?:${p})`).join('|');
      }
      if (enums.length && !info.enumeration) info.enumeration = { typeName: step.name, values: enums };
      const base = r!.attrs.get('base');
      if (next) step = next;
      else if (!base) this.invalid(`a restriction without a base (${at})`);
      else {
        const q = this.qname(r!, base);
        if (q.ns === XS) {
          info.builtin = q.local;
          step = null;
        } else {
          const s = this.schemaFor(q.ns);
          const st = s.simpleTypes.get(q.local);
          if (!st) this.invalid(`type ${base} is not defined (${at})`);
          step = { st: st!, schema: s, name: q.local };
        }
      }
    }
    return info;
  }

  /** XSD regex syntax JS does not share is refused rather than misread. */
  private checkPattern(p: string, at: string): void {
    if (/\\[iIcC]/.test(p)) this.unsupported(`the XSD regex escapes \\i \\c in pattern ${p}`, at);
    if (/\\[pP]\{Is/.test(p)) this.unsupported(`a Unicode block escape in pattern ${p}`, at);
    if (/-\[/.test(p)) this.unsupported(`character class subtraction in pattern ${p}`, at);
    // ^ and $ are ordinary characters in XSD but anchors in JS.
    if (/(^|[^\\])[$]/.test(p) || /(^|[^\\[])\^/.test(p)) this.unsupported(`a literal ^ or $ in pattern ${p}`, at);
    try {
      new RegExp(`^(?:${p})$`, 'u');
    } catch {
      this.unsupported(`pattern ${p}`, at);
    }
  }
}

/**
 * The form of one service schema. `opts.xsd` is the schema's name (the catalogue's xsdRiferimento,
 * base name); `resolveImport` gives the text of a schema it imports or includes, by its
 * schemaLocation as written (e.g. '../xsd-common/sac-common-types-1.0.xsd').
 */
export function formFromXsd(xsdText: string, opts: { xsd: string; resolveImport: (schemaLocation: string) => string }): ServiceForm {
  return new FormBuilder(opts.xsd, opts.resolveImport).build(xsdText);
}

const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * The datiSpecificiServizio document: the root element in the target namespace, elements in the
 * XSD's order, fixed values written, optional absent fields and the choice's other alternatives
 * left out, amounts as `\d+\.\d{2}`, text XML-escaped. Refuses values the form refuses
 * (SERVICE_DATA_INVALID, details.errors) so nothing invalid is sent.
 */
export function serviceDataXml(form: ServiceForm, values: Record<string, string>): string {
  const checked = validateServiceValues(form, values);
  if (!checked.ok) throw new ServiceDataInvalid(checked.errors);
  const chosen = chosenAlternatives(form, values);
  const qualified = form.elementFormDefault !== 'unqualified';
  const rootName = qualified ? form.root : `s:${form.root}`;
  const nsDecl = form.namespace ? (qualified ? ` xmlns="${escapeXml(form.namespace)}"` : ` xmlns:s="${escapeXml(form.namespace)}"`) : '';
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<${rootName}${nsDecl}>`;
  const open: string[] = [];
  for (const f of form.fields) {
    const present = f.kind === 'fixed' ? f.required || f.requiredWith !== undefined : serviceValue(f, values) !== '';
    if (!present || !fieldInContext(form, f, values, chosen)) continue;
    const steps = f.path.split('/');
    const parents = steps.slice(0, -1);
    let common = 0;
    while (common < open.length && common < parents.length && open[common] === parents[common]) common++;
    while (open.length > common) xml += `</${open.pop()}>`;
    for (const p of parents.slice(common)) {
      xml += `<${p}>`;
      open.push(p);
    }
    xml += `<${f.name}>${escapeXml(serviceValue(f, values))}</${f.name}>`;
  }
  while (open.length) xml += `</${open.pop()}>`;
  return `${xml}</${rootName}>\n`;
}
