/**
 * XSD validation against the official nodeForPsp / pspForNode schemas (SANP 3.13.0, in sim/schema/).
 *
 * libxml2 through libxmljs (native, ~1 ms per message) with the schema compiled once; where the native
 * module cannot load, xmllint-wasm (the same libxml2 compiled to wasm, ~100 ms per message).
 * Both are libxml2, so both give the same verdicts as `xmllint --schema`.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The packaged app keeps the schemas outside the asar (libxml2 cannot read inside it) and says where. */
export const SCHEMA_DIR = process.env.SPORTELLO_SCHEMA_DIR || fileURLToPath(new URL('./schema/pagopa-api/', import.meta.url));
export const NODE_FOR_PSP_XSD = join(SCHEMA_DIR, 'wsdl/xsd/nodeForPsp.xsd');
export const PSP_FOR_NODE_XSD = join(SCHEMA_DIR, 'wsdl/xsd/pspForNode.xsd');
const COMMON_XSD = join(SCHEMA_DIR, 'xsd-common/sac-common-types-1.0.xsd');

export interface XsdResult {
  valid: boolean;
  /** libxml2's messages, one per violation, without file names */
  errors: string[];
}

export interface XsdValidator {
  readonly engine: 'libxmljs' | 'xmllint-wasm';
  /** Validates one XML document whose root is a global element of the schema (a SOAP body child). */
  validate(xml: string): Promise<XsdResult>;
}

interface LibxmlDoc {
  validate(xsd: LibxmlDoc): boolean;
  validationErrors: Array<{ message: string }>;
}
interface Libxmljs {
  parseXml(xml: string, opts?: { baseUrl?: string; nonet?: boolean; huge?: boolean }): LibxmlDoc;
}

const cache = new Map<string, Promise<XsdValidator>>();

/** One validator per schema file, shared by the whole process. */
export function xsdValidator(schemaPath: string = NODE_FOR_PSP_XSD): Promise<XsdValidator> {
  let v = cache.get(schemaPath);
  if (!v) {
    v = build(schemaPath);
    cache.set(schemaPath, v);
  }
  return v;
}

async function build(schemaPath: string): Promise<XsdValidator> {
  const schemaText = readFileSync(schemaPath, 'utf8');
  const lib = loadLibxmljs();
  if (lib) {
    const schema = lib.parseXml(schemaText, { baseUrl: schemaPath, nonet: true });
    return {
      engine: 'libxmljs',
      async validate(xml) {
        let doc: LibxmlDoc;
        try {
          doc = lib.parseXml(xml, { nonet: true });
        } catch (e) {
          return { valid: false, errors: [`not well-formed XML: ${(e as Error).message.trim()}`] };
        }
        const valid = doc.validate(schema);
        return { valid, errors: valid ? [] : doc.validationErrors.map((e) => e.message.trim()) };
      },
    };
  }
  const { validateXML } = await import('xmllint-wasm');
  const common = readFileSync(COMMON_XSD, 'utf8');
  return {
    engine: 'xmllint-wasm',
    async validate(xml) {
      const r = await validateXML({
        xml: [{ fileName: 'message.xml', contents: xml }],
        schema: [{ fileName: 'schema.xsd', contents: schemaText }],
        preload: [{ fileName: '../../xsd-common/sac-common-types-1.0.xsd', contents: common }],
      });
      return { valid: r.valid, errors: r.errors.map((e) => e.message.trim()) };
    },
  };
}

function loadLibxmljs(): Libxmljs | null {
  if (process.env.SPORTELLO_XSD_ENGINE === 'wasm') return null;
  try {
    return createRequire(import.meta.url)('libxmljs') as Libxmljs;
  } catch {
    return null;
  }
}
