/**
 * "Cancel the payment?", asked before the session is cancelled (a KO for every token held): the
 * same question from the cart and from the tender step, only the text saying what is lost differs.
 */
import { Dialog } from '../../app/components/Dialog';
import { useI18n } from '../../app/i18n/I18nProvider';
import type { Payment } from './usePayment';

export function CancelPaymentDialog(props: { payment: Payment; text: string; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog
      title={t('counter:payment.cancelTitle')}
      tone="danger"
      primary="yes"
      actions={[
        {
          id: 'yes',
          key: 'Enter',
          label: t('counter:payment.cancelConfirm'),
          run: () => {
            props.onClose();
            void props.payment.cancel();
          },
        },
        { id: 'no', key: 'Escape', label: t('counter:payment.cancelBack'), run: props.onClose },
      ]}
    >
      <p>{props.text}</p>
    </Dialog>
  );
}
