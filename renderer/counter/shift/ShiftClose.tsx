/**
 * Closing the shift with a blind count: the operator counts the drawer and types the total before
 * seeing what was expected; the core records both, the difference and the Z report's number. A
 * difference, or another operator's shift, needs a supervisor: the core says so
 * (SUPERVISOR_REQUIRED) and the supervisor signs the close off in SupervisorApproval.
 */
import { useState } from 'react';
import type { ShiftReport, ShiftView } from '../../../main/contract/shift-schemas';
import type { ContractError } from '../../../main/contract/result';
import { useClient } from '../../app/ClientProvider';
import { ActionBar } from '../../app/components/ActionBar';
import { Dialog } from '../../app/components/Dialog';
import { Message } from '../../app/components/Message';
import { parseEuroInput } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';
import { AmountField } from './AmountField';
import { SupervisorApproval } from './SupervisorApproval';

export function ShiftClose(props: { shift: ShiftView; onClosed: (z: ShiftReport) => void; onBack: () => void }) {
  const { t, has, money } = useI18n();
  const client = useClient();
  const [countedText, setCountedText] = useState('');
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const [approval, setApproval] = useState<ContractError | null>(null);
  const counted = parseEuroInput(countedText);
  const close = async () => {
    if (counted === null) return;
    setConfirm(false);
    setBusy(true);
    const r = await client.call('shift.close', { shiftId: props.shift.id, countedCashCents: counted });
    setBusy(false);
    if (r.ok) props.onClosed(r.value);
    else if (r.error.code === 'SUPERVISOR_REQUIRED') setApproval(r.error);
    else setError(r.error);
  };
  /** The same close, once, with the supervisor's token. */
  const closeAsSupervisor = async (auth: string): Promise<ContractError | null> => {
    if (counted === null) return null;
    const r = await client.call('shift.close', { shiftId: props.shift.id, countedCashCents: counted }, { auth });
    if (!r.ok) return r.error;
    setApproval(null);
    props.onClosed(r.value);
    return null;
  };
  return (
    <section className="step step-shift-close" aria-labelledby="shift-close-title">
      <h1 id="shift-close-title">{t('shift:close.title')}</h1>
      <p className="hint">{t('shift:close.hint', { operator: props.shift.operatorId })}</p>
      <AmountField label={t('shift:close.counted')} name="counted" value={countedText} onChange={setCountedText} autoFocus />
      {error && (
        <Message tone="error" testId="close-error">
          {describeError(error, t, has)}
        </Message>
      )}
      <ActionBar
        primary="close"
        actions={[
          {
            id: 'close',
            key: 'Enter',
            label: t('shift:close.submit'),
            run: () => counted !== null && setConfirm(true),
            disabled: counted === null || busy,
          },
          { id: 'back', key: 'Escape', label: t('shift:close.back'), run: props.onBack },
        ]}
      />
      {confirm && counted !== null && (
        <Dialog
          title={t('shift:close.confirmTitle')}
          primary="yes"
          actions={[
            { id: 'yes', key: 'Enter', label: t('shift:close.confirm'), run: () => void close() },
            { id: 'no', key: 'Escape', label: t('shift:close.back'), run: () => setConfirm(false) },
          ]}
        >
          <p>{t('shift:close.confirmText', { counted: money(counted) })}</p>
        </Dialog>
      )}
      {approval && <SupervisorApproval reason={approval} run={closeAsSupervisor} onCancel={() => setApproval(null)} />}
    </section>
  );
}
