/** The closed shift: expected against counted, the difference, the Z report to print or save. */
import type { ShiftReport } from '../../../main/contract/shift-schemas';
import { ActionBar } from '../../app/components/ActionBar';
import { useI18n } from '../../app/i18n/I18nProvider';
import { ReportView } from './ReportView';
import { useReportOutput } from './useReportOutput';

export function ZReport(props: { report: ShiftReport; onDone: () => void }) {
  const { t } = useI18n();
  const output = useReportOutput('z', props.report.shift.id);
  return (
    <section className="step step-z" aria-labelledby="z-title">
      <h1 id="z-title">{t('shift:z.title')}</h1>
      <ReportView report={props.report} />
      {output.message}
      <ActionBar
        primary="done"
        actions={[
          { id: 'done', key: 'Enter', label: t('shift:z.done'), run: props.onDone },
          { id: 'print', key: 'F4', label: t('shift:z.print'), run: output.print, disabled: output.busy },
          { id: 'csv', key: 'F6', label: t('shift:menu.csv'), run: output.csv, disabled: output.busy },
        ]}
      />
    </section>
  );
}
