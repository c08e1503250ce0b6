/**
 * The screens' i18n, kept tiny: catalogs are the JSON files in locales/<lang>/<ns>.json,
 * a key names its namespace and a dotted path. Two spellings exist in the code base and both work:
 * `payload:error.empty` (namespace, colon, path) and `faults.PPT_SYSTEM_ERROR` (the first segment
 * is the namespace). `{{name}}` and `{name}` placeholders are filled from params. A key missing in
 * the chosen language falls back to Italian, then shows as itself (visible, never blank). Pure.
 */
export type Lang = 'it' | 'en' | 'de';
export const LANGS: readonly Lang[] = ['it', 'en', 'de'];
export const DEFAULT_LANG: Lang = 'it';

export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: string, params?: Params) => string;
/** lang -> namespace -> parsed JSON */
export type Catalogs = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** ['ns', ['a', 'b']] for `ns:a.b` and for `ns.a.b`. */
export function splitKey(key: string): [string, string[]] {
  const colon = key.indexOf(':');
  if (colon > 0) return [key.slice(0, colon), key.slice(colon + 1).split('.')];
  const [ns = '', ...path] = key.split('.');
  return [ns, path];
}

export function lookup(catalogs: Catalogs, lang: string, key: string): string | undefined {
  const [ns, path] = splitKey(key);
  let node: unknown = catalogs[lang]?.[ns];
  for (const part of path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

export function interpolate(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{\{\s*(\w+)\s*\}\}|\{(\w+)\}/g, (whole, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole;
  });
}

export function makeTranslate(catalogs: Catalogs, lang: Lang): Translate {
  return (key, params) => interpolate(lookup(catalogs, lang, key) ?? lookup(catalogs, DEFAULT_LANG, key) ?? key, params);
}

/** Does the key name a string in this language (or the fallback)? For choosing between messages. */
export function hasKey(catalogs: Catalogs, lang: Lang, key: string): boolean {
  return lookup(catalogs, lang, key) !== undefined || lookup(catalogs, DEFAULT_LANG, key) !== undefined;
}
