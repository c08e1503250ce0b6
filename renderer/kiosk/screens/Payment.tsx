/** What is being paid, the total with the fee, and the card terminal's part. */
import { Fragment, useEffect, useState } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import { useClient } from '../../app/ClientProvider';
import { Money } from '../../app/components/Money';
import { Spinner } from '../../app/components/Spinner';
import { formatDate } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/I18nProvider';
import { KioskButton, KioskScreen } from '../KioskScreen';
import { KioskActions } from './KioskActions';
import { shortCode } from '../card-check';
import { MAX_NOTICES } from '../steps';
import type { Problem, Quote, Session, Step } from '../steps';
import { ProblemText } from './ProblemText';

/** Every notice of the payment, each with its creditor, subject, due date and amount; one more may join (up to 5). */
export function DetailsScreen(props: {
  session: Session;
  problem: Problem | null;
  onAddAnother: () => void;
  onContinue: () => void;
  onCancel: () => void;
}) {
  const { t, has } = useI18n();
  const notices = props.session.notices.filter((n) => n.phase === 'verified' && n.verification);
  if (notices.length === 0) return null;
  const many = notices.length > 1;
  return (
    <KioskScreen
      title={t(many ? 'kiosk:details.titleMany' : 'kiosk:details.title', { count: notices.length })}
      testId="details"
      actions={
        <KioskActions
          actions={[
            { testId: 'cancel', label: t('kiosk:action.cancel'), run: props.onCancel },
            notices.length < MAX_NOTICES && { testId: 'add-notice', label: t('kiosk:details.addAnother'), run: props.onAddAnother },
            { testId: 'continue', label: t('kiosk:details.continue'), run: props.onContinue, primary: true },
          ]}
        />
      }
    >
      {props.problem && <ProblemText problem={props.problem} />}
      {notices.map((notice) => {
        const v = notice.verification!;
        return (
          <dl className="kiosk-facts" key={notice.id} data-testid="notice">
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
            {notice.ref.service && (
              <>
                <dt>{t('kiosk:details.service')}</dt>
                <dd data-testid="service">{notice.ref.service.description}</dd>
                {notice.ref.service.data.map((d) => (
                  <Fragment key={d.path}>
                    <dt>{has(`services:field.${d.name}`) ? t(`services:field.${d.name}`) : d.name}</dt>
                    <dd className="kiosk-code" data-testid={`service-data-${d.name}`}>
                      {d.value}
                    </dd>
                  </Fragment>
                ))}
              </>
            )}
            <dt>{t('kiosk:details.noticeNumber')}</dt>
            <dd className="kiosk-code">{notice.ref.noticeNumber}</dd>
            <dt>{t('kiosk:details.amount')}</dt>
            <dd className="kiosk-amount" data-testid="amount">
              <Money cents={v.amountCents} />
            </dd>
          </dl>
        );
      })}
      {notices.some((n) => n.amountChanged) && (
        <p className="kiosk-note" role="status">
          {t('kiosk:details.amountChanged')}
        </p>
      )}
      <p className="kiosk-hint">
        {t('kiosk:details.feeNext')} {notices.length >= MAX_NOTICES ? t('kiosk:details.full', { count: MAX_NOTICES }) : ''}
      </p>
    </KioskScreen>
  );
}

/**
 * The total with the core's fee. Without a working printer (QR receipt chosen) the citizen is told
 * there is no paper receipt and agrees first: only then is the card asked.
 */
export function TotalScreen(props: { quote: Quote; qrReceipt: boolean; onPay: () => void; onCancel: () => void }) {
  const { t, money } = useI18n();
  const q = props.quote;
  const [consented, setConsented] = useState(false);
  const mayPay = !props.qrReceipt || consented;
  return (
    <KioskScreen
      title={t('kiosk:total.title')}
      testId="total"
      actions={
        <KioskActions
          actions={[
            { testId: 'cancel', label: t('kiosk:action.cancel'), run: props.onCancel },
            !mayPay && { testId: 'consent-qr', label: t('kiosk:noPrinter.consent'), run: () => setConsented(true), primary: true },
            mayPay && {
              testId: 'pay-card',
              label: t('kiosk:total.payByCard', { total: money(q.dueCents) }),
              run: props.onPay,
              primary: true,
            },
          ]}
        />
      }
    >
      {props.qrReceipt && (
        <p className="kiosk-note" role="status" data-testid="qr-receipt-notice">
          {t(consented ? 'kiosk:noPrinter.agreed' : 'kiosk:noPrinter.explain')}
        </p>
      )}
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
  const { result, reason, noCharge } = props.step;
  const reasonKey = reason ? `tender:${result === 'declined' ? 'decline' : 'unavailable'}.${reason}` : null;
  const canRetry = result !== 'unavailable' || reason === 'busy';
  // A lost answer settled without money moving has its own words (the terminal never processed it).
  const words = noCharge ? 'kiosk:checking.noCharge' : `tender:result.${result}`;
  return (
    <KioskScreen
      title={t(`${words}.title`)}
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
        <p>{t(`${words}.text`)}</p>
        {reasonKey && has(reasonKey) && <p>{t(reasonKey)}</p>}
      </div>
      <p className="kiosk-hint">{t('kiosk:card.notCharged')}</p>
    </KioskScreen>
  );
}

/**
 * The card terminal's answer did not arrive: the card may have been charged, so the citizen is told
 * not to pay again and to wait while the kiosk asks the terminal; the screen moves on by itself. No
 * cancel here (the core refuses it while the card is open). Past the inactivity time it sends the
 * citizen to staff with the payment's code rather than starting over.
 */
export function CardCheckingScreen(props: { step: Extract<Step, { kind: 'card-checking' }> }) {
  const { t } = useI18n();
  const { session, stuck } = props.step;
  return (
    <KioskScreen title={t('kiosk:checking.title')} testId="card-checking">
      <div className="kiosk-note" role="status" data-testid="card-checking-text">
        <p>{t('kiosk:checking.lost')}</p>
        <p>
          <strong>{t('kiosk:checking.doNotPay')}</strong>
        </p>
      </div>
      {stuck ? (
        <div className="kiosk-problem" role="alert" data-testid="card-checking-staff">
          <p className="kiosk-problem-title">{t('kiosk:checking.staff.title')}</p>
          <p>{t('kiosk:checking.staff.text')}</p>
          <p className="kiosk-code" data-testid="session-code">
            {shortCode(session.id)}
          </p>
        </div>
      ) : (
        <Spinner label={t('kiosk:checking.wait')} />
      )}
    </KioskScreen>
  );
}
