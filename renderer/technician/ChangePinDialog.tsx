/** A new PIN: the current one again (a screen left unlocked cannot be taken over), the new one twice. */
import { useState } from 'react';
import { Dialog } from '../app/components/Dialog';
import { Message } from '../app/components/Message';
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
  const digits = (v: string) => v.replace(/\D/g, '').slice(0, 12);
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
      <label>
        <span>{t('technician:pin.current')}</span>
        <input
          name="current-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={current}
          onChange={(e) => setCurrent(digits(e.target.value))}
        />
      </label>
      <label>
        <span>{t('technician:pin.new')}</span>
        <input
          name="new-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={next}
          onChange={(e) => setNext(digits(e.target.value))}
          aria-describedby="pin-rule"
        />
      </label>
      <p id="pin-rule" className="hint">
        {t('technician:pin.rule')}
      </p>
      <label>
        <span>{t('technician:pin.again')}</span>
        <input
          name="new-pin-again"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={again}
          onChange={(e) => setAgain(digits(e.target.value))}
          aria-invalid={mismatch}
        />
      </label>
      {mismatch && (
        <p className="field-error" role="alert">
          {t('technician:pin.mismatch')}
        </p>
      )}
      {error && <Message tone="error">{error}</Message>}
    </Dialog>
  );
}
