/** A new PIN: the current one again (a screen left unlocked cannot be taken over), the new one twice. */
import { useState } from 'react';
import { Dialog } from '../app/components/Dialog';
import { FieldError } from '../app/components/FieldError';
import { Message } from '../app/components/Message';
import { PinField } from '../app/components/PinField';
import { useI18n } from '../app/i18n/I18nProvider';
import { useAccess } from './access';
import { technicianError } from './errors';

export function ChangePinDialog(props: { onClose: (changed: boolean) => void }) {
  const { t, has } = useI18n();
  const access = useAccess();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mismatch = again.length > 0 && again !== next;
  const save = async () => {
    if (mismatch || next.length === 0 || current.length === 0) return;
    const r = await access.call('technician.changePin', { currentPin: current, newPin: next });
    if (r.ok) return props.onClose(true);
    setError(technicianError(r.error, t, has));
  };
  return (
    <Dialog
      title={t('technician:pin.change')}
      actions={[
        {
          id: 'save-pin',
          key: 'Enter',
          label: t('technician:pin.save'),
          run: () => void save(),
          disabled: mismatch || next.length < 4 || current.length === 0,
        },
        { id: 'cancel-pin', key: 'Escape', label: t('technician:action.cancel'), run: () => props.onClose(false) },
      ]}
      primary="save-pin"
    >
      <PinField label={t('technician:pin.current')} name="current-pin" value={current} onChange={setCurrent} />
      <PinField label={t('technician:pin.new')} name="new-pin" value={next} onChange={setNext} describedBy="pin-rule" />
      <p id="pin-rule" className="hint">
        {t('technician:pin.rule')}
      </p>
      <PinField label={t('technician:pin.again')} name="new-pin-again" value={again} onChange={setAgain} invalid={mismatch} />
      {mismatch && <FieldError>{t('technician:pin.mismatch')}</FieldError>}
      {error && <Message tone="error">{error}</Message>}
    </Dialog>
  );
}
