/**
 * The language on every screen after the first: three compact buttons, each in its own language
 * (lang attribute) and pressed when it is the screen's language. Changing it keeps the step and the
 * payment as they are.
 */
import { useI18n } from '../app/i18n/I18nProvider';
import { CATALOGS } from '../app/i18n/catalog';
import { LANGS, makeTranslate } from '../app/i18n/translate';
import type { Lang } from '../app/i18n/translate';

export function LanguageSwitch(props: { onChoose: (lang: Lang) => void }) {
  const { t, lang } = useI18n();
  return (
    <div className="kiosk-language-switch" role="group" aria-label={t('kiosk:language.group')} data-testid="language-switch">
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === lang}
          className="kiosk-language-button"
          data-testid={`switch-${l}`}
          onClick={() => props.onChoose(l)}
        >
          {makeTranslate(CATALOGS, l)(`app:language.name.${l}`)}
        </button>
      ))}
    </div>
  );
}
