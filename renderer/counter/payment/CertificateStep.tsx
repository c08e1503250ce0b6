/**
 * Paid: the node took every outcome. The certificate is shown as it prints; with a printer
 * configured the original is printed at once (and the session becomes certified), and any further
 * copy is a marked duplicate.
 */
import { useEffect, useRef } from 'react';
import { ActionBar } from '../../app/components/ActionBar';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';
import type { Action } from '../../app/shortcuts';
import { CertificateImage, useCertificatePreview } from './CertificatePreview';
import { ChangeDue } from './ChangeDue';
import type { Payment } from './usePayment';
import { usePrinting } from './usePrinting';

export function CertificateStep(props: { payment: Payment }) {
  const { t } = useI18n();
  const s = props.payment.session!;
  const printing = usePrinting(s.id);
  const { preview, error } = useCertificatePreview(s.id, `${s.status}:${printing.printed ? 'printed' : ''}`);
  const autoPrinted = useRef(false);

  useEffect(() => {
    if (!preview?.printerConfigured || autoPrinted.current || s.status !== 'completed') return;
    autoPrinted.current = true;
    void printing.print(false);
  }, [preview?.printerConfigured, s.status, printing]);

  const printedOnce = printing.printed !== null || s.status === 'certified';
  const actions: Action[] = [
    { id: 'next', key: 'Enter', label: t('counter:payment.next'), run: props.payment.reset },
    {
      id: 'print',
      key: 'F4',
      label: t(printedOnce ? 'counter:certificate.reprint' : 'counter:certificate.print'),
      run: () => void printing.print(printedOnce),
      disabled: !preview?.printerConfigured || printing.busy,
    },
  ];
  return (
    <section className="step step-certificate" aria-labelledby="certificate-title">
      <h1 id="certificate-title">{t('counter:certificate.title')}</h1>
      <Message tone="success" testId="paid">
        {t('counter:certificate.paid')}
      </Message>
      <ChangeDue session={s} />
      {preview && !preview.printerConfigured && <p className="hint">{t('counter:certificate.noPrinter')}</p>}
      {printing.message}
      <CertificateImage preview={preview} error={error} label={t('counter:certificate.previewAlt')} />
      <ActionBar actions={actions} primary="next" label={t('counter:actions')} />
    </section>
  );
}
