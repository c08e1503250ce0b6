/**
 * The language of the screens and the `t` that speaks it. The starting language is the terminal's
 * (system.info) unless this browser was switched before (kept per mode in localStorage); kiosks
 * choose on their first screen and never keep it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { CATALOGS } from './catalog';
import { formatMoney } from './format';
import { DEFAULT_LANG, hasKey, isLang, LANGS, makeTranslate } from './translate';
import type { Lang, Translate } from './translate';

export interface I18n {
  lang: Lang;
  t: Translate;
  /** Is there a string for this key (in this language or the fallback)? */
  has(key: string): boolean;
  setLang(lang: Lang): void;
  /** it -> en -> de -> it */
  nextLang(): void;
  money(cents: number): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider(props: { initial: Lang; remember?: string | null; children: ReactNode }) {
  const stored = props.remember ? safeStorage()?.getItem(props.remember) : null;
  const [lang, setLangState] = useState<Lang>(isLang(stored) ? stored : props.initial);
  const setLang = useCallback(
    (l: Lang) => {
      setLangState(l);
      if (props.remember) safeStorage()?.setItem(props.remember, l);
    },
    [props.remember],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const t = makeTranslate(CATALOGS, lang);
    return {
      lang,
      t,
      setLang,
      has: (key) => hasKey(CATALOGS, lang, key),
      nextLang: () => setLang(LANGS[(LANGS.indexOf(lang) + 1) % LANGS.length] ?? DEFAULT_LANG),
      money: (cents) => formatMoney(cents, t),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** localStorage, or null where the browser refuses it (private mode, sandboxed frame). */
function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
