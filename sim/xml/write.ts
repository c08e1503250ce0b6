/**
 * Builders for the simulator's responses. Children of pagoPA body elements are unqualified (the
 * XSDs have no elementFormDefault), so plain names are right everywhere below the body element.
 * Optional fields are `undefined` and disappear, which keeps each builder a flat list in XSD order.
 */

export function escapeXml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** `<name>value</name>`, or nothing when value is undefined. */
export function leaf(name: string, value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `<name>…children…</name>`, or nothing when children is undefined. */
export function node(name: string, children: ReadonlyArray<string> | undefined): string {
  if (children === undefined) return '';
  return `<${name}>${children.join('')}</${name}>`;
}
