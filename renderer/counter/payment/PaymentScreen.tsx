/**
 * One payment from the first notice to the certificate: the step follows the session's status.
 * Mounted afresh (sign-in after a reload, or after the screen failed) it resumes the terminal's
 * payment in progress.
 */
import { ActionBar } from '../../app/components/ActionBar';
import { Message } from '../../app/components/Message';
import { Spinner } from '../../app/components/Spinner';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';
import { CertificateStep } from './CertificateStep';
import { EndStep } from './EndStep';
import { EntryStep } from './EntryStep';
import { OutcomeStep } from './OutcomeStep';
import { PaymentBoundary } from './PaymentBoundary';
import { errorKind } from './recovery';
import { TenderStep } from './TenderStep';
import { usePayment } from './usePayment';

export function PaymentScreen(props: { operatorId: string; onShiftMenu: () => void }) {
  return (
    <PaymentBoundary>
      <PaymentFlow {...props} />
    </PaymentBoundary>
  );
}

function PaymentFlow(props: { operatorId: string; onShiftMenu: () => void }) {
  const { t, has } = useI18n();
  const payment = usePayment(props.operatorId);
  const step = payment.step;
  const notices = payment.session?.notices.length ?? 0;
  // Out of step with the core even after reading the session again: the cart can always be dropped.
  const cartHint = payment.error !== null && errorKind(payment.error) === 'out-of-step' && step === 'entry' && notices > 0;
  return (
    <div
      className="payment"
      data-step={step}
      data-session={payment.session?.id ?? ''}
      data-status={payment.session?.status ?? ''}
      data-busy={payment.busy ?? ''}
      data-errors={payment.errorCount}
      data-resumed={payment.resumed ? 'true' : 'false'}
    >
      {payment.error && (
        <Message tone="error" testId="payment-error">
          {describeError(payment.error, t, has)}
          {cartHint && ` ${t('counter:recover.cartHint')}`}
        </Message>
      )}
      {payment.resumed && (
        <Message tone="info" testId="payment-resumed">
          {t('counter:resume.text')}
        </Message>
      )}
      {payment.busy === 'resuming' && <Spinner label={t('counter:resume.looking')} />}
      {step === 'entry' && <EntryStep payment={payment} onShiftMenu={props.onShiftMenu} />}
      {step === 'activating' && (
        <section className="step">
          <h1>{t('counter:activating.title')}</h1>
          <Spinner label={t('counter:activating.text')} />
          <ActionBar actions={[]} />
        </section>
      )}
      {step === 'tender' && <TenderStep payment={payment} />}
      {step === 'outcome' && <OutcomeStep payment={payment} />}
      {step === 'certificate' && <CertificateStep payment={payment} />}
      {(step === 'cancelled' || step === 'refused' || step === 'attention') && <EndStep payment={payment} />}
    </div>
  );
}
