/**
 * The receipt printer as the core drives it: the model of the chosen printer (drivers/printer
 * profiles: code page, columns, cutter, drawer, QR), its test page through the print queue, the
 * live status (printer.status, pushed) and the jobs still to print, each with reprint and discard.
 * Shown under the device list (Devices.tsx chooses the printer itself).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import type { PrinterStatusPayload } from '../../../main/contract/printer-calls';
import { useClient, useEvent } from '../../app/ClientProvider';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';
import { useAccess } from '../access';
import { technicianError } from '../errors';

type Models = ResponseOf<'printer.models'>;
type Note = { tone: 'error' | 'success' | 'warning'; text: string };

export function PrinterSection() {
  const { t, has } = useI18n();
  const client = useClient();
  const access = useAccess();
  const [models, setModels] = useState<Models | null>(null);
  const [model, setModel] = useState('generic');
  const [status, setStatus] = useState<PrinterStatusPayload | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const load = useCallback(async () => {
    const m = await client.call('printer.models', {}, { auth: access.auth });
    if (m.ok) {
      setModels(m.value);
      setModel(m.value.chosen);
    }
    const s = await client.call('printer.status', {}, { auth: access.auth });
    if (s.ok) setStatus(s.value);
  }, [access]);
  useEffect(() => void load(), [load, client]);
  useEvent('printer.status', setStatus);

  const reason = (r: string | null | undefined) => (r && has(`printer:live.reason.${r}`) ? t(`printer:live.reason.${r}`) : (r ?? ''));
  const saveModel = async () => {
    const r = await client.call('printer.chooseModel', { model }, { auth: access.auth });
    setNote(r.ok ? { tone: 'success', text: t('printer:models.saved') } : { tone: 'error', text: technicianError(r.error, t, has) });
  };
  const testPage = async () => {
    const r = await client.call('printer.testPage', {}, { auth: access.auth });
    if (!r.ok) return setNote({ tone: 'error', text: technicianError(r.error, t, has) });
    setNote(
      r.value.state === 'printed'
        ? { tone: 'success', text: t('printer:models.testPrinted') }
        : { tone: 'warning', text: t('printer:models.testKept', { reason: reason(r.value.lastFailure?.reason) }) },
    );
  };
  const retry = async (jobId: string) => {
    const r = await client.call('printer.retryJob', { jobId }, { auth: access.auth });
    if (!r.ok) setNote({ tone: 'error', text: technicianError(r.error, t, has) });
  };
  const discard = async (jobId: string) => {
    const r = await client.call('printer.discardJob', { jobId }, { auth: access.auth });
    if (!r.ok) setNote({ tone: 'error', text: technicianError(r.error, t, has) });
  };

  return (
    <fieldset data-testid="printer-section">
      <legend>{t('printer:models.title')}</legend>
      {status?.state === 'none' ? (
        <p className="hint">{t('printer:models.noPrinter')}</p>
      ) : (
        <>
          <label>
            <span>{t('printer:models.choose')}</span>
            <select name="printerModel" value={model} onChange={(e) => setModel(e.target.value)}>
              {models?.models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void saveModel()} data-testid="printer-model-save">
            {t('printer:models.save')}
          </button>
          <button type="button" onClick={() => void testPage()} data-testid="printer-test-page">
            {t('printer:models.testPage')}
          </button>
        </>
      )}
      {status && status.state !== 'none' && (
        <p data-testid="printer-live" data-state={status.state}>
          {t('printer:live.label', {
            state: status.state === 'problem' ? reason(status.reason) : t(`printer:live.state.${status.state}`),
          })}
          {status.drawerOpen && <> · {t('printer:live.drawerOpen')}</>}
        </p>
      )}
      {note && (
        <Message tone={note.tone} testId="printer-note">
          {note.text}
        </Message>
      )}
      <h2>{t('printer:jobs.title')}</h2>
      {!status || status.jobs.length === 0 ? (
        <p className="hint">{t('printer:jobs.empty')}</p>
      ) : (
        <ul className="print-jobs" data-testid="print-jobs">
          {status.jobs.map((j) => (
            <li key={j.id} data-state={j.state} data-kind={j.kind}>
              <span>
                {t(`printer:jobs.kind.${j.kind}`)} · {j.title} · {t(`printer:jobs.state.${j.state}`)}
                {j.lastFailure && <> · {reason(j.lastFailure.reason)}</>}
              </span>
              {j.state !== 'printing' && (
                <>
                  <button type="button" onClick={() => void retry(j.id)}>
                    {t('printer:jobs.retry')}
                  </button>
                  <button type="button" onClick={() => void discard(j.id)}>
                    {t('printer:jobs.discard')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
