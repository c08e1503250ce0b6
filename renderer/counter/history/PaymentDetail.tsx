/**
 * One past payment, opened from the history: its state in the operator's words, its notices with
 * amounts and paymentTokens, the tender, and the certificate as the printer would print it. F7
 * prints the final certificate of a payment confirmed after the customer got the provisional slip
 * (the original: it certifies the session); F4 prints a duplicate, marked so. Esc: back to the list.
 * The session is read again on every `session.updated` for it, so a confirmation shows at once.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import type { SessionState } from '../../../main/contract/schemas';
import type { ContractError } from '../../../main/contract/result';
import { useClient, useEvent } from '../../app/ClientProvider';
import { ActionBar } from '../../app/components/ActionBar';
import { Message } from '../../app/components/Message';
import { Money } from '../../app/components/Money';
import { Spinner } from '../../app/components/Spinner';
import { formatDateTime } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';
import { printable, statusTone, statusWord } from './status';
import { useHistoryPrinting } from './useHistoryPrinting';

type Summary = ResponseOf<'sessions.search'>['sessions'][number];

export function PaymentDetail(props: { sessionId: string; summary: Summary | null; onBack: () => void }) {
  const client = useClient();
  const { t, has, lang } = useI18n();
  const [session, setSession] = useState<SessionState | null>(null);
  const [summary, setSummary] = useState<Summary | null>(props.summary);
  const [error, setError] = useState<ContractError | null>(null);
  const [preview, setPreview] = useState<ResponseOf<'certificate.preview'> | null>(null);
  const [previewError, setPreviewError] = useState<ContractError | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const printing = useHistoryPrinting(props.sessionId, reload);

  useEffect(() => {
    let stale = false;
    void client.call('session.get', { sessionId: props.sessionId }).then((r) => {
      if (stale) return;
      if (r.ok) setSession(r.value);
      else setError(r.error);
    });
    return () => {
      stale = true;
    };
  }, [client, props.sessionId, version]);
  // who and when: the session's row; opened from the status bar there is no list row, so it is looked up by token
  useEffect(() => {
    if (summary) return;
    const token = session?.notices.find((n) => n.activation)?.activation?.paymentToken;
    if (!token) return;
    void client.call('sessions.search', { paymentToken: token }).then((r) => {
      const row = r.ok ? r.value.sessions.find((s) => s.id === props.sessionId) : undefined;
      if (row) setSummary(row);
    });
  }, [client, session, summary, props.sessionId]);
  useEffect(() => {
    let stale = false;
    void client.call('certificate.preview', { sessionId: props.sessionId, locale: lang }).then((r) => {
      if (stale) return;
      setPreview(r.ok ? r.value : null);
      setPreviewError(r.ok ? null : r.error);
    });
    return () => {
      stale = true;
    };
  }, [client, props.sessionId, lang, version, session?.status]);
  useEvent('session.updated', (s) => {
    if (s.id === props.sessionId) setSession(s);
  });

  const word = session
    ? statusWord(
        session.status,
        session.notices.map((n) => n.phase),
      )
    : null;
  const can = session ? printable(session.status) : { final: false, duplicate: false };
  return (
    <section
      className="step step-history-detail"
      aria-labelledby="history-detail-title"
      data-session={props.sessionId}
      data-status={session?.status}
    >
      <h1 id="history-detail-title">
        {summary ? t('history:detail.title', { time: formatDateTime(summary.createdAt, lang) }) : t('history:title')}
      </h1>
      {error && <Message tone="error">{describeError(error, t, has)}</Message>}
      {!session && !error && <Spinner label={t('history:detail.loading')} />}
      {session && word && (
        <>
          <dl className="history-facts">
            <dt>{t('history:detail.state')}</dt>
            <dd>
              <span className={`history-state ${statusTone(word)}`} data-testid="history-state" data-word={word}>
                {t(`history:status.${word}`)}
              </span>
            </dd>
            {summary?.operatorId && (
              <>
                <dt>{t('history:detail.operator')}</dt>
                <dd>{summary.operatorId}</dd>
              </>
            )}
          </dl>
          {can.final && (
            <Message tone="warning" testId="history-final-hint">
              {t('history:detail.finalHint')}
            </Message>
          )}
          <h2>{t('history:detail.notices')}</h2>
          <table className="history-notices" data-testid="history-notices">
            <thead>
              <tr>
                <th>{t('history:form.noticeNumber')}</th>
                <th>{t('history:detail.creditor')}</th>
                <th>{t('history:detail.amount')}</th>
                <th>{t('history:detail.token')}</th>
              </tr>
            </thead>
            <tbody>
              {session.notices.map((n) => {
                const cents = n.activation?.totalAmountCents ?? n.verification?.amountCents ?? n.ref.scannedAmountCents;
                return (
                  <tr key={n.id} data-notice={n.ref.noticeNumber} data-phase={n.phase}>
                    <td>{n.ref.noticeNumber}</td>
                    <td>{n.activation?.companyName ?? n.verification?.companyName ?? n.ref.fiscalCode}</td>
                    <td>{cents === null ? '—' : <Money cents={cents} />}</td>
                    <td className="token">{n.activation?.paymentToken ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {session.tender && (
            <>
              <h2>{t('history:detail.tender')}</h2>
              <dl className="history-facts" data-testid="history-tender">
                <dt>{t('history:detail.tender')}</dt>
                <dd>{t(`history:method.${session.tender.method}`)}</dd>
                <dt>{t('history:detail.noticesTotal')}</dt>
                <dd>
                  <Money cents={session.tender.noticesCents} />
                </dd>
                <dt>{t('history:detail.fee')}</dt>
                <dd>
                  <Money cents={session.tender.feeCents} />
                </dd>
                <dt>{t('history:detail.due')}</dt>
                <dd>
                  <Money cents={session.tender.dueCents} />
                </dd>
                {session.tender.givenCents !== null && (
                  <>
                    <dt>{t('history:detail.given')}</dt>
                    <dd>
                      <Money cents={session.tender.givenCents} />
                    </dd>
                    <dt>{t('history:detail.change')}</dt>
                    <dd>
                      <Money cents={session.tender.changeCents} />
                    </dd>
                  </>
                )}
              </dl>
            </>
          )}
          {previewError && <Message tone="info">{describeError(previewError, t, has)}</Message>}
          {preview && (
            <figure className="certificate-preview" data-kind={preview.kind} data-duplicate={preview.duplicate}>
              <img
                data-testid="history-certificate"
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(preview.svg)}`}
                alt={t('history:detail.preview')}
              />
            </figure>
          )}
        </>
      )}
      {printing.message}
      <ActionBar
        primary={can.final ? 'print-final' : 'back'}
        actions={[
          { id: 'back', key: 'Escape', label: t('history:detail.back'), run: props.onBack },
          {
            id: 'reprint',
            key: 'F4',
            label: t('history:detail.reprint'),
            run: () => printing.print(true),
            disabled: printing.busy || !can.duplicate,
          },
          {
            id: 'print-final',
            key: 'F7',
            label: t('history:detail.printFinal'),
            run: () => printing.print(false),
            disabled: printing.busy || !can.final,
          },
        ]}
      />
    </section>
  );
}
