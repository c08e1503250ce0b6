/** Opening the shift: the float the drawer starts with (counted by the operator). */
import { useState } from 'react';
import type { ShiftView } from '../../../main/contract/shift-schemas';
import type { ContractError } from '../../../main/contract/result';
import { useClient } from '../../app/ClientProvider';
import { ActionBar } from '../../app/components/ActionBar';
import { Message } from '../../app/components/Message';
import { parseEuroInput } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';
import { AmountField } from './AmountField';

export function ShiftOpen(props: { operatorId: string; onOpened: (shift: ShiftView) => void; onSignOut: () => void }) {
  const { t, has } = useI18n();
  const client = useClient();
  const [floatText, setFloatText] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const floatCents = parseEuroInput(floatText);
  const open = async () => {
    if (floatCents === null) return;
    setBusy(true);
    const r = await client.call('shift.open', { operatorId: props.operatorId, floatCents });
    setBusy(false);
    if (r.ok) props.onOpened(r.value);
    else setError(r.error);
  };
  return (
    <section className="step step-shift-open" aria-labelledby="shift-open-title">
      <h1 id="shift-open-title">{t('shift:open.title')}</h1>
      <p className="hint">{t('shift:open.hint', { operator: props.operatorId })}</p>
      <AmountField label={t('shift:open.float')} name="float" value={floatText} onChange={setFloatText} autoFocus />
      {error && <Message tone="error">{describeError(error, t, has)}</Message>}
      <ActionBar
        primary="open"
        actions={[
          { id: 'open', key: 'Enter', label: t('shift:open.submit'), run: () => void open(), disabled: floatCents === null || busy },
          { id: 'sign-out', key: 'Escape', label: t('shift:signOut'), run: props.onSignOut },
        ]}
      />
    </section>
  );
}
