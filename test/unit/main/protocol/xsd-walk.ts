// Reads the official XSDs to list every element name a complex type can contain (recursively),
// so the tests can prove a "full" message exercises every field the schema defines.
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { NODE_FOR_PSP_XSD, SCHEMA_DIR } from '../../../../sim/xsd';
import { join } from 'node:path';

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true });
const arr = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function complexTypes(path: string): Map<string, Node> {
  const doc = parser.parse(readFileSync(path, 'utf8')) as { schema: Node };
  const out = new Map<string, Node>();
  for (const ct of arr(doc.schema.complexType as Node | Node[])) out.set(String(ct['@_name']), ct);
  return out;
}

const TYPES = new Map([...complexTypes(join(SCHEMA_DIR, 'xsd-common/sac-common-types-1.0.xsd')), ...complexTypes(NODE_FOR_PSP_XSD)]);

function particles(node: Node): Node[] {
  const out: Node[] = [];
  for (const group of ['sequence', 'choice'] as const) {
    for (const g of arr(node[group] as Node | Node[])) {
      out.push(...arr(g.element as Node | Node[]));
      out.push(...particles(g));
    }
  }
  return out;
}

/** Every element name reachable from complex type `typeName` (extensions and nested types included). */
export function elementNames(typeName: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(typeName)) return names;
  seen.add(typeName);
  const ct = TYPES.get(typeName);
  if (!ct) return names;
  const ext = (ct.complexContent as Node | undefined)?.extension as Node | undefined;
  const bodies: Node[] = [ct];
  if (ext) {
    for (const n of elementNames(String(ext['@_base']).replace(/^.*:/, ''), seen)) names.add(n);
    bodies.push(ext);
  }
  for (const b of bodies) {
    for (const el of particles(b)) {
      names.add(String(el['@_name']));
      const t = String(el['@_type'] ?? '').replace(/^.*:/, '');
      if (TYPES.has(t)) for (const n of elementNames(t, seen)) names.add(n);
    }
  }
  return names;
}
