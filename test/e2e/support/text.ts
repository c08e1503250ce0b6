// The words the screens show, read from the same locale files and looked up with the renderer's own
// translate, so the tests follow the copy instead of repeating it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTranslate } from '../../../renderer/app/i18n/translate';
import type { Catalogs, Lang, Translate } from '../../../renderer/app/i18n/translate';

const LOCALES = join(process.cwd(), 'locales');

export function loadCatalogs(): Catalogs {
  const out: Record<string, Record<string, unknown>> = {};
  // Language folders only (locales/ also holds its README).
  for (const lang of readdirSync(LOCALES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)) {
    for (const file of readdirSync(join(LOCALES, lang)).filter((f) => f.endsWith('.json'))) {
      (out[lang] ??= {})[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(LOCALES, lang, file), 'utf8'));
    }
  }
  return out;
}

export function text(lang: Lang = 'it'): Translate {
  return makeTranslate(loadCatalogs(), lang);
}

/** A regular expression matching a translated text whose {{placeholders}} may be anything. */
export function pattern(template: string): RegExp {
  const parts = template.split(/\{\{\s*\w+\s*\}\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('.*'));
}
