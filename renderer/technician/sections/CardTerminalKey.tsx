/**
 * The nexo terminal's key passphrase (write-only: stored as a secret by the core, never shown nor
 * filled back) and the test transaction: 0.01 EUR asked of the saved terminal and reversed at once,
 * its answer in the technician's words (approved, declined, busy, offline, wrong key, …).
 */
import { useState } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';
import { useAccess } from '../access';
import { technicianError } from '../errors';

type TestResult = ResponseOf<'technician.testCardTerminal'>;

export function CardTerminalKey() {
  const { t, has } = useI18n();
  const access = useAccess();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'error' | 'success' | 'info'; text: string } | null>(null);

  const storeKey = async () => {
    if (passphrase === '') return;
    setBusy(true);
    const r = await access.call('technician.setCardTerminalKey', { passphrase });
    setBusy(false);
    // The field is emptied either way: the passphrase lives in the core's secret store only.
    setPassphrase('');
    setMessage(
      r.ok ? { tone: 'success', text: t('technician:devices.card.keyStored') } : { tone: 'error', text: technicianError(r.error, t, has) },
    );
  };

  const runTest = async () => {
    setBusy(true);
    setMessage({ tone: 'info', text: t('technician:devices.card.testRunning') });
    const r = await access.call('technician.testCardTerminal', {});
    setBusy(false);
    if (!r.ok) return setMessage({ tone: 'error', text: technicianError(r.error, t, has) });
    setMessage({ tone: r.value.result === 'approved' && r.value.reversed ? 'success' : 'error', text: describe(r.value, t) });
  };

  return (
    <div className="card-terminal-key">
      <label>
        <span>{t('technician:devices.card.passphrase')}</span>
        <input
          name="card-passphrase"
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          aria-describedby="card-passphrase-hint"
        />
        <span id="card-passphrase-hint" className="hint">
          {t('technician:devices.card.passphraseHint')}
        </span>
      </label>
      <button type="button" data-testid="card-store-key" disabled={busy || passphrase === ''} onClick={() => void storeKey()}>
        {t('technician:devices.card.storeKey')}
      </button>
      <button type="button" data-testid="card-test" disabled={busy} onClick={() => void runTest()}>
        {t('technician:devices.card.test')}
      </button>
      {message && (
        <Message tone={message.tone} testId="card-test-message">
          {message.text}
        </Message>
      )}
    </div>
  );
}

function describe(r: TestResult, t: (key: string, params?: Record<string, string | number>) => string): string {
  const words = t(`technician:devices.card.testResult.${r.result}`, { reason: r.reason ?? '' });
  if (r.result !== 'approved') return words;
  const card = [r.cardBrand, r.maskedPan, r.authCode ? `${t('technician:devices.card.authCode')} ${r.authCode}` : null]
    .filter(Boolean)
    .join(' · ');
  const reversal = t(r.reversed ? 'technician:devices.card.reversed' : 'technician:devices.card.notReversed');
  return `${words} ${card}. ${reversal}`;
}
