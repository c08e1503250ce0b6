/** The shift at a glance (its X report: nothing changes), its outputs, and the way to close it. */
import { useEffect, useState } from 'react';
import type { ShiftReport, ShiftView } from '../../../main/contract/shift-schemas';
import type { ContractError } from '../../../main/contract/result';
import { useClient } from '../../app/ClientProvider';
import { ActionBar } from '../../app/components/ActionBar';
import { Message } from '../../app/components/Message';
import { Spinner } from '../../app/components/Spinner';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';
import { ReportView } from './ReportView';
import { useReportOutput } from './useReportOutput';

export function ShiftMenu(props: { shift: ShiftView; onBack: () => void; onClose: () => void; onSignOut: () => void }) {
  const { t, has } = useI18n();
  const client = useClient();
  const [report, setReport] = useState<ShiftReport | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const output = useReportOutput('x');
  useEffect(() => {
    void client.call('shift.xReport', {}).then((r) => (r.ok ? setReport(r.value) : setError(r.error)));
  }, [client]);
  return (
    <section className="step step-shift-menu" aria-labelledby="shift-menu-title">
      <h1 id="shift-menu-title">{t('shift:menu.title')}</h1>
      {error && <Message tone="error">{describeError(error, t, has)}</Message>}
      {!report && !error && <Spinner label={t('shift:loading')} />}
      {report && <ReportView report={report} />}
      {output.message}
      <ActionBar
        primary="back"
        actions={[
          { id: 'back', key: 'Escape', label: t('shift:menu.back'), run: props.onBack },
          { id: 'print', key: 'F4', label: t('shift:menu.printX'), run: output.print, disabled: output.busy || !report },
          { id: 'csv', key: 'F6', label: t('shift:menu.csv'), run: output.csv, disabled: output.busy || !report },
          { id: 'sign-out', key: 'F8', label: t('shift:signOut'), run: props.onSignOut },
          { id: 'close', key: 'F9', label: t('shift:menu.close'), run: props.onClose },
        ]}
      />
    </section>
  );
}
