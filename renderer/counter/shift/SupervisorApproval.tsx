/**
 * When the core answers SUPERVISOR_REQUIRED (another operator's shift, a cash difference, a reprint
 * beyond the first duplicate), a supervisor signs the one action off here: their code and PIN sign
 * them in, the action runs once with their token, and they are signed out again. The core checks
 * the role; this dialog only carries the token for one call.
 */
import { useState } from 'react';
import type { ContractError } from '../../../main/contract/result';
import { useClient } from '../../app/ClientProvider';
import { Dialog } from '../../app/components/Dialog';
import { Message } from '../../app/components/Message';
import { PinField } from '../../app/components/PinField';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';

export function SupervisorApproval(props: {
  reason: ContractError;
  run: (auth: string) => Promise<ContractError | null>;
  onCancel: () => void;
}) {
  const { t, has } = useI18n();
  const client = useClient();
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const approve = async () => {
    if (busy || code.trim() === '' || pin === '') return;
    setBusy(true);
    const login = await client.call('operator.login', { operatorId: code.trim(), pin });
    setPin('');
    if (!login.ok) {
      setBusy(false);
      return setError(login.error);
    }
    const failed = await props.run(login.value.auth);
    void client.call('operator.logout', {}, { auth: login.value.auth });
    setBusy(false);
    if (failed) setError(failed);
  };
  return (
    <Dialog
      title={t('app:supervisor.title')}
      primary="approve"
      actions={[
        {
          id: 'approve',
          key: 'Enter',
          label: t('app:supervisor.approve'),
          run: () => void approve(),
          disabled: busy || code.trim() === '' || pin === '',
        },
        { id: 'cancel-approval', key: 'Escape', label: t('app:supervisor.cancel'), run: props.onCancel },
      ]}
    >
      <Message tone="warning" testId="supervisor-reason">
        {describeError(props.reason, t, has)}
      </Message>
      <label>
        <span>{t('app:supervisor.operator')}</span>
        <input name="supervisor" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} maxLength={64} />
      </label>
      <PinField label={t('app:supervisor.pin')} name="supervisor-pin" value={pin} onChange={setPin} />
      {error && (
        <Message tone="error" testId="supervisor-error">
          {describeError(error, t, has)}
        </Message>
      )}
    </Dialog>
  );
}
