/**
 * The money is taken and the outcome is on its way to the node. It is already safe in the core's
 * outbox, which keeps sending it (also after a restart) until the node takes it: the operator can
 * hand over the pending slip and serve the next customer. When the node confirms every notice the
 * screen moves to the certificate by itself.
 */
import { useEffect, useState } from 'react';
import type { NodeStatus } from '../../../main/contract/events';
import { useClient, useEvent } from '../../app/ClientProvider';
import { ActionBar } from '../../app/components/ActionBar';
import { Message } from '../../app/components/Message';
import { Spinner } from '../../app/components/Spinner';
import { useI18n } from '../../app/i18n/I18nProvider';
import type { Action } from '../../app/shortcuts';
import { CertificateImage, useCertificatePreview } from './CertificatePreview';
import { ChangeDue } from './ChangeDue';
import { NoticeTable } from './NoticeTable';
import type { Payment } from './usePayment';
import { usePrinting } from './usePrinting';

export function OutcomeStep(props: { payment: Payment }) {
  const { t } = useI18n();
  const client = useClient();
  const s = props.payment.session!;
  const [node, setNode] = useState<NodeStatus | null>(null);
  useEvent('node.status', setNode);
  useEffect(() => void client.call('node.status', {}).then((r) => r.ok && setNode((n) => n ?? r.value)), [client]);
  const tendered = s.notices.filter((n) => n.phase !== 'activation-refused' && n.phase !== 'verify-failed');
  const unreachable = node?.state === 'unreachable';
  const version = s.notices.map((n) => n.phase).join();
  const { preview, error } = useCertificatePreview(s.id, version);
  const printing = usePrinting(s.id);

  const actions: Action[] = [
    {
      id: 'print',
      key: 'F4',
      label: t('counter:outcome.printSlip'),
      run: () => void printing.print(false),
      disabled: !preview?.printerConfigured || printing.busy,
    },
    { id: 'next', key: 'F2', label: t('counter:payment.next'), run: props.payment.reset },
  ];
  return (
    <section className="step step-outcome" aria-labelledby="outcome-title">
      <h1 id="outcome-title">{t('counter:outcome.title')}</h1>
      <Spinner label={t('counter:outcome.sending')} />
      {unreachable && (
        <Message tone="warning" testId="outcome-offline">
          {t('counter:outcome.offline')} {t('counter:outcome.safe')}
        </Message>
      )}
      <ChangeDue session={s} />
      <p className="hint">{t('counter:outcome.explain')}</p>
      <NoticeTable notices={tendered} caption={t('counter:outcome.notices')} />
      {printing.message}
      {/* The pending slip is always on screen: one key fewer, and F7 stays "other" (issue 13). */}
      <CertificateImage preview={preview} error={error} label={t('counter:outcome.slipAlt')} />
      <ActionBar actions={actions} primary="print" label={t('counter:actions')} />
    </section>
  );
}
