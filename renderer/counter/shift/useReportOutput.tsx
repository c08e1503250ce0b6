/** Printing a report on the configured printer and saving it as CSV, with what the operator is told. */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ReportKind } from '../../../main/contract/shift-schemas';
import type { ContractError } from '../../../main/contract/result';
import { useClient } from '../../app/ClientProvider';
import { Message } from '../../app/components/Message';
import { downloadText } from '../../app/download';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';

export function useReportOutput(kind: ReportKind, shiftId?: string): { print(): void; csv(): void; busy: boolean; message: ReactNode } {
  const client = useClient();
  const { t, has, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const go = async (what: 'print' | 'csv') => {
    setBusy(true);
    setError(null);
    setDone(null);
    const request = { kind, ...(shiftId ? { shiftId } : {}) };
    if (what === 'print') {
      const r = await client.call('shift.printReport', { ...request, locale: lang });
      if (r.ok) setDone(t('shift:printed'));
      else setError(r.error);
    } else {
      const r = await client.call('shift.reportCsv', request);
      if (r.ok) {
        downloadText(r.value.filename, r.value.csv, 'text/csv;charset=utf-8');
        setDone(t('shift:saved', { file: r.value.filename }));
      } else setError(r.error);
    }
    setBusy(false);
  };
  const message = error ? (
    <Message tone="error" testId="report-error">
      {describeError(error, t, has)}
    </Message>
  ) : done ? (
    <Message tone="success" testId="report-done">
      {done}
    </Message>
  ) : null;
  return { print: () => void go('print'), csv: () => void go('csv'), busy, message };
}
