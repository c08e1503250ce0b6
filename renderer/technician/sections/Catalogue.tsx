/**
 * The service catalogue (issue 15): how old the kept one is (fresh, stale, none), how many services,
 * the last refresh's failure, a refresh now; and which services the kiosk offers, a switch per
 * provider, saved as a whole (the core journals the change). Shown under Settings.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import { useClient } from '../../app/ClientProvider';
import { Message } from '../../app/components/Message';
import { formatDateTime } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/I18nProvider';
import { useAccess } from '../access';
import { technicianError } from '../errors';

type Overview = ResponseOf<'catalogue.status'>;
type Entry = ResponseOf<'catalogue.search'>['entries'][number];
type Note = { tone: 'error' | 'success'; text: string };

const HOUR_MS = 3_600_000;

/** "12 minutes", "5 hours", "3 days": how old the kept catalogue is. */
function ageText(ageMs: number, t: (key: string, params?: Record<string, string | number>) => string): string {
  if (ageMs < HOUR_MS) return t('technician:catalogue.ageMinutes', { count: Math.floor(ageMs / 60_000) });
  if (ageMs < 48 * HOUR_MS) return t('technician:catalogue.ageHours', { count: Math.floor(ageMs / HOUR_MS) });
  return t('technician:catalogue.ageDays', { count: Math.floor(ageMs / (24 * HOUR_MS)) });
}

export function CatalogueSettings() {
  const { t, has, lang } = useI18n();
  const client = useClient();
  const access = useAccess();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [offered, setOffered] = useState<Set<string>>(new Set());
  const [refreshing, setRefreshing] = useState(false);
  const [note, setNote] = useState<Note | null>(null);
  const [kioskNote, setKioskNote] = useState<Note | null>(null);

  const load = useCallback(async () => {
    const [status, list, settings] = await Promise.all([
      client.call('catalogue.status', {}),
      client.call('catalogue.search', { limit: 1000 }),
      access.call('technician.kioskServices', {}),
    ]);
    if (status.ok) setOverview(status.value);
    setEntries(list.ok ? list.value.entries : []);
    if (settings.ok) setOffered(new Set(settings.value.offered));
  }, [access, client]);
  useEffect(() => {
    void load();
  }, [load]);

  const refresh = async () => {
    setRefreshing(true);
    setNote(null);
    // A staff-or-technician call: made with the technician's credential.
    const r = await client.call('catalogue.refresh', {}, { auth: access.auth });
    setRefreshing(false);
    if (!r.ok) return setNote({ tone: 'error', text: technicianError(r.error, t, has) });
    setOverview(r.value);
    setNote(
      r.value.lastError
        ? { tone: 'error', text: t('technician:catalogue.refreshFailed', { message: r.value.lastError.message }) }
        : { tone: 'success', text: t('technician:catalogue.refreshed', { count: r.value.services }) },
    );
    await load();
  };

  const toggle = (id: string, on: boolean) => {
    const next = new Set(offered);
    if (on) next.add(id);
    else next.delete(id);
    setOffered(next);
    setKioskNote(null);
  };

  const save = async () => {
    const r = await access.call('technician.setKioskServices', { idSoggettoServizio: [...offered] });
    if (!r.ok) return setKioskNote({ tone: 'error', text: technicianError(r.error, t, has) });
    setOffered(new Set(r.value.offered));
    setKioskNote({ tone: 'success', text: t('technician:catalogue.kioskSaved', { count: r.value.offered.length }) });
  };

  return (
    <fieldset data-testid="catalogue-settings">
      <legend>{t('technician:catalogue.title')}</legend>
      {overview && (
        <dl className="technician-facts" data-testid="catalogue-status" data-state={overview.state}>
          <dt>{t('technician:catalogue.state')}</dt>
          <dd data-testid="catalogue-state">{t(`technician:catalogue.states.${overview.state}`)}</dd>
          {overview.fetchedAtMs !== null && overview.ageMs !== null && (
            <>
              <dt>{t('technician:catalogue.fetchedAt')}</dt>
              <dd data-testid="catalogue-age">
                {formatDateTime(overview.fetchedAtMs, lang)} ({ageText(overview.ageMs, t)})
              </dd>
            </>
          )}
          <dt>{t('technician:catalogue.services')}</dt>
          <dd data-testid="catalogue-count">{overview.services}</dd>
          {overview.lastError && (
            <>
              <dt>{t('technician:catalogue.lastError')}</dt>
              <dd data-testid="catalogue-error">{overview.lastError.message}</dd>
            </>
          )}
        </dl>
      )}
      <button type="button" onClick={() => void refresh()} disabled={refreshing} data-testid="catalogue-refresh">
        {t('technician:catalogue.refresh')}
      </button>
      {note && <Message tone={note.tone}>{note.text}</Message>}

      <h2>{t('technician:catalogue.kioskTitle')}</h2>
      <p className="hint">{t('technician:catalogue.kioskHint')}</p>
      {entries.length === 0 ? (
        <p data-testid="catalogue-empty">{t('technician:catalogue.empty')}</p>
      ) : (
        <ul className="technician-switches" data-testid="kiosk-services">
          {entries.map((e) => (
            <li key={e.idSoggettoServizio}>
              <label>
                <input
                  type="checkbox"
                  role="switch"
                  checked={offered.has(e.idSoggettoServizio)}
                  onChange={(ev) => toggle(e.idSoggettoServizio, ev.target.checked)}
                  data-testid={`kiosk-service-${e.idSoggettoServizio}`}
                />
                <span>
                  {e.descrizioneServizio} — {e.denominazioneEnteCreditore} ({e.idSoggettoServizio})
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => void save()} disabled={entries.length === 0} data-testid="save-kiosk-services">
        {t('technician:catalogue.kioskSave')}
      </button>
      {kioskNote && <Message tone={kioskNote.tone}>{kioskNote.text}</Message>}
    </fieldset>
  );
}
