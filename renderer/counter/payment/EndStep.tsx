/**
 * Payments that end without a certificate: cancelled (or expired) before the money was taken,
 * refused by the node at activation, or waiting for a person (a refund to hand back, an outcome
 * sportello cannot settle alone). Each says what happened and what to do.
 */
import { ActionBar } from '../../app/components/ActionBar';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';
import { NoticeTable } from './NoticeTable';
import type { Payment } from './usePayment';

export function EndStep(props: { payment: Payment }) {
  const { t } = useI18n();
  const s = props.payment.session!;
  const tone = s.status === 'cancelled' || s.status === 'cancelling' || s.status === 'refunded' ? 'info' : 'warning';
  return (
    <section className="step step-end" aria-labelledby="end-title">
      <h1 id="end-title">{t(`counter:end.${s.status}.title`)}</h1>
      <Message tone={tone} testId="end-message">
        {t(`counter:end.${s.status}.text`)}
      </Message>
      {s.notices.length > 0 && <NoticeTable notices={s.notices} caption={t('counter:end.notices')} />}
      <ActionBar
        actions={[{ id: 'next', key: 'Enter', label: t('counter:payment.next'), run: props.payment.reset }]}
        primary="next"
        label={t('counter:actions')}
      />
    </section>
  );
}
