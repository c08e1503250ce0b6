/**
 * Technician mode starts locked: the PIN is checked by the core, which counts failures and locks
 * out after five for a few minutes (persisted: a reload does not reset it). In demo mode, while the
 * documented default is still the PIN, the screen shows it (and says only demo mode keeps it); on a
 * configured terminal the default PIN opens nothing but the new-PIN dialog (mustChangePin).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../main/contract/calls';
import { useClient } from '../app/ClientProvider';
import { ActionBar } from '../app/components/ActionBar';
import { Message } from '../app/components/Message';
import { formatCountdown, formatTime } from '../app/i18n/format';
import { useI18n } from '../app/i18n/I18nProvider';
import { useNow } from '../app/use-now';
import { technicianError } from './errors';

type PinStatus = ResponseOf<'technician.pinStatus'>;

export function LockScreen(props: { onUnlocked: (auth: string, defaultPinInUse: boolean, mustChangePin: boolean) => void }) {
  const client = useClient();
  const { t, has, lang } = useI18n();
  const now = useNow(1000);
  const [status, setStatus] = useState<PinStatus | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const r = await client.call('technician.pinStatus', {});
    if (r.ok) setStatus(r.value);
  }, [client]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const lockedUntil = status?.locked && status.lockedUntilMs !== null && status.lockedUntilMs > now ? status.lockedUntilMs : null;
  // The lock-out ran out while the screen was open: ask the core again.
  useEffect(() => {
    if (status?.locked && !lockedUntil) void refresh();
  }, [status?.locked, lockedUntil, refresh]);

  const unlock = async () => {
    if (busy || pin.length === 0 || lockedUntil) return;
    setBusy(true);
    const r = await client.call('technician.unlock', { pin });
    setBusy(false);
    setPin('');
    if (r.ok) return props.onUnlocked(r.value.auth, r.value.defaultPinInUse, r.value.mustChangePin);
    setError(technicianError(r.error, t, has));
    await refresh();
  };

  return (
    <section className="step technician-lock" data-testid="technician-lock" aria-labelledby="technician-lock-title">
      <h1 id="technician-lock-title">{t('technician:lock.title')}</h1>
      <p className="hint">{t('technician:lock.hint')}</p>
      {status?.demoPin && (
        <Message tone="info" testId="demo-pin">
          {t('technician:lock.demoPin', { pin: status.demoPin })} {t('technician:lock.demoDefault')}
        </Message>
      )}
      <label>
        <span>{t('technician:lock.pin')}</span>
        <input
          name="pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          value={pin}
          disabled={!!lockedUntil}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 12))}
          aria-describedby="technician-lock-attempts"
        />
      </label>
      <p id="technician-lock-attempts" className="hint" data-testid="pin-attempts">
        {status && !lockedUntil
          ? t('technician:lock.attempts', { left: status.maxFailures - status.failures, max: status.maxFailures })
          : ''}
      </p>
      {lockedUntil && (
        <Message tone="error" testId="pin-locked">
          {t('technician:lock.locked', {
            until: formatTime(lockedUntil, lang),
            left: formatCountdown(lockedUntil - now),
            minutes: status?.lockMinutes ?? 0,
          })}
        </Message>
      )}
      {error && !lockedUntil && (
        <Message tone="error" testId="pin-error">
          {error}
        </Message>
      )}
      <ActionBar
        actions={[
          {
            id: 'unlock',
            key: 'Enter',
            label: t('technician:lock.unlock'),
            run: () => void unlock(),
            disabled: busy || pin.length === 0 || !!lockedUntil,
          },
        ]}
        primary="unlock"
      />
    </section>
  );
}
