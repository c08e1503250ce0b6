/**
 * Printing a session's paper on the configured printer, and what the operator is told about it. A
 * copy beyond the first duplicate needs a supervisor: useSupervisedPrint opens the approval dialog.
 *
 * The core owns printing (main/services/printer/service.ts): it prints the certificate itself when
 * the payment completes, and an ask for the original here gets that same job (`deduplicated`), never
 * a second paper. A print the printer refuses is kept in the core's queue: the operator is told why
 * and that it prints by itself once the printer is ready, and is told again when it did.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import type { ContractError } from '../../../main/contract/result';
import { useClient, useEvent } from '../../app/ClientProvider';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';
import { useSupervisedPrint } from './useSupervisedPrint';
import { printedKey } from './printed';

export interface Printing {
  busy: boolean;
  printed: ResponseOf<'certificate.print'> | null;
  message: ReactNode;
  print(reprint: boolean): Promise<boolean>;
}

export function usePrinting(sessionId: string): Printing {
  const client = useClient();
  const { t, has } = useI18n();
  const [busy, setBusy] = useState(false);
  const [printed, setPrinted] = useState<ResponseOf<'certificate.print'> | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  /** A job the printer refused and the core kept: watched until it leaves the queue. */
  const [kept, setKept] = useState<string | null>(null);
  const [printedLater, setPrintedLater] = useState(false);
  useEvent('printer.status', (status) => {
    if (!kept || status.jobs.some((j) => j.id === kept)) return;
    setKept(null);
    void client.call('printer.jobs', {}).then((r) => {
      if (r.ok && r.value.jobs.some((j) => j.id === kept && j.state === 'printed')) {
        setError(null);
        setPrintedLater(true);
      }
    });
  });
  // The core prints the original itself when the payment completes: shown as printed here, so the
  // next press of the print key asks for a marked copy.
  const [seen, setSeen] = useState(0);
  useEvent('printer.status', () => setSeen((n) => n + 1));
  useEffect(() => {
    if (printed) return;
    let live = true;
    void client.call('printer.jobs', {}).then((r) => {
      const job = r.ok ? r.value.jobs.find((j) => j.sessionId === sessionId && (j.kind === 'final' || j.kind === 'pending')) : undefined;
      if (!live || !job || job.state !== 'printed') return;
      setPrinted(
        (p) =>
          p ?? {
            kind: job.kind === 'pending' ? 'pending' : 'final',
            duplicate: false,
            certified: job.kind === 'final',
            output: '',
            bytes: 0,
            notices: 0,
            warnings: [],
            job: { id: job.id, state: job.state },
            deduplicated: true,
          },
      );
    });
    return () => {
      live = false;
    };
  }, [client, sessionId, printed, seen]);
  const supervised = useSupervisedPrint(sessionId, {
    printed: setPrinted,
    refused: (e) => {
      setError(e);
      const jobId = e.details?.jobId;
      if (e.details?.kept === true && typeof jobId === 'string') setKept(jobId);
    },
  });
  const print = async (reprint: boolean): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setPrintedLater(false);
    const ok = await supervised.print(reprint);
    setBusy(false);
    return ok;
  };
  let message: ReactNode = null;
  if (supervised.dialog) message = supervised.dialog;
  else if (error)
    message = (
      <Message tone="error" testId="print-error">
        {describeError(error, t, has)}
        {error.details?.kept === true && <span data-testid="print-kept"> {t('printer:jobs.kept')}</span>}
      </Message>
    );
  else if (printedLater)
    message = (
      <Message tone="success" testId="printed-later">
        {t('printer:jobs.printedLater')}
      </Message>
    );
  else if (busy) message = <Message tone="info">{t('counter:print.printing')}</Message>;
  else if (printed) {
    message = (
      <Message tone="success" testId="printed">
        {t(printedKey(printed))}
        {supervised.approved && <span data-testid="print-approved"> {t('app:supervisor.approved')}</span>}
        {printed.warnings.map((w) => (
          <span key={w}> {t(w)}</span>
        ))}
      </Message>
    );
  }
  return { busy, printed, message, print };
}
