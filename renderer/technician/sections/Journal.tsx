/**
 * The journal: its entries (newest pages loaded on request), a search over what is loaded, the
 * chain check (an edit, a deletion or a reordering is found and located) and the CSV export.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import { useClient } from '../../app/ClientProvider';
import { ActionBar } from '../../app/components/ActionBar';
import { Message } from '../../app/components/Message';
import { downloadText } from '../../app/download';
import { formatDateTime } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/I18nProvider';
import { technicianError } from '../errors';

type Entry = ResponseOf<'journal.list'>['entries'][number];
const PAGE = 200;

export function JournalSection() {
  const { t, has, lang } = useI18n();
  const client = useClient();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [more, setMore] = useState(true);
  const [query, setQuery] = useState('');
  const [note, setNote] = useState<{ tone: 'error' | 'success'; text: string; testId: string } | null>(null);

  const loadFrom = useCallback(
    async (afterSeq: number) => {
      const r = await client.call('journal.list', { afterSeq, limit: PAGE });
      if (!r.ok) return setNote({ tone: 'error', text: technicianError(r.error, t, has), testId: 'journal-message' });
      setEntries((old) => (afterSeq === 0 ? r.value.entries : [...old, ...r.value.entries]));
      setMore(r.value.entries.length === PAGE);
    },
    [client, t, has],
  );
  useEffect(() => {
    void loadFrom(0);
  }, [loadFrom]);

  const verify = async () => {
    const r = await client.call('journal.verify', {});
    if (!r.ok) return setNote({ tone: 'error', text: technicianError(r.error, t, has), testId: 'journal-verify' });
    const v = r.value;
    setNote(
      v.ok
        ? { tone: 'success', text: t('technician:journal.intact', { count: v.count }), testId: 'journal-verify' }
        : {
            tone: 'error',
            text: t('technician:journal.broken', { seq: v.brokenAt, reason: t(`technician:journal.reason.${v.reason}`) }),
            testId: 'journal-verify',
          },
    );
  };
  const exportCsv = async () => {
    const r = await client.call('journal.exportCsv', {});
    if (!r.ok) return setNote({ tone: 'error', text: technicianError(r.error, t, has), testId: 'journal-message' });
    downloadText(r.value.filename, r.value.csv, 'text/csv;charset=utf-8');
    setNote({
      tone: 'success',
      text: t('technician:journal.exported', { count: r.value.count, file: r.value.filename }),
      testId: 'journal-message',
    });
  };

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matching =
      q === ''
        ? entries
        : entries.filter((e) => `${e.seq} ${e.kind} ${e.sessionId ?? ''} ${JSON.stringify(e.payload)}`.toLowerCase().includes(q));
    return [...matching].reverse();
  }, [entries, query]);

  return (
    <div className="technician-journal">
      <ActionBar
        actions={[
          { id: 'journal-verify', key: 'Alt+V', label: t('technician:journal.verify'), run: () => void verify() },
          { id: 'journal-export', key: 'Alt+E', label: t('technician:journal.export'), run: () => void exportCsv() },
          {
            id: 'journal-more',
            key: 'Alt+M',
            label: t('technician:journal.more'),
            run: () => void loadFrom(entries.at(-1)?.seq ?? 0),
            disabled: !more,
          },
        ]}
        primary="journal-verify"
      />
      {note && (
        <Message tone={note.tone} testId={note.testId}>
          {note.text}
        </Message>
      )}
      <label>
        <span>{t('technician:journal.search')}</span>
        <input name="journal-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      </label>
      <table data-testid="journal-table">
        <caption>{t('technician:journal.caption', { shown: shown.length, loaded: entries.length })}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">{t('technician:journal.col.at')}</th>
            <th scope="col">{t('technician:journal.col.kind')}</th>
            <th scope="col">{t('technician:journal.col.session')}</th>
            <th scope="col">{t('technician:journal.col.payload')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => (
            <tr key={e.seq}>
              <td className="num">{e.seq}</td>
              <td>{formatDateTime(e.at, lang)}</td>
              <td>{e.kind}</td>
              <td className="technical">{e.sessionId ?? '—'}</td>
              <td className="technical">{JSON.stringify(e.payload)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
