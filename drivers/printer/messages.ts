/**
 * The printer's strings for what is printed on paper (the test page), looked up in the same
 * locale files the screens use: locales/<lang>/printer.json. Screens resolve the
 * `printer:` message keys of errors and warnings themselves.
 */
import de from '../../locales/de/printer.json';
import en from '../../locales/en/printer.json';
import it from '../../locales/it/printer.json';

export type Language = 'it' | 'en' | 'de';
export type Translate = (key: string) => string;

const CATALOGS: Readonly<Record<Language, unknown>> = { it, en, de };

/** A lookup of dotted keys ("testPage.title") in printer.json; a missing key shows as itself. */
export function printerText(lang: Language = 'it'): Translate {
  const catalog = CATALOGS[lang];
  return (key) => {
    let node: unknown = catalog;
    for (const part of key.split('.'))
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
    return typeof node === 'string' ? node : key;
  };
}
