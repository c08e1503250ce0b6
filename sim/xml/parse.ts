/**
 * A small, strict, namespace-aware XML reader for SOAP requests. Hand-written because the
 * simulator must (a) resolve namespaces to tell `nfp:idPSP` from `idPSP`, (b) know where the body
 * element sits in the raw text so the XSD sees exactly the bytes the client sent, and (c) refuse
 * what SOAP forbids (DTDs, so no entity expansion) instead of silently tolerating it.
 * Iterative (an explicit stack), depth-limited, and every failure is an XmlSyntaxError.
 *
 * Kept apart from the terminal's reader (main/protocol/xml-parse.ts) on purpose: the simulator is
 * the other side of that codec, and a shared reader would let one mistake pass on both sides.
 */
import { SportelloError } from '../../kernel/errors';

export class XmlSyntaxError extends SportelloError {
  constructor(message: string, offset: number) {
    super('SIM_XML_SYNTAX', `${message} (at offset ${offset})`, { details: { offset } });
  }
}

export interface XmlAttribute {
  readonly qname: string;
  readonly value: string;
}

export interface XmlElement {
  readonly qname: string;
  readonly local: string;
  /** namespace URI, null when unqualified */
  readonly ns: string | null;
  readonly attrs: readonly XmlAttribute[];
  readonly children: Array<XmlElement | string>;
  /** every binding in scope here, own declarations included ('' = default namespace) */
  readonly scope: ReadonlyMap<string, string>;
  /** the bindings this element declares itself */
  readonly declared: ReadonlyMap<string, string>;
  /** offset of '<' */
  readonly start: number;
  /** offset just after the element name in the start tag */
  readonly nameEnd: number;
  /** offset just after the end tag (or '/>') */
  end: number;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const NAME = /[A-Za-z_:\u00C0-\uFFFF][\w.\-:\u00B7\u00C0-\uFFFF]*/y;
const WS = /[ \t\r\n]*/y;
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

export interface ParseOptions {
  /** deepest element nesting accepted (SOAP messages here are < 10 deep) */
  maxDepth?: number;
}

/** Parses a whole document and returns its root element. */
export function parseXml(text: string, opts: ParseOptions = {}): XmlElement {
  return new Reader(text, opts.maxDepth ?? 64).document();
}

/** Concatenated text of an element's direct text children. */
export function textOf(el: XmlElement): string {
  let s = '';
  for (const c of el.children) if (typeof c === 'string') s += c;
  return s;
}

/** Element children only. */
export function elementsOf(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string');
}

class Reader {
  private pos = 0;
  /** where an XML declaration may stand: the very start, or just after a byte-order mark */
  private declarationAt = 0;

  constructor(
    private readonly src: string,
    private readonly maxDepth: number,
  ) {}

  document(): XmlElement {
    const bad = FORBIDDEN_CHAR.exec(this.src);
    if (bad) this.fail('character not allowed in XML', bad.index);
    if (this.src.charCodeAt(0) === 0xfeff) this.pos = this.declarationAt = 1;
    this.misc(true);
    if (this.src[this.pos] !== '<') this.fail(this.pos >= this.src.length ? 'no root element' : 'text before the root element');
    const root = this.elementTree();
    this.misc(false);
    if (this.pos < this.src.length) this.fail('content after the root element');
    return root;
  }

  /** Whitespace, comments and processing instructions around the root; a DTD is refused. */
  private misc(prolog: boolean): void {
    for (;;) {
      this.skipWs();
      if (this.src.startsWith('<?', this.pos)) this.pi(prolog);
      else if (this.src.startsWith('<!--', this.pos)) this.comment();
      else if (this.src.startsWith('<!', this.pos)) this.fail('DTDs and declarations are not allowed in SOAP messages');
      else return;
    }
  }

  private elementTree(): XmlElement {
    const stack: XmlElement[] = [];
    let root: XmlElement | undefined;
    for (;;) {
      const top = stack[stack.length - 1];
      if (this.pos >= this.src.length) this.fail(`unexpected end of document inside <${top?.qname ?? ''}>`);
      if (this.src[this.pos] !== '<') {
        if (!top) this.fail('text outside the root element');
        top.children.push(this.text());
        continue;
      }
      if (this.src.startsWith('</', this.pos)) {
        if (!top) this.fail('end tag without start tag');
        this.endTag(top);
        stack.pop();
        if (stack.length === 0) return top;
        continue;
      }
      if (this.src.startsWith('<!--', this.pos)) {
        this.comment();
        continue;
      }
      if (this.src.startsWith('<![CDATA[', this.pos)) {
        if (!top) this.fail('CDATA outside the root element');
        const close = this.src.indexOf(']]>', this.pos + 9);
        if (close < 0) this.fail('unterminated CDATA section');
        top.children.push(this.src.slice(this.pos + 9, close));
        this.pos = close + 3;
        continue;
      }
      if (this.src.startsWith('<?', this.pos)) {
        this.pi(false);
        continue;
      }
      if (this.src.startsWith('<!', this.pos)) this.fail('declarations are not allowed inside elements');
      if (!top && root) this.fail('second root element');
      const el = this.startTag(top);
      if (top) top.children.push(el);
      else root = el;
      if (el.end === -1) {
        if (stack.length + 1 > this.maxDepth) this.fail(`elements nested deeper than ${this.maxDepth}`);
        stack.push(el);
      } else if (!top) {
        return el;
      }
    }
  }

  private startTag(parent: XmlElement | undefined): XmlElement {
    const start = this.pos;
    this.pos++;
    const qname = this.name();
    const nameEnd = this.pos;
    const attrs: XmlAttribute[] = [];
    let selfClosing = false;
    for (;;) {
      const hadWs = this.skipWs() > 0;
      if (this.src.startsWith('/>', this.pos)) {
        this.pos += 2;
        selfClosing = true;
        break;
      }
      if (this.src[this.pos] === '>') {
        this.pos++;
        break;
      }
      if (this.pos >= this.src.length) this.fail(`unterminated start tag <${qname}>`);
      if (!hadWs) this.fail(`expected whitespace, '>' or '/>' in <${qname}>`);
      const attrName = this.name();
      this.skipWs();
      if (this.src[this.pos] !== '=') this.fail(`attribute ${attrName} without '='`);
      this.pos++;
      this.skipWs();
      const quote = this.src[this.pos];
      if (quote !== '"' && quote !== "'") this.fail(`attribute ${attrName} value not quoted`);
      const close = this.src.indexOf(quote, this.pos + 1);
      if (close < 0) this.fail(`unterminated value of attribute ${attrName}`);
      const raw = this.src.slice(this.pos + 1, close);
      if (raw.includes('<')) this.fail(`'<' in the value of attribute ${attrName}`, this.pos);
      if (attrs.some((a) => a.qname === attrName)) this.fail(`duplicate attribute ${attrName}`);
      attrs.push({ qname: attrName, value: this.decode(raw, this.pos + 1) });
      this.pos = close + 1;
    }
    const declared = new Map<string, string>();
    for (const a of attrs) {
      if (a.qname === 'xmlns') declared.set('', a.value);
      else if (a.qname.startsWith('xmlns:')) {
        const prefix = a.qname.slice(6);
        if (prefix === 'xmlns' || (prefix === 'xml') !== (a.value === XML_NS)) this.fail(`reserved namespace binding ${a.qname}`, start);
        if (a.value === '') this.fail(`empty namespace for prefix ${prefix}`, start);
        declared.set(prefix, a.value);
      }
    }
    const scope = new Map(parent?.scope ?? []);
    for (const [p, uri] of declared) scope.set(p, uri);
    const { prefix, local } = this.split(qname, start);
    let ns: string | null;
    if (prefix === null) ns = scope.get('') || null;
    else {
      const bound = prefix === 'xml' ? XML_NS : scope.get(prefix);
      if (bound === undefined) this.fail(`undeclared namespace prefix '${prefix}'`, start);
      ns = bound;
    }
    for (const a of attrs) {
      if (a.qname === 'xmlns' || a.qname.startsWith('xmlns:')) continue;
      const p = this.split(a.qname, start).prefix;
      if (p !== null && p !== 'xml' && !scope.has(p)) this.fail(`undeclared namespace prefix '${p}'`, start);
    }
    return { qname, local, ns, attrs, children: [], scope, declared, start, nameEnd, end: selfClosing ? this.pos : -1 };
  }

  private endTag(open: XmlElement): void {
    this.pos += 2;
    const name = this.name();
    if (name !== open.qname) this.fail(`end tag </${name}> does not match <${open.qname}>`);
    this.skipWs();
    if (this.src[this.pos] !== '>') this.fail(`unterminated end tag </${name}>`);
    this.pos++;
    open.end = this.pos;
  }

  private text(): string {
    const next = this.src.indexOf('<', this.pos);
    const stop = next < 0 ? this.src.length : next;
    const raw = this.src.slice(this.pos, stop);
    if (raw.includes(']]>')) this.fail("']]>' in text", this.pos);
    const value = this.decode(raw, this.pos);
    this.pos = stop;
    return value;
  }

  private comment(): void {
    const close = this.src.indexOf('-->', this.pos + 4);
    if (close < 0) this.fail('unterminated comment');
    this.pos = close + 3;
  }

  private pi(prolog: boolean): void {
    const close = this.src.indexOf('?>', this.pos + 2);
    if (close < 0) this.fail('unterminated processing instruction');
    const target = /^<\?([^\s?]*)/.exec(this.src.slice(this.pos, close + 2))?.[1] ?? '';
    if (target.toLowerCase() === 'xml' && !(prolog && this.pos === this.declarationAt)) this.fail('XML declaration not at the start');
    this.pos = close + 2;
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.src);
    if (!m) this.fail('expected a name');
    this.pos += m[0].length;
    return m[0];
  }

  private split(qname: string, at: number): { prefix: string | null; local: string } {
    const i = qname.indexOf(':');
    if (i < 0) return { prefix: null, local: qname };
    if (i === 0 || i === qname.length - 1 || qname.indexOf(':', i + 1) >= 0) this.fail(`malformed qualified name ${qname}`, at);
    return { prefix: qname.slice(0, i), local: qname.slice(i + 1) };
  }

  private skipWs(): number {
    WS.lastIndex = this.pos;
    const m = WS.exec(this.src);
    const n = m ? m[0].length : 0;
    this.pos += n;
    return n;
  }

  /** Resolves the five predefined entities and character references; anything else is an error. */
  private decode(raw: string, at: number): string {
    if (!raw.includes('&')) return raw;
    let out = '';
    let i = 0;
    for (;;) {
      const amp = raw.indexOf('&', i);
      if (amp < 0) return out + raw.slice(i);
      const semi = raw.indexOf(';', amp);
      if (semi < 0 || semi - amp > 12) this.fail('malformed entity reference', at + amp);
      const ref = raw.slice(amp + 1, semi);
      let ch = PREDEFINED[ref];
      if (ch === undefined) {
        const code = /^#[0-9]+$/.test(ref) ? Number(ref.slice(1)) : /^#x[0-9a-fA-F]+$/.test(ref) ? parseInt(ref.slice(2), 16) : NaN;
        if (Number.isNaN(code)) this.fail(`undefined entity &${ref};`, at + amp);
        if (!isXmlChar(code)) this.fail(`character reference &${ref}; is not an XML character`, at + amp);
        ch = String.fromCodePoint(code);
      }
      out += raw.slice(i, amp) + ch;
      i = semi + 1;
    }
  }

  private fail(message: string, at: number = this.pos): never {
    throw new XmlSyntaxError(message, at);
  }
}

function isXmlChar(c: number): boolean {
  return (
    c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff)
  );
}
