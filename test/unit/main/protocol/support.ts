// Helpers shared by the codec and transport tests: fixtures, credentials, and the body element of
// an envelope as a standalone document (what sim/xsd.ts validates).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { NodeCredentials } from '../../../../main/protocol';

export const FIXTURE_DIR = fileURLToPath(new URL('../../../fixtures/soap/', import.meta.url));

export function fixture(relative: string): string {
  return readFileSync(join(FIXTURE_DIR, relative), 'utf8');
}

export function fixtureNames(folder: string): string[] {
  return readdirSync(join(FIXTURE_DIR, folder)).sort();
}

export const CREDENTIALS: NodeCredentials = {
  idPSP: 'ABI12345',
  idBrokerPSP: '12345678901',
  idChannel: '12345678901_01',
  password: 'password01',
};

const XMLNS = /\sxmlns(?::([\w.-]+))?\s*=\s*("([^"]*)"|'([^']*)')/g;

function declarations(startTag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of startTag.matchAll(XMLNS)) out.set(m[1] ?? '', m[3] ?? m[4] ?? '');
  return out;
}

/**
 * The element inside soap:Body, cut out of the envelope text, with the namespace declarations it
 * inherits from Envelope and Body copied onto its start tag, so it validates on its own.
 */
export function bodyChildOf(envelope: string): string {
  const env = /<(?:[\w.-]+:)?Envelope\b[^>]*>/.exec(envelope);
  const body = /<((?:[\w.-]+:)?)Body\b[^>]*?(\/?)>/.exec(envelope);
  if (!env || !body || body[2] === '/') throw new Error('no SOAP Body with content');
  const close = envelope.lastIndexOf(`</${body[1]}Body>`);
  const inner = envelope
    .slice(body.index + body[0].length, close)
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
  const start = /^<[\w.:-]+[^>]*>/.exec(inner);
  if (!start) throw new Error('the Body has no element');
  const inherited = new Map([...declarations(env[0]), ...declarations(body[0])]);
  const own = declarations(start[0]);
  const extra = [...inherited]
    .filter(([prefix]) => !own.has(prefix))
    .map(([prefix, uri]) => (prefix === '' ? ` xmlns="${uri}"` : ` xmlns:${prefix}="${uri}"`))
    .join('');
  const selfClosing = start[0].endsWith('/>');
  const head = selfClosing ? start[0].slice(0, -2) : start[0].slice(0, -1);
  return `${head}${extra}${selfClosing ? '/>' : '>'}${inner.slice(start[0].length)}`;
}
