/** What is being paid, the total with the fee, and the card terminal's part. */
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import { useClient } from '../../app/ClientProvider';
import { Money } from '../../app/components/Money';
import { Spinner } from '../../app/components/Spinner';
import { formatDate } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/I18nProvider';
import { KioskButton, KioskScreen } from '../KioskScreen';
import { KioskActions } from './KioskActions';
import type { Quote, Session, Step } from '../steps';

export function DetailsScreen(props: { session: Session; onContinue: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const notice = props.session.notices.at(-1);
  const v = notice?.verification;
  if (!notice || !v) return null;
  return (
    <KioskScreen
      title={t('kiosk:details.title')}
      testId="details"
      actions={
        <KioskActions
          actions={[
            { testId: 'cancel', label: t('kiosk:action.cancel'), run: props.onCancel },
            { testId: 'continue', label: t('kiosk:details.continue'), run: props.onContinue, primary: true },
          ]}
        />
      }
    >
      <dl className="kiosk-facts">
        <dt>{t('kiosk:details.creditor')}</dt>
        <dd data-testid="creditor">{v.companyName}</dd>
        <dt>{t('kiosk:details.description')}</dt>
        <dd data-testid="description">{v.description}</dd>
        {v.dueDate && (
          <>
            <dt>{t('kiosk:details.dueDate')}</dt>
            <dd>{formatDate(v.dueDate, t)}</dd>
          </>
        )}
        <dt>{t('kiosk:details.noticeNumber')}</dt>
        <dd className="kiosk-code">{notice.ref.noticeNumber}</dd>
        <dt>{t('kiosk:details.amount')}</dt>
        <dd className="kiosk-amount" data-testid="amount">
          <Money cents={v.amountCents} />
        </dd>
      </dl>
      {notice.amountChanged && (
        <p className="kiosk-note" role="status">
          {t('kiosk:details.amountChanged')}
        </p>
      )}
      <p className="kiosk-hint">{t('kiosk:details.feeNext')}</p>
    </KioskScreen>
  );
}

export function TotalScreen(props: { quote: Quote; onPay: () => void; onCancel: () => void }) {
  const { t, money } = useI18n();
  const q = props.quote;
  return (
    <KioskScreen
      title={t('kiosk:total.title')}
      testId="total"
      actions={
        <KioskActions
          actions={[
            { testId: 'cancel', label: t('kiosk:action.cancel'), run: props.onCancel },
            { testId: 'pay-card', label: t('kiosk:total.payByCard', { total: money(q.dueCents) }), run: props.onPay, primary: true },
          ]}
        />
      }
    >
      <table className="kiosk-total">
        <caption className="visually-hidden">{t('kiosk:total.caption')}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('kiosk:total.notice')}</th>
            <td className="num">
              <Money cents={q.noticesCents} />
            </td>
          </tr>
          <tr>
            <th scope="row">{t('kiosk:total.fee')}</th>
            <td className="num" data-testid="fee">
              <Money cents={q.feeCents} />
            </td>
          </tr>
          <tr className="kiosk-total-due">
            <th scope="row">{t('kiosk:total.due')}</th>
            <td className="num" data-testid="total">
              <Money cents={q.dueCents} />
            </td>
          </tr>
        </tbody>
      </table>
      <p className="kiosk-hint">{t('kiosk:total.cardOnly')}</p>
    </KioskScreen>
  );
}

type CardState = ResponseOf<'kiosk.cardStatus'>['state'];

/** While the terminal works: what to do on it now, said in words (and announced). */
export function CardScreen(props: { quote: Quote; onCancel: () => void }) {
  const { t, money } = useI18n();
  const client = useClient();
  const [state, setState] = useState<CardState>('present-card');
  const [cancelling, setCancelling] = useState(false);
  useEffect(() => {
    let stop = false;
    const poll = async () => {
      while (!stop) {
        const r = await client.call('kiosk.cardStatus', {});
        if (stop) return;
        if (r.ok && r.value.state !== 'ready') setState(r.value.state);
        await new Promise((res) => setTimeout(res, 300));
      }
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [client]);
  const phase = state === 'processing' ? 'processing' : 'present';
  return (
    <KioskScreen
      title={t('kiosk:card.title')}
      testId="card"
      actions={
        <KioskButton
          onClick={() => {
            setCancelling(true);
            props.onCancel();
          }}
          disabled={phase === 'processing' || cancelling}
          testId="cancel-card"
        >
          {t('kiosk:card.cancel')}
        </KioskButton>
      }
    >
      <p className="kiosk-amount">{t('kiosk:card.amount', { total: money(props.quote.dueCents) })}</p>
      <Spinner label={t(`kiosk:card.${phase}`)} />
    </KioskScreen>
  );
}

export function CardProblemScreen(props: { step: Extract<Step, { kind: 'card-problem' }>; onRetry: () => void; onCancel: () => void }) {
  const { t, has } = useI18n();
  const { result, reason } = props.step;
  const reasonKey = reason ? `tender:${result === 'declined' ? 'decline' : 'unavailable'}.${reason}` : null;
  const canRetry = result !== 'unavailable' || reason === 'busy';
  return (
    <KioskScreen
      title={t(`tender:result.${result}.title`)}
      testId="card-problem"
      actions={
        <KioskActions
          actions={[
            { testId: 'cancel', label: t('kiosk:action.cancelPayment'), run: props.onCancel },
            canRetry && { testId: 'retry', label: t('kiosk:card.retry'), run: props.onRetry, primary: true },
          ]}
        />
      }
    >
      <div className="kiosk-problem" role="alert" data-testid="card-result" data-result={result}>
        <p>{t(`tender:result.${result}.text`)}</p>
        {reasonKey && has(reasonKey) && <p>{t(reasonKey)}</p>}
      </div>
      <p className="kiosk-hint">{t('kiosk:card.notCharged')}</p>
    </KioskScreen>
  );
}
