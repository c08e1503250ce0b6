/**
 * Printing a past payment's paper from the history: the final certificate (the original, which
 * certifies the session) or a duplicate marked so. A copy beyond the first duplicate is refused by
 * the core (SUPERVISOR_REQUIRED): the supervisor approval dialog opens here and the copy is printed
 * once with the supervisor's token, as at the end of a payment (the journal names the supervisor).
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ContractError } from '../../../main/contract/result';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';
import { useSupervisedPrint, type Printed } from '../payment/useSupervisedPrint';

function printedKey(p: Printed): string {
  if (p.kind === 'pending') return 'history:detail.printedPending';
  return p.duplicate ? 'history:detail.printedDuplicate' : 'history:detail.printedFinal';
}

export function useHistoryPrinting(
  sessionId: string,
  onPrinted: () => void,
): { busy: boolean; message: ReactNode; print(reprint: boolean): void } {
  const { t, has } = useI18n();
  const [busy, setBusy] = useState(false);
  const [printed, setPrinted] = useState<Printed | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const supervised = useSupervisedPrint(sessionId, {
    printed: (p) => {
      setPrinted(p);
      onPrinted();
    },
    refused: setError,
  });

  const print = async (reprint: boolean) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setPrinted(null);
    await supervised.print(reprint);
    setBusy(false);
  };

  let message: ReactNode = null;
  if (supervised.dialog) message = supervised.dialog;
  else if (error)
    message = (
      <Message tone="error" testId="history-print-error">
        {describeError(error, t, has)}
      </Message>
    );
  else if (busy) message = <Message tone="info">{t('history:detail.printing')}</Message>;
  else if (printed)
    message = (
      <Message tone="success" testId="history-printed">
        <span data-kind={printed.kind} data-duplicate={printed.duplicate}>
          {t(printedKey(printed))}
        </span>
        {supervised.approved && <span data-testid="print-approved"> {t('app:supervisor.approved')}</span>}
        {printed.warnings.map((w) => (
          <span key={w}> {t(w)}</span>
        ))}
      </Message>
    );
  return { busy, message, print: (reprint) => void print(reprint) };
}
