/**
 * The journal as sentences in the screen's language (locales/<lang>/journal.json, `kind.<kind>`),
 * each entry's data folded under "Details"; a search over the whole journal that the core runs in
 * SQL (technician.journalSearch: text, event type, payment, time range), newest first, a page at a
 * time; the chain check (an edit, a deletion or a reordering is found and located) and the CSV export.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { RequestOf, ResponseOf } from '../../../main/contract/calls';
import { useClient } from '../../app/ClientProvider';
import { ActionBar } from '../../app/components/ActionBar';
import { Message } from '../../app/components/Message';
import { downloadText } from '../../app/download';
import { CATALOGS } from '../../app/i18n/catalog';
import { formatDateTime } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/I18nProvider';
import { useAccess } from '../access';
import { technicianError } from '../errors';

type Entry = ResponseOf<'technician.journalSearch'>['entries'][number];
type Query = RequestOf<'technician.journalSearch'>;
const PAGE = 100;

interface Filters {
  text: string;
  kind: string;
  sessionId: string;
  /** `datetime-local` values: the screen's local time. */
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { text: '', kind: '', sessionId: '', from: '', to: '' };

/** The filters as the call's request; a local time becomes an ISO instant. */
function queryOf(f: Filters): Query {
  const iso = (local: string) => new Date(local).toISOString();
  return {
    ...(f.text.trim() ? { text: f.text.trim() } : {}),
    ...(f.kind ? { kinds: [f.kind] } : {}),
    ...(f.sessionId.trim() ? { sessionId: f.sessionId.trim() } : {}),
    ...(f.from ? { from: iso(f.from) } : {}),
    ...(f.to ? { to: iso(f.to) } : {}),
  };
}

/** The event kinds the screen's language has a sentence for, by sentence. */
function kindsOf(lang: string): Array<{ kind: string; sentence: string }> {
  const journal = CATALOGS[lang]?.journal as { kind?: Record<string, string> } | undefined;
  return Object.entries(journal?.kind ?? {})
    .map(([kind, sentence]) => ({ kind, sentence }))
    .sort((a, b) => a.sentence.localeCompare(b.sentence, lang));
}

export function JournalSection() {
  const { t, has, lang } = useI18n();
  const client = useClient();
  const access = useAccess();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<number | null>(null);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [note, setNote] = useState<{ tone: 'error' | 'success'; text: string; testId: string } | null>(null);

  const load = useCallback(
    async (filters: Filters, beforeSeq: number | null) => {
      const r = await access.call('technician.journalSearch', {
        ...queryOf(filters),
        limit: PAGE,
        ...(beforeSeq ? { beforeSeq } : {}),
      });
      if (!r.ok) return setNote({ tone: 'error', text: technicianError(r.error, t, has), testId: 'journal-message' });
      setEntries((old) => (beforeSeq ? [...old, ...r.value.entries] : r.value.entries));
      setTotal(r.value.total);
      setNext(r.value.nextBeforeSeq);
    },
    [access, t, has],
  );
  useEffect(() => {
    void load(NO_FILTERS, null);
  }, [load]);

  const search = (e?: FormEvent) => {
    e?.preventDefault();
    setApplied(draft);
    void load(draft, null);
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    setApplied(NO_FILTERS);
    void load(NO_FILTERS, null);
  };

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

  const kinds = useMemo(() => kindsOf(lang), [lang]);
  const sentence = (kind: string) => (has(`journal:kind.${kind}`) ? t(`journal:kind.${kind}`) : t('journal:unknownKind', { kind }));
  const field = (name: keyof Filters) => ({
    name: `journal-${name}`,
    value: draft[name],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: e.target.value })),
  });

  return (
    <div className="technician-journal">
      <ActionBar
        actions={[
          { id: 'journal-verify', key: 'Alt+V', label: t('technician:journal.verify'), run: () => void verify() },
          { id: 'journal-export', key: 'Alt+E', label: t('technician:journal.export'), run: () => void exportCsv() },
          {
            id: 'journal-more',
            key: 'Alt+M',
            label: t('journal:search.more'),
            run: () => void load(applied, next),
            disabled: next === null,
          },
        ]}
        primary="journal-verify"
      />
      {note && (
        <Message tone={note.tone} testId={note.testId}>
          {note.text}
        </Message>
      )}
      <form onSubmit={search} data-testid="journal-search">
        <fieldset>
          <legend>{t('journal:search.legend')}</legend>
          <label>
            <span>{t('journal:search.text')}</span>
            <input type="search" autoComplete="off" maxLength={200} {...field('text')} />
          </label>
          <label>
            <span>{t('journal:search.kind')}</span>
            <select {...field('kind')}>
              <option value="">{t('journal:search.anyKind')}</option>
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.sentence}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('journal:search.session')}</span>
            <input type="text" autoComplete="off" maxLength={64} {...field('sessionId')} />
          </label>
          <label>
            <span>{t('journal:search.from')}</span>
            <input type="datetime-local" {...field('from')} />
          </label>
          <label>
            <span>{t('journal:search.to')}</span>
            <input type="datetime-local" {...field('to')} />
          </label>
          <button type="submit" className="primary" data-testid="journal-search-run">
            {t('journal:search.run')}
          </button>
          <button type="button" onClick={clear} data-testid="journal-search-clear">
            {t('journal:search.clear')}
          </button>
        </fieldset>
      </form>
      <table data-testid="journal-table">
        <caption>{t('journal:search.found', { total, shown: entries.length })}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">{t('technician:journal.col.at')}</th>
            <th scope="col">{t('journal:col.what')}</th>
            <th scope="col">{t('technician:journal.col.session')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq} data-kind={e.kind}>
              <td className="num">{e.seq}</td>
              <td>{formatDateTime(e.at, lang)}</td>
              <td>
                <span data-testid="journal-sentence">{sentence(e.kind)}</span>
                <details>
                  <summary>{t('journal:details')}</summary>
                  <pre className="technical">{`${e.kind}\n${JSON.stringify(e.payload, null, 2)}`}</pre>
                </details>
              </td>
              <td className="technical">{e.sessionId ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
