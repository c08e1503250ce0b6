/**
 * A strict, single-pass XML reader for the node's answers, into the plain tree xml-walk.ts walks:
 * an element with neither attributes nor child elements is its text (trimmed, '' when empty);
 * otherwise an object with `@_name` attributes, child elements by qualified name (an array when
 * repeated, in document order) and `#text` for its text. Comments and processing instructions are
 * skipped; CDATA is text as written.
 *
 * It refuses what is not well-formed (unclosed or crossed tags, a second root, text outside the
 * root, bad names, unquoted, repeated or valueless attributes, a stray `&` or `<`, DTDs, characters
 * XML 1.0 forbids, written or referenced like `&#1;`), with the line. Written for this one job because reading an answer is on every payment's path: a general
 * parser plus its separate validation pass cost several times more than the answer's own handling.
 *
 * Kept apart from the simulator's reader (sim/xml/parse.ts) on purpose: the simulator tests this
 * codec from the node's side, and a shared reader would let one mistake pass on both sides.
 */

export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

// XML 1.0 Name, the BMP part (what the node and every SOAP stack emit).
const NAME_START =
  ':A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME = new RegExp(`[${NAME_START}][${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*`, 'y');
const SPACE = /[ \t\r\n]*/y;
const REFERENCE = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([:A-Za-z_][-A-Za-z0-9._:]*));/y;
const DECLARATION =
  /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1([ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?([ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(yes|no)\5)?[ \t\r\n]*\?>/y;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Characters XML 1.0 forbids in a document (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F). */
const NOT_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const isXmlChar = (c: number): boolean =>
  c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

function lineAt(xml: string, index: number): number {
  let line = 1;
  for (let i = xml.indexOf('\n'); i !== -1 && i < index; i = xml.indexOf('\n', i + 1)) line++;
  return line;
}

interface Frame {
  name: string;
  node: XmlObject;
  text: string;
  hasAttributes: boolean;
  hasChildren: boolean;
}

export function readXml(xml: string): XmlObject {
  const fail = (message: string, at: number): never => {
    throw new XmlSyntaxError(message, lineAt(xml, at));
  };

  /** Entity and character references resolved; a `&` that starts no reference is an error. */
  const decode = (raw: string, at: number): string => {
    let amp = raw.indexOf('&');
    if (amp === -1) return raw;
    let out = '';
    let from = 0;
    while (amp !== -1) {
      REFERENCE.lastIndex = amp;
      const m = REFERENCE.exec(raw);
      if (!m) return fail("'&' does not start a character or entity reference", at + amp);
      out += raw.slice(from, amp);
      if (m[3] !== undefined) out += ENTITIES[m[3]] ?? m[0];
      else {
        const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
        // Dropping it would silently change the value (a token the node never issued).
        if (!isXmlChar(code)) return fail(`${m[0]} refers to a character XML forbids`, at + amp);
        out += String.fromCodePoint(code);
      }
      from = REFERENCE.lastIndex;
      amp = raw.indexOf('&', from);
    }
    return out + raw.slice(from);
  };

  const forbidden = NOT_XML_CHAR.exec(xml);
  if (forbidden)
    fail(`character U+${forbidden[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, forbidden.index);

  const doc: XmlObject = {};
  const stack: Frame[] = [];
  const start = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  let rootDone = false;
  let i = start;
  /** Text since the last tag: comments and processing instructions do not cut it (as fast-xml-parser). */
  let pendingFrom = -1;
  let pending = '';

  const flushText = () => {
    if (pending === '') return;
    const top = stack[stack.length - 1];
    const trimmed = pending.trim();
    if (!top) {
      if (trimmed !== '') fail('text outside the root element', pendingFrom);
    } else if (trimmed !== '') {
      top.text += decode(trimmed, pendingFrom);
    }
    pending = '';
    pendingFrom = -1;
  };

  const attach = (parent: XmlObject, name: string, value: XmlValue) => {
    const existing = Object.hasOwn(parent, name) ? parent[name] : undefined;
    if (existing === undefined) parent[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else parent[name] = [existing, value];
  };

  const readName = (at: number, what: string): string => {
    NAME.lastIndex = at;
    const m = NAME.exec(xml);
    if (!m) return fail(`a ${what} name is expected`, at);
    if (m[0] === '__proto__') return fail(`${what} name __proto__ is not accepted`, at);
    return m[0];
  };

  const skipSpace = (at: number): number => {
    SPACE.lastIndex = at;
    SPACE.exec(xml);
    return SPACE.lastIndex;
  };

  const close = (frame: Frame) => {
    let value: XmlValue;
    if (!frame.hasAttributes && !frame.hasChildren) value = frame.text;
    else {
      if (frame.text !== '') frame.node['#text'] = frame.text;
      value = frame.node;
    }
    const parent = stack[stack.length - 1];
    attach(parent ? parent.node : doc, frame.name, value);
    if (parent) parent.hasChildren = true;
    else rootDone = true;
  };

  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const end = lt === -1 ? xml.length : lt;
    if (end > i) {
      if (pendingFrom === -1) pendingFrom = i;
      pending += xml.slice(i, end);
    }
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const stop = xml.indexOf('-->', lt + 4);
        if (stop === -1) fail('unclosed comment', lt);
        i = stop + 3;
        continue;
      }
      if (xml.startsWith('<![CDATA[', lt)) {
        if (stack.length === 0) fail('CDATA outside the root element', lt);
        const stop = xml.indexOf(']]>', lt + 9);
        if (stop === -1) fail('unclosed CDATA section', lt);
        flushText();
        stack[stack.length - 1]!.text += xml.slice(lt + 9, stop);
        i = stop + 3;
        continue;
      }
      fail('a DTD or markup declaration is not allowed', lt);
    }
    if (next === 0x3f /* ? */) {
      const stop = xml.indexOf('?>', lt + 2);
      if (stop === -1) fail('unclosed processing instruction', lt);
      const target = readName(lt + 2, 'processing instruction');
      if (target.toLowerCase() === 'xml') {
        if (lt !== start) fail('the XML declaration is allowed only at the start', lt);
        DECLARATION.lastIndex = lt;
        if (!DECLARATION.test(xml) || DECLARATION.lastIndex !== stop + 2) fail('a malformed XML declaration', lt);
      }
      i = stop + 2;
      continue;
    }
    flushText();
    if (next === 0x2f /* / */) {
      const name = readName(lt + 2, 'closing tag');
      const gt = skipSpace(lt + 2 + name.length);
      if (xml.charCodeAt(gt) !== 0x3e) fail(`closing tag ${name} is not closed by '>'`, gt);
      const frame = stack.pop();
      if (!frame) fail(`closing tag ${name} without an open element`, lt);
      if (frame!.name !== name) fail(`closing tag ${name} does not match ${frame!.name}`, lt);
      close(frame!);
      i = gt + 1;
      continue;
    }
    if (rootDone && stack.length === 0) fail('a second root element', lt);
    const name = readName(lt + 1, 'tag');
    const frame: Frame = { name, node: {}, text: '', hasAttributes: false, hasChildren: false };
    let at = lt + 1 + name.length;
    for (;;) {
      const spaced = skipSpace(at);
      const c = xml.charCodeAt(spaced);
      if (c === 0x3e /* > */) {
        stack.push(frame);
        i = spaced + 1;
        break;
      }
      if (c === 0x2f /* / */ && xml.charCodeAt(spaced + 1) === 0x3e) {
        close(frame);
        i = spaced + 2;
        break;
      }
      if (spaced === at) fail(`tag ${name}: whitespace expected before an attribute`, at);
      const attr = readName(spaced, 'attribute');
      const eq = skipSpace(spaced + attr.length);
      if (xml.charCodeAt(eq) !== 0x3d /* = */) fail(`attribute ${attr} has no value`, eq);
      const open = skipSpace(eq + 1);
      const quote = xml[open];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attr}: the value is not quoted`, open);
      const shut = xml.indexOf(quote!, open + 1);
      if (shut === -1) fail(`attribute ${attr}: the value is not closed`, open);
      const raw = xml.slice(open + 1, shut);
      if (raw.includes('<')) fail(`attribute ${attr}: '<' in a value`, open);
      const key = `@_${attr}`;
      if (Object.hasOwn(frame.node, key)) fail(`attribute ${attr} repeated`, spaced);
      frame.node[key] = decode(raw.trim(), open + 1);
      frame.hasAttributes = true;
      at = shut + 1;
    }
  }
  flushText();
  if (stack.length > 0) fail(`element ${stack[stack.length - 1]!.name} is not closed`, xml.length);
  if (!rootDone) fail('no root element', xml.length);
  return doc;
}
