/** One payment from the first notice to the certificate: the step follows the session's status. */
import { ActionBar } from '../../app/components/ActionBar';
import { Message } from '../../app/components/Message';
import { Spinner } from '../../app/components/Spinner';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';
import { CertificateStep } from './CertificateStep';
import { EndStep } from './EndStep';
import { EntryStep } from './EntryStep';
import { OutcomeStep } from './OutcomeStep';
import { TenderStep } from './TenderStep';
import { usePayment } from './usePayment';

export function PaymentScreen(props: { operatorId: string; onShiftMenu: () => void }) {
  const { t, has } = useI18n();
  const payment = usePayment(props.operatorId);
  const step = payment.step;
  return (
    <div className="payment" data-step={step} data-session={payment.session?.id ?? ''} data-busy={payment.busy ?? ''} data-errors={payment.errorCount}>
      {payment.error && (
        <Message tone="error" testId="payment-error">
          {describeError(payment.error, t, has)}
        </Message>
      )}
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
