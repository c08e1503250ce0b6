/**
 * The kiosk's inactivity timing (idle time before the warning, and the warning's length: at least
 * 20 s, WCAG 2.2.1), and what the kiosk does without a working receipt printer.
 */
import { useEffect, useState } from 'react';
import { useClient } from '../../app/ClientProvider';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';
import { useAccess } from '../access';
import { technicianError } from '../errors';
import type { WithoutPrinter } from '../../../main/contract/kiosk/settings-schemas';

export function KioskTiming() {
  const { t, has } = useI18n();
  const client = useClient();
  const access = useAccess();
  const [idle, setIdle] = useState('');
  const [warning, setWarning] = useState('');
  const [withoutPrinter, setWithoutPrinter] = useState<WithoutPrinter>('out-of-service');
  const [note, setNote] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [printerNote, setPrinterNote] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  useEffect(() => {
    void client.call('kiosk.settings', {}).then((r) => {
      if (!r.ok) return;
      setIdle(String(r.value.idleSeconds));
      setWarning(String(r.value.warningSeconds));
      setWithoutPrinter(r.value.withoutPrinter);
    });
  }, [client]);
  const saveWithoutPrinter = async () => {
    const r = await access.call('kiosk.setWithoutPrinter', { withoutPrinter });
    setPrinterNote(
      r.ok
        ? { tone: 'success', text: t('technician:kiosk.savedWithoutPrinter') }
        : { tone: 'error', text: technicianError(r.error, t, has) },
    );
  };
  const save = async () => {
    if (!/^\d{1,4}$/.test(idle) || !/^\d{1,4}$/.test(warning))
      return setNote({ tone: 'error', text: t('technician:settings.invalidNumber') });
    const r = await access.call('technician.setKioskTiming', { timing: { idleSeconds: Number(idle), warningSeconds: Number(warning) } });
    setNote(r.ok ? { tone: 'success', text: t('technician:kiosk.saved') } : { tone: 'error', text: technicianError(r.error, t, has) });
  };
  return (
    <fieldset>
      <legend>{t('technician:kiosk.title')}</legend>
      <label>
        <span>{t('technician:kiosk.idleSeconds')}</span>
        <input name="idleSeconds" inputMode="numeric" value={idle} onChange={(e) => setIdle(e.target.value.trim())} />
      </label>
      <label>
        <span>{t('technician:kiosk.warningSeconds')}</span>
        <input
          name="warningSeconds"
          inputMode="numeric"
          value={warning}
          onChange={(e) => setWarning(e.target.value.trim())}
          aria-describedby="kiosk-warning-hint"
        />
        <span id="kiosk-warning-hint" className="hint">
          {t('technician:kiosk.warningHint')}
        </span>
      </label>
      <button type="button" onClick={() => void save()} data-testid="save-kiosk-timing">
        {t('technician:kiosk.save')}
      </button>
      {note && <Message tone={note.tone}>{note.text}</Message>}
      <label>
        <span>{t('technician:kiosk.withoutPrinter')}</span>
        <select
          name="withoutPrinter"
          value={withoutPrinter}
          onChange={(e) => setWithoutPrinter(e.target.value as WithoutPrinter)}
          aria-describedby="kiosk-without-printer-hint"
        >
          <option value="out-of-service">{t('technician:kiosk.outOfService')}</option>
          <option value="qr-receipt">{t('technician:kiosk.qrReceipt')}</option>
        </select>
        <span id="kiosk-without-printer-hint" className="hint">
          {t('technician:kiosk.withoutPrinterHint')}
        </span>
      </label>
      <button type="button" onClick={() => void saveWithoutPrinter()} data-testid="save-kiosk-without-printer">
        {t('technician:kiosk.saveWithoutPrinter')}
      </button>
      {printerNote && <Message tone={printerNote.tone}>{printerNote.text}</Message>}
    </fieldset>
  );
}
