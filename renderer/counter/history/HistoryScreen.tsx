/**
 * The counter's payment history (issue 13): today's payments on this terminal, newest first; a
 * search by notice number, paymentToken, amount (typed in euros, sent as integer cents), operator,
 * day and time range (filters.ts); older pages on F6. A row opens the payment (PaymentDetail);
 * Esc goes back to the list, and from the list back to the payment screen.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import type { SessionSearchRequest } from '../../../main/contract/history-schemas';
import type { ContractError } from '../../../main/contract/result';
import { useClient } from '../../app/ClientProvider';
import { ActionBar } from '../../app/components/ActionBar';
import { Message } from '../../app/components/Message';
import { Money } from '../../app/components/Money';
import { Spinner } from '../../app/components/Spinner';
import { formatTime } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';
import { emptyForm, toRequest } from './filters';
import type { FormProblem, HistoryForm } from './filters';
import { PaymentDetail } from './PaymentDetail';
import { statusTone, statusWord } from './status';
import './history.css';

type Row = ResponseOf<'sessions.search'>['sessions'][number];

const FIELDS: { name: keyof HistoryForm; type: string; label: string }[] = [
  { name: 'day', type: 'date', label: 'history:form.day' },
  { name: 'fromTime', type: 'time', label: 'history:form.fromTime' },
  { name: 'toTime', type: 'time', label: 'history:form.toTime' },
  { name: 'noticeNumber', type: 'text', label: 'history:form.noticeNumber' },
  { name: 'paymentToken', type: 'text', label: 'history:form.paymentToken' },
  { name: 'amount', type: 'text', label: 'history:form.amount' },
  { name: 'operatorId', type: 'text', label: 'history:form.operator' },
];

export function HistoryScreen(props: { open: string | null; onBack: () => void }) {
  const client = useClient();
  const { t, has, lang } = useI18n();
  const [form, setForm] = useState<HistoryForm>(() => emptyForm(Date.now()));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [asked, setAsked] = useState<SessionSearchRequest | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState<{ id: string; row: Row | null } | null>(props.open ? { id: props.open, row: null } : null);
  useEffect(() => {
    if (props.open) setOpened({ id: props.open, row: null });
  }, [props.open]);

  const run = useCallback(
    async (request: SessionSearchRequest, before: string | null) => {
      setBusy(true);
      setError(null);
      const r = await client.call('sessions.search', { ...request, limit: 50, ...(before ? { before } : {}) });
      setBusy(false);
      if (!r.ok) return setError(r.error);
      setAsked(request);
      setRows((old) => (before && old ? [...old, ...r.value.sessions] : r.value.sessions));
      setNext(r.value.next);
    },
    [client],
  );
  const search = (f: HistoryForm = form) => {
    const built = toRequest(f);
    if ('problem' in built) return setProblem(built.problem);
    setProblem(null);
    void run(built.request, null);
  };
  useEffect(() => {
    const built = toRequest(emptyForm(Date.now()));
    if ('request' in built) void run(built.request, null);
  }, [run]);

  if (opened) return <PaymentDetail sessionId={opened.id} summary={opened.row} onBack={() => setOpened(null)} />;

  const today = () => {
    const f = emptyForm(Date.now());
    setForm(f);
    search(f);
  };
  return (
    <section className="step step-history" aria-labelledby="history-title">
      <h1 id="history-title">{t('history:title')}</h1>
      <p className="hint">{t('history:hint')}</p>
      <form
        className="history-form"
        aria-label={t('history:form.label')}
        onSubmit={(e) => {
          e.preventDefault();
          search();
        }}
      >
        {FIELDS.map((f) => (
          <label key={f.name}>
            <span>{t(f.label)}</span>
            <input
              name={f.name}
              type={f.type}
              value={form[f.name]}
              autoComplete="off"
              inputMode={f.name === 'noticeNumber' ? 'numeric' : f.name === 'amount' ? 'decimal' : undefined}
              onChange={(e) => setForm({ ...form, [f.name]: e.target.value })}
            />
          </label>
        ))}
      </form>
      {problem && (
        <Message tone="error" testId="history-problem">
          {t(`history:problem.${problem}`)}
        </Message>
      )}
      {error && <Message tone="error">{describeError(error, t, has)}</Message>}
      {busy && !rows && <Spinner label={t('history:loading')} />}
      {rows && rows.length === 0 && <Message tone="info">{t('history:empty')}</Message>}
      {rows && rows.length > 0 && (
        <table className="history-table" data-testid="history-table" data-count={rows.length}>
          <caption>{t('history:found', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th>{t('history:column.time')}</th>
              <th>{t('history:column.notices')}</th>
              <th>{t('history:column.amount')}</th>
              <th>{t('history:column.operator')}</th>
              <th>{t('history:column.state')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const word = statusWord(r.state);
              const first = r.notices[0];
              return (
                <tr key={r.id} data-session={r.id} data-state={r.state}>
                  <td>
                    <button type="button" className="history-open" onClick={() => setOpened({ id: r.id, row: r })}>
                      {formatTime(r.createdAt, lang)}
                    </button>
                  </td>
                  <td>
                    {first ? first.noticeNumber : '—'}
                    {r.notices.length > 1 && <> {t('history:othersCount', { count: r.notices.length - 1 })}</>}
                  </td>
                  <td>{r.tender ? <Money cents={r.tender.dueCents} /> : '—'}</td>
                  <td>{r.operatorId ?? '—'}</td>
                  <td>
                    <span className={`history-state ${statusTone(word)}`}>{t(`history:status.${word}`)}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ActionBar
        primary="search"
        actions={[
          { id: 'back', key: 'Escape', label: t('history:back'), run: props.onBack },
          { id: 'search', key: 'F9', label: t('history:search'), run: () => search(), disabled: busy },
          { id: 'search-enter', key: 'Enter', label: t('history:search'), run: () => search(), disabled: busy, visible: false },
          { id: 'today', key: 'F2', label: t('history:today'), run: today, disabled: busy },
          {
            id: 'more',
            key: 'F6',
            label: t('history:more'),
            run: () => asked && next && void run(asked, next),
            disabled: busy || !next || !asked,
          },
        ]}
      />
    </section>
  );
}

/** The way in from the counter: a button showing its key (Alt+S: the F keys belong to the payment steps), listed in the F1 help. */
export function HistoryLauncher(props: { onOpen: () => void }) {
  const { t } = useI18n();
  return <ActionBar label={t('history:title')} actions={[{ id: 'history', key: 'Alt+S', label: t('history:open'), run: props.onOpen }]} />;
}
