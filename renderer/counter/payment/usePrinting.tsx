/**
 * Printing a session's paper on the configured printer, and what the operator is told about it. A
 * copy beyond the first duplicate is refused by the core (SUPERVISOR_REQUIRED): the supervisor
 * approval dialog opens right here, and the copy is printed once with the supervisor's token, so the
 * journal names the supervisor (`certificate-duplicate-printed`).
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
import { printedKey } from './printed';

export interface Printing {
  busy: boolean;
  printed: ResponseOf<'certificate.print'> | null;
  message: ReactNode;
  print(reprint: boolean): Promise<boolean>;
}

export function usePrinting(sessionId: string): Printing {
  const client = useClient();
  const { t, has, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [printed, setPrinted] = useState<ResponseOf<'certificate.print'> | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [approval, setApproval] = useState<{ reason: ContractError; reprint: boolean } | null>(null);
  const [approved, setApproved] = useState(false);
  const print = async (reprint: boolean): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setApproved(false);
    const r = await client.call('certificate.print', { sessionId, locale: lang, reprint });
    setBusy(false);
    if (r.ok) setPrinted(r.value);
    else if (r.error.code === 'SUPERVISOR_REQUIRED') setApproval({ reason: r.error, reprint });
    else setError(r.error);
    return r.ok;
  };
  /** The same copy, once, with the supervisor's token; a refusal stays in the dialog. */
  const printAsSupervisor = async (auth: string): Promise<ContractError | null> => {
    if (!approval) return null;
    const r = await client.call('certificate.print', { sessionId, locale: lang, reprint: approval.reprint }, { auth });
    if (!r.ok) return r.error;
    setApproval(null);
    setApproved(true);
    setPrinted(r.value);
    return null;
  };
  const cancelApproval = () => {
    // Not printed: the operator is told why, and F4 asks again.
    if (approval) setError(approval.reason);
    setApproval(null);
  };
  let message: ReactNode = null;
  if (approval) message = <SupervisorApproval reason={approval.reason} run={printAsSupervisor} onCancel={cancelApproval} />;
  else if (error)
    message = (
      <Message tone="error" testId="print-error">
        {describeError(error, t, has)}
      </Message>
    );
  else if (busy) message = <Message tone="info">{t('counter:print.printing')}</Message>;
  else if (printed) {
    message = (
      <Message tone="success" testId="printed">
        {t(printedKey(printed))}
        {approved && <span data-testid="print-approved"> {t('app:supervisor.approved')}</span>}
        {printed.warnings.map((w) => (
          <span key={w}> {t(w)}</span>
        ))}
      </Message>
    );
  }
  return { busy, printed, message, print };
}
