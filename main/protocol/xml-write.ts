/**
 * Writing request bodies: each leaf is checked against its XSD simple type and XML-escaped; an
 * element is named by its path (`details/payer/fullName`) so that a refusal says exactly where.
 * Children are unqualified: the pagoPA XSDs have no elementFormDefault.
 */
import { AmountInvalid, centsToAmount, type Cents } from '../../kernel/money';
import { RequestInvalid } from './errors';
import { ST, type SimpleType } from './simple-types';

/** Characters XML 1.0 cannot carry at all, even escaped (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F). */
const NOT_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** `<name>value</name>` after checking `value` against `type`. */
export function leaf(path: string, value: string, type: SimpleType): string {
  if (typeof value !== 'string') throw new RequestInvalid(path, `${type.name} (a string)`);
  if (!type.test(value)) throw new RequestInvalid(path, type.name);
  if (NOT_XML_CHAR.test(value)) throw new RequestInvalid(path, 'XML 1.0 characters');
  const name = nameOf(path);
  return `<${name}>${escapeXml(value)}</${name}>`;
}

/** As `leaf`, or nothing when the value is absent. */
export function optLeaf(path: string, value: string | undefined, type: SimpleType): string {
  return value === undefined ? '' : leaf(path, value, type);
}

/** An amount in cents written as `stAmount`; `notZero` for `stAmountNotZero`. */
export function amountLeaf(path: string, cents: Cents, opts: { notZero?: boolean } = {}): string {
  let text: string;
  try {
    text = centsToAmount(cents);
  } catch (e) {
    if (e instanceof AmountInvalid) throw new RequestInvalid(path, 'stAmount (integer cents, 0..99999999999)', { cause: e });
    throw e;
  }
  if (opts.notZero && cents === 0) throw new RequestInvalid(path, 'stAmountNotZero');
  const name = nameOf(path);
  return `<${name}>${text}</${name}>`;
}

export function optAmountLeaf(path: string, cents: Cents | undefined): string {
  return cents === undefined ? '' : amountLeaf(path, cents);
}

/** A whole number written as its decimal digits, checked as text against `type`. */
export function intLeaf(path: string, value: number, type: SimpleType): string {
  if (!Number.isSafeInteger(value)) throw new RequestInvalid(path, type.name);
  return leaf(path, String(value), type);
}

export function group(path: string, ...children: string[]): string {
  const name = nameOf(path);
  return `<${name}>${children.join('')}</${name}>`;
}

/** The body element: the only namespace-qualified element, carrying its own declaration. */
export function bodyElement(name: string, namespace: string, ...children: string[]): string {
  return `<nfp:${name} xmlns:nfp="${namespace}">${children.join('')}</nfp:${name}>`;
}

/** The four credential leaves every nodeForPsp request starts with. */
export function credentialLeaves(c: { idPSP: string; idBrokerPSP: string; idChannel: string; password: string }): string {
  if (c === null || typeof c !== 'object') throw new RequestInvalid('credentials', 'an object');
  return (
    leaf('idPSP', c.idPSP, ST.idPSP) +
    leaf('idBrokerPSP', c.idBrokerPSP, ST.idBroker) +
    leaf('idChannel', c.idChannel, ST.idChannel) +
    leaf('password', c.password, ST.password)
  );
}
