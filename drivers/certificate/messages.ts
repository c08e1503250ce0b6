/**
 * The certificate's words, from the same locale files the screens use:
 * locales/<lang>/certificate.json. `{name}` placeholders are filled from `vars`.
 */
import de from '../../locales/de/certificate.json';
import en from '../../locales/en/certificate.json';
import it from '../../locales/it/certificate.json';
import servicesDe from '../../locales/de/services.json';
import servicesEn from '../../locales/en/services.json';
import servicesIt from '../../locales/it/services.json';
import type { Language } from './types';

export type CertificateTranslate = (key: string, vars?: Readonly<Record<string, string | number>>) => string;

const CATALOGS: Readonly<Record<Language, unknown>> = { it, en, de };

export const LANGUAGES: readonly Language[] = ['it', 'en', 'de'];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Dotted keys ("label.amount"); a missing key shows as itself, so a gap is visible on paper. */
export function certificateText(lang: Language): CertificateTranslate {
  const catalog = CATALOGS[lang];
  return (key, vars) => {
    let node: unknown = catalog;
    for (const part of key.split('.'))
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
    if (typeof node !== 'string') return key;
    return vars ? node.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : node;
  };
}

const SERVICE_FIELDS: Readonly<Record<Language, Readonly<Record<string, unknown>>>> = {
  it: servicesIt.field,
  en: servicesEn.field,
  de: servicesDe.field,
};
const SERVICES: Readonly<Record<Language, unknown>> = { it: servicesIt, en: servicesEn, de: servicesDe };

/**
 * A service datum as printed: an enumerated value as its label with the code beside it
 * ("Autoveicoli (1)"), anything else as entered.
 */
export function serviceValueText(lang: Language): (d: { value: string; optionKey?: string }) => string {
  return (d) => {
    if (!d.optionKey) return d.value;
    let node: unknown = SERVICES[lang];
    for (const part of d.optionKey.split('.'))
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
    return typeof node === 'string' ? `${node} (${d.value})` : d.value;
  };
}

/** A service data element's label (locales/<lang>/services.json `field.<name>`), else its XSD name. */
export function serviceFieldText(lang: Language): (name: string) => string {
  const fields = SERVICE_FIELDS[lang];
  return (name) => {
    const label = fields[name];
    return typeof label === 'string' ? label : name;
  };
}
