/**
 * The outbox: every outcome not yet settled, with the time left before its token expires (red
 * under five minutes: the node must have it before then), its attempts and last error. Retry now
 * brings a pending message forward; reset puts a parked one's attempt counter back to zero. Read
 * again whenever the core reports the outbox moved.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import { useClient, useEvent } from '../../app/ClientProvider';
import { Message } from '../../app/components/Message';
import { DEADLINE_WARNING_MS } from '../../app/deadline';
import { formatCountdown, formatDateTime } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/I18nProvider';
import { useNow } from '../../app/use-now';
import { technicianError } from '../errors';

type OutboxMessage = ResponseOf<'outbox.list'>['messages'][number];
type Attempt = ResponseOf<'outbox.attempts'>['attempts'][number];

export function OutboxSection() {
  const { t, has, lang } = useI18n();
  const client = useClient();
  const now = useNow(1000);
  const [messages, setMessages] = useState<OutboxMessage[] | null>(null);
  const [open, setOpen] = useState<Record<number, Attempt[]>>({});
  const [note, setNote] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  const load = useCallback(async () => {
    const r = await client.call('outbox.list', { states: ['pending', 'in-flight', 'needs-decision'], limit: 200 });
    if (r.ok) setMessages([...r.value.messages].sort((a, b) => a.deadlineMs - b.deadlineMs));
    else setNote({ tone: 'error', text: technicianError(r.error, t, has) });
  }, [client, t, has]);
  useEffect(() => {
    void load();
  }, [load]);
  useEvent('outbox.status', () => void load());

  const act = async (m: OutboxMessage, call: 'outbox.retry' | 'outbox.reset') => {
    const r = await client.call(call, { messageId: m.id });
    setNote(
      r.ok
        ? { tone: 'success', text: t(`technician:outbox.${call === 'outbox.retry' ? 'retried' : 'resetDone'}`, { id: m.id }) }
        : { tone: 'error', text: technicianError(r.error, t, has) },
    );
    await load();
  };
  const toggleAttempts = async (m: OutboxMessage) => {
    if (open[m.id]) {
      const { [m.id]: _closed, ...rest } = open;
      return setOpen(rest);
    }
    const r = await client.call('outbox.attempts', { messageId: m.id });
    if (r.ok) setOpen({ ...open, [m.id]: r.value.attempts });
  };

  if (!messages) return note ? <Message tone={note.tone}>{note.text}</Message> : null;
  return (
    <div className="technician-outbox">
      {note && (
        <Message tone={note.tone} testId="outbox-message">
          {note.text}
        </Message>
      )}
      {messages.length === 0 ? (
        <Message tone="success" testId="outbox-empty">
          {t('technician:outbox.empty')}
        </Message>
      ) : (
        <table data-testid="outbox-table">
          <caption>{t('technician:outbox.caption', { count: messages.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('technician:outbox.col.message')}</th>
              <th scope="col">{t('technician:outbox.col.state')}</th>
              <th scope="col">{t('technician:outbox.col.deadline')}</th>
              <th scope="col" className="num">
                {t('technician:outbox.col.attempts')}
              </th>
              <th scope="col">{t('technician:outbox.col.lastError')}</th>
              <th scope="col">{t('technician:outbox.col.actions')}</th>
            </tr>
          </thead>
          {messages.map((m) => {
            const left = m.deadlineMs - now;
            return (
              <tbody key={m.id} data-message={m.id}>
                <tr>
                  <td>
                    #{m.id} {m.outcome}
                    <div className="technical">{m.paymentToken}</div>
                  </td>
                  <td>
                    {t(`technician:outbox.state.${m.state}`)}
                    {m.stalled && <div className="danger">{t('technician:outbox.stalled')}</div>}
                  </td>
                  <td className={left < DEADLINE_WARNING_MS ? 'danger' : undefined} data-testid="deadline">
                    {left > 0 ? t('technician:outbox.left', { time: formatCountdown(left) }) : t('technician:outbox.expired')}
                    <div className="hint">{formatDateTime(m.deadlineMs, lang)}</div>
                  </td>
                  <td className="num">{m.attempts}</td>
                  <td>
                    {m.lastErrorCode ? (
                      <span className="technical">
                        {m.lastErrorCode}: {m.lastErrorMessage ?? ''}
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="technician-row-actions">
                    <button
                      type="button"
                      onClick={() => void act(m, 'outbox.retry')}
                      disabled={m.state !== 'pending'}
                      data-testid="outbox-retry"
                    >
                      {t('technician:outbox.retry')}
                    </button>
                    <button type="button" onClick={() => void act(m, 'outbox.reset')} data-testid="outbox-reset">
                      {t('technician:outbox.reset')}
                    </button>
                    <button type="button" onClick={() => void toggleAttempts(m)} aria-expanded={!!open[m.id]}>
                      {t('technician:outbox.attempts')}
                    </button>
                  </td>
                </tr>
                {open[m.id] && (
                  <tr className="note">
                    <td colSpan={6}>
                      <ol className="technician-attempts">
                        {open[m.id]!.map((a) => (
                          <li key={a.id}>
                            {formatDateTime(a.startedAt, lang)} ·{' '}
                            {a.result ? t(`technician:outbox.result.${a.result}`) : t('technician:outbox.result.open')}
                            {a.faultCode && <span className="technical"> {a.faultCode}</span>}
                            {a.httpStatus !== null && <span className="technical"> HTTP {a.httpStatus}</span>}
                            {a.errorDetail && <span className="technical"> {a.errorDetail}</span>}
                          </li>
                        ))}
                      </ol>
                    </td>
                  </tr>
                )}
              </tbody>
            );
          })}
        </table>
      )}
    </div>
  );
}
