/**
 * SOAP 1.1 envelopes: finding the one body element of a request (and its exact text, made
 * standalone for the XSD) and wrapping responses. Business errors are never SOAP Faults here: the
 * node answers them inside the normal response; a SOAP Fault is only the last resort for a request
 * in which no operation can be recognised at all.
 */
import { parseXml, elementsOf, type XmlElement } from './xml/parse';
import { escapeXml } from './xml/write';
import { NFP_NS } from './operations';

export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export type EnvelopeResult = { ok: true; body: XmlElement; bodyXml: string } | { ok: false; reason: string };

/** Parses a request envelope; never throws. */
export function readEnvelope(text: string): EnvelopeResult {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (e) {
    return { ok: false, reason: `not well-formed XML: ${(e as Error).message}` };
  }
  if (root.local !== 'Envelope' || root.ns !== SOAP11_NS) {
    return { ok: false, reason: `the root element is not a SOAP 1.1 Envelope ({${root.ns ?? ''}}${root.local})` };
  }
  if (hasText(root)) return { ok: false, reason: 'text directly inside the Envelope' };
  const parts = elementsOf(root);
  const bodyAt = parts.findIndex((p) => p.local === 'Body' && p.ns === SOAP11_NS);
  const expected = bodyAt === 0 || (bodyAt === 1 && parts[0]?.local === 'Header' && parts[0].ns === SOAP11_NS);
  if (bodyAt < 0 || !expected || parts.length !== bodyAt + 1) {
    return { ok: false, reason: 'the Envelope must hold an optional Header followed by one Body' };
  }
  const bodyEl = parts[bodyAt] as XmlElement;
  const inBody = elementsOf(bodyEl);
  if (inBody.length !== 1 || hasText(bodyEl)) return { ok: false, reason: 'the Body must hold exactly one element' };
  const body = inBody[0] as XmlElement;
  return { ok: true, body, bodyXml: standalone(text, body) };
}

/**
 * The body element's own text, with the namespace bindings it inherits from Envelope and Body
 * declared on it, so validating it alone means the same as validating it in place.
 */
function standalone(text: string, el: XmlElement): string {
  let decls = '';
  for (const [prefix, uri] of el.scope) {
    if (el.declared.has(prefix)) continue;
    decls += prefix === '' ? ` xmlns="${escapeXml(uri)}"` : ` xmlns:${prefix}="${escapeXml(uri)}"`;
  }
  return text.slice(el.start, el.nameEnd) + decls + text.slice(el.nameEnd, el.end);
}

function hasText(el: XmlElement): boolean {
  return el.children.some((c) => typeof c === 'string' && c.trim() !== '');
}

/** The response body element, qualified with the nodeForPsp namespace; `inner` is its unqualified children. */
export function responseBody(element: string, inner: string): string {
  return `<nfp:${element} xmlns:nfp="${NFP_NS}">${inner}</nfp:${element}>`;
}

export function envelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP11_NS}"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

/** A SOAP 1.1 Fault, for requests that name no operation the simulator knows. */
export function soapFault(faultcode: 'Client' | 'Server', faultstring: string): string {
  return envelope(
    `<soapenv:Fault><faultcode>soapenv:${faultcode}</faultcode><faultstring>${escapeXml(faultstring)}</faultstring></soapenv:Fault>`,
  );
}
