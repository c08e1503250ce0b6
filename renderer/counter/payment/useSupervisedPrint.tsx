/**
 * One ask to print a session's paper, with the supervisor's approval when the core wants it: a copy
 * beyond the first duplicate is refused (SUPERVISOR_REQUIRED), the approval dialog opens, and the
 * same copy is printed once with the supervisor's token, so the journal names the supervisor
 * (`certificate-duplicate-printed`). The end of a payment and the history both print through it.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import type { ContractError } from '../../../main/contract/result';
import { useClient } from '../../app/ClientProvider';
import { useI18n } from '../../app/i18n/I18nProvider';
import { SupervisorApproval } from '../shift/SupervisorApproval';

export type Printed = ResponseOf<'certificate.print'>;

export interface SupervisedPrint {
  /** Asks the core; false when it did not print (refused, or waiting for the supervisor). */
  print(reprint: boolean): Promise<boolean>;
  /** The approval dialog while the core waits for a supervisor, else null. */
  dialog: ReactNode;
  /** The last paper was printed with a supervisor's approval. */
  approved: boolean;
}

export function useSupervisedPrint(sessionId: string, on: { printed(p: Printed): void; refused(e: ContractError): void }): SupervisedPrint {
  const client = useClient();
  const { lang } = useI18n();
  const [approval, setApproval] = useState<{ reason: ContractError; reprint: boolean } | null>(null);
  const [approved, setApproved] = useState(false);

  const print = async (reprint: boolean): Promise<boolean> => {
    setApproved(false);
    const r = await client.call('certificate.print', { sessionId, locale: lang, reprint });
    if (r.ok) on.printed(r.value);
    else if (r.error.code === 'SUPERVISOR_REQUIRED') setApproval({ reason: r.error, reprint });
    else on.refused(r.error);
    return r.ok;
  };
  /** The same copy, once, with the supervisor's token; a refusal stays in the dialog. */
  const printAsSupervisor = async (auth: string): Promise<ContractError | null> => {
    if (!approval) return null;
    const r = await client.call('certificate.print', { sessionId, locale: lang, reprint: approval.reprint }, { auth });
    if (!r.ok) return r.error;
    setApproval(null);
    setApproved(true);
    on.printed(r.value);
    return null;
  };
  const cancel = () => {
    // Not printed: the operator is told why, and can ask again.
    if (approval) on.refused(approval.reason);
    setApproval(null);
  };
  const dialog = approval ? <SupervisorApproval reason={approval.reason} run={printAsSupervisor} onCancel={cancel} /> : null;
  return { print, dialog, approved };
}
