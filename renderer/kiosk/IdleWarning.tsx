/**
 * "Are you still there?": shown before the kiosk goes back to the start. Announced once when it
 * appears and again at ten seconds left (not every second: a screen reader would say nothing else);
 * the visible countdown is updated each second. One large button gives more time.
 */
import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../app/i18n/I18nProvider';

export function IdleWarning(props: { secondsLeft: number; onExtend: () => void }) {
  const { t } = useI18n();
  const titleId = useId();
  const textId = useId();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus();
  }, []);
  const announce = props.secondsLeft <= 10 ? t('kiosk:idle.last', { seconds: 10 }) : t('kiosk:idle.announce');
  return (
    <div className="overlay kiosk-overlay" role="presentation">
      <div
        className="dialog kiosk-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={textId}
        data-testid="idle-warning"
      >
        <h2 id={titleId}>{t('kiosk:idle.title')}</h2>
        <p id={textId} aria-hidden="true" className="kiosk-countdown">
          {t('kiosk:idle.countdown', { seconds: props.secondsLeft })}
        </p>
        <p className="visually-hidden" aria-live="assertive" data-testid="idle-announcement">
          {announce}
        </p>
        <button ref={button} type="button" className="primary kiosk-button" onClick={props.onExtend} data-testid="idle-extend">
          {t('kiosk:idle.extend')}
        </button>
      </div>
    </div>
  );
}
