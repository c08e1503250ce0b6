/** Printing a session's paper on the configured printer, and what the operator is told about it. */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import type { ContractError } from '../../../main/contract/result';
import { useClient } from '../../app/ClientProvider';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';

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
  const print = async (reprint: boolean): Promise<boolean> => {
    setBusy(true);
    setError(null);
    const r = await client.call('certificate.print', { sessionId, locale: lang, reprint });
    setBusy(false);
    if (r.ok) setPrinted(r.value);
    else setError(r.error);
    return r.ok;
  };
  let message: ReactNode = null;
  if (error) message = <Message tone="error" testId="print-error">{describeError(error, t, has)}</Message>;
  else if (busy) message = <Message tone="info">{t('counter:print.printing')}</Message>;
  else if (printed) {
    message = (
      <Message tone="success" testId="printed">
        {t(printed.duplicate ? 'counter:print.duplicateDone' : 'counter:print.done')}
        {printed.warnings.map((w) => <span key={w}> {t(w)}</span>)}
      </Message>
    );
  }
  return { busy, printed, message, print };
}
