/**
 * The change to hand back, kept on screen after a cash tender until the next customer: the
 * operator counts it out while the outcome goes and the certificate prints. The core's figures
 * (the session's tender), never the screen's arithmetic.
 */
import type { SessionState } from '../../../main/engine/types';
import { useI18n } from '../../app/i18n/I18nProvider';

export function ChangeDue(props: { session: SessionState }) {
  const { t, money } = useI18n();
  const tender = props.session.tender;
  if (!tender || tender.method !== 'cash' || tender.givenCents === null) return null;
  return (
    <p className="change change-done" data-testid="change-done">
      {t('counter:tender.changeDone', { change: money(tender.changeCents), given: money(tender.givenCents) })}
    </p>
  );
}
