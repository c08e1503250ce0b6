/**
 * Finding a catalogue service: words (searched as they are typed: the core answers in well under a
 * frame, so no debounce; an answer older than the last question is dropped), a category and a
 * creditor; ↑/↓ move through the results, Enter opens the chosen one's form, Esc goes back to the
 * cart. The catalogue's age is said when it is stale, and its absence plainly (CATALOGUE_NONE).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { CatalogueEntry } from '../../../main/contract/catalogue-calls';
import type { ResponseOf } from '../../../main/contract/calls';
import type { ContractError } from '../../../main/contract/result';
import { useClient } from '../../app/ClientProvider';
import { ActionBar } from '../../app/components/ActionBar';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';
import type { Action } from '../../app/shortcuts';
import { catalogueAge } from './form-state';

type Overview = ResponseOf<'catalogue.status'>;
export interface SearchQuery {
  words: string;
  category: string;
  creditor: string;
}
export const EMPTY_QUERY: SearchQuery = { words: '', category: '', creditor: '' };

const LIMIT = 50;
const WAIT_POLL_MS = 1000;

export function ServiceSearch(props: {
  query: SearchQuery;
  onQuery: (q: SearchQuery) => void;
  /** The result under the cursor, by id: it stays put when the results change, and back from a form. */
  activeId: string | null;
  onActive: (id: string) => void;
  onChoose: (entry: CatalogueEntry) => void;
  onBack: () => void;
}) {
  const { t, has } = useI18n();
  const client = useClient();
  const q = props.query;
  const [overview, setOverview] = useState<Overview | null>(null);
  const [found, setFound] = useState<{ entries: CatalogueEntry[]; total: number } | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const activeId = props.activeId;
  const setActiveId = props.onActive;
  /** Bumped when a catalogue arrives while the screen is open: the search is asked again. */
  const [arrived, setArrived] = useState(0);
  const asked = useRef(0);
  const wordsField = useRef<HTMLInputElement>(null);
  const listId = useId();

  useEffect(() => {
    let live = true;
    void client.call('catalogue.status', {}).then((r) => {
      if (live && r.ok) setOverview(r.value);
    });
    return () => {
      live = false;
    };
  }, [client]);

  // Every change asks again; only the newest question's answer is shown.
  useEffect(() => {
    const n = ++asked.current;
    const request = {
      limit: LIMIT,
      ...(q.words.trim() ? { words: q.words.trim() } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.creditor ? { creditor: q.creditor } : {}),
    };
    void client.call('catalogue.search', request).then((r) => {
      if (n !== asked.current) return;
      if (r.ok) {
        setFound(r.value);
        setError(null);
      } else {
        setFound(null);
        setError(r.error);
        // No catalogue: the status says whether one is on its way.
        if (r.error.code === 'CATALOGUE_NONE')
          void client.call('catalogue.status', {}).then((s) => {
            if (s.ok) setOverview(s.value);
          });
      }
    });
  }, [client, q.words, q.category, q.creditor, arrived]);

  // No catalogue yet but one on its way (the core's first refresh): ask again until it is there.
  const waiting = overview?.state === 'none' && overview.refreshing;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      void client.call('catalogue.status', {}).then((r) => {
        if (!r.ok) return;
        setOverview(r.value);
        if (r.value.state !== 'none') setArrived((n) => n + 1);
      });
    }, WAIT_POLL_MS);
    return () => clearInterval(timer);
  }, [client, waiting]);

  const entries = found?.entries ?? [];
  const chosen = entries.find((e) => e.idSoggettoServizio === activeId) ?? entries[0] ?? null;
  const age = overview ? catalogueAge(overview) : null;
  const none = error?.code === 'CATALOGUE_NONE' || age?.kind === 'none';

  const move = (delta: number) => {
    const i = chosen ? entries.indexOf(chosen) : -1;
    const next = entries[Math.max(0, Math.min(entries.length - 1, i + delta))];
    if (next) setActiveId(next.idSoggettoServizio);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      move(e.key === 'ArrowDown' ? 1 : -1);
    }
  };
  useEffect(() => {
    if (chosen) document.getElementById(`${listId}-${chosen.idSoggettoServizio}`)?.scrollIntoView({ block: 'nearest' });
  }, [chosen, listId]);

  const actions: Action[] = [
    {
      id: 'service-choose',
      key: 'Enter',
      label: t('counter:service.search.choose'),
      run: () => chosen && props.onChoose(chosen),
      disabled: !chosen,
    },
    { id: 'service-back', key: 'Escape', label: t('counter:service.search.back'), run: props.onBack },
  ];

  return (
    <section className="step step-service-search" aria-labelledby="service-search-title" data-testid="service-search">
      <h1 id="service-search-title">{t('counter:service.search.title')}</h1>
      <p className="hint">{t('counter:service.search.hint')}</p>
      {age?.kind === 'stale' && (
        <Message tone="warning" testId="catalogue-stale">
          {age.days === 1 ? t('counter:service.search.staleOne') : t('counter:service.search.stale', { days: age.days })}
        </Message>
      )}
      {none &&
        (age?.kind === 'none' && age.refreshing ? (
          <Message tone="info" testId="catalogue-loading">
            {t('counter:service.search.loading')}
          </Message>
        ) : (
          <Message tone="error" testId="catalogue-none">
            {t('counter:service.search.none')}
          </Message>
        ))}
      {error && !none && (
        <Message tone="error" testId="service-search-error">
          {describeError(error, t, has)}
        </Message>
      )}
      <div className="entry-form service-filters">
        <label>
          <span>{t('counter:service.search.words')}</span>
          <input
            ref={wordsField}
            autoFocus
            name="service-words"
            type="text"
            role="combobox"
            aria-expanded={entries.length > 0}
            aria-controls={entries.length > 0 ? listId : undefined}
            aria-activedescendant={chosen ? `${listId}-${chosen.idSoggettoServizio}` : undefined}
            aria-autocomplete="list"
            value={q.words}
            onChange={(e) => props.onQuery({ ...q, words: e.target.value })}
            onKeyDown={onKeyDown}
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
          />
        </label>
        <label>
          <span>{t('counter:service.search.category')}</span>
          <select name="service-category" value={q.category} onChange={(e) => props.onQuery({ ...q, category: e.target.value })}>
            <option value="">{t('counter:service.search.allCategories')}</option>
            {(overview?.categories ?? []).map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} ({c.services})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('counter:service.search.creditor')}</span>
          <select name="service-creditor" value={q.creditor} onChange={(e) => props.onQuery({ ...q, creditor: e.target.value })}>
            <option value="">{t('counter:service.search.allCreditors')}</option>
            {(overview?.creditors ?? []).map((c) => (
              <option key={c.idDominio} value={c.idDominio}>
                {c.name} ({c.services})
              </option>
            ))}
          </select>
        </label>
      </div>
      {found && (
        <p className="hint" role="status" data-testid="service-count">
          {found.total === 0
            ? t('counter:service.search.noResults')
            : t('counter:service.search.results', { count: entries.length, total: found.total })}
        </p>
      )}
      {entries.length > 0 && (
        <ul
          id={listId}
          role="listbox"
          className="service-results"
          aria-label={t('counter:service.search.title')}
          data-testid="service-results"
        >
          {entries.map((e) => (
            <li
              key={e.idSoggettoServizio}
              id={`${listId}-${e.idSoggettoServizio}`}
              role="option"
              aria-selected={e === chosen}
              className={e === chosen ? 'selected' : undefined}
              data-service={e.idSoggettoServizio}
              onClick={() => props.onChoose(e)}
            >
              <div>{e.descrizioneServizio}</div>
              <div className="sub">
                {e.denominazioneEnteCreditore}
                {e.categoria ? ` · ${e.categoria}` : ''}
              </div>
            </li>
          ))}
        </ul>
      )}
      <ActionBar actions={actions} primary="service-choose" label={t('counter:actions')} />
    </section>
  );
}
