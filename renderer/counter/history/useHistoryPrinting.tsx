/**
 * Printing a past payment's paper from the history: the final certificate (the original, which
 * certifies the session) or a duplicate marked so. A copy beyond the first duplicate is refused by
 * the core (SUPERVISOR_REQUIRED): the supervisor approval dialog opens here and the copy is printed
 * once with the supervisor's token, as at the end of a payment (the journal names the supervisor).
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import type { ContractError } from '../../../main/contract/result';
import { useClient } from '../../app/ClientProvider';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';
import { SupervisorApproval } from '../shift/SupervisorApproval';

type Printed = ResponseOf<'certificate.print'>;

function printedKey(p: Printed): string {
  if (p.kind === 'pending') return 'history:detail.printedPending';
  return p.duplicate ? 'history:detail.printedDuplicate' : 'history:detail.printedFinal';
}

export function useHistoryPrinting(
  sessionId: string,
  onPrinted: () => void,
): { busy: boolean; message: ReactNode; print(reprint: boolean): void } {
  const client = useClient();
  const { t, has, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [printed, setPrinted] = useState<Printed | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [approval, setApproval] = useState<{ reason: ContractError; reprint: boolean } | null>(null);
  const [approved, setApproved] = useState(false);

  const done = (p: Printed) => {
    setPrinted(p);
    onPrinted();
  };
  const print = async (reprint: boolean) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setPrinted(null);
    setApproved(false);
    const r = await client.call('certificate.print', { sessionId, locale: lang, reprint });
    setBusy(false);
    if (r.ok) done(r.value);
    else if (r.error.code === 'SUPERVISOR_REQUIRED') setApproval({ reason: r.error, reprint });
    else setError(r.error);
  };
  const printAsSupervisor = async (auth: string): Promise<ContractError | null> => {
    if (!approval) return null;
    const r = await client.call('certificate.print', { sessionId, locale: lang, reprint: approval.reprint }, { auth });
    if (!r.ok) return r.error;
    setApproval(null);
    setApproved(true);
    done(r.value);
    return null;
  };
  const cancelApproval = () => {
    if (approval) setError(approval.reason);
    setApproval(null);
  };

  let message: ReactNode = null;
  if (approval) message = <SupervisorApproval reason={approval.reason} run={printAsSupervisor} onCancel={cancelApproval} />;
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
        {approved && <span data-testid="print-approved"> {t('app:supervisor.approved')}</span>}
        {printed.warnings.map((w) => (
          <span key={w}> {t(w)}</span>
        ))}
      </Message>
    );
  return { busy, message, print: (reprint) => void print(reprint) };
}
