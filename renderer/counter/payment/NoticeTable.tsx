/**
 * The notices of the payment, as the node described them: creditor, description, due date,
 * amount and where each one stands, with what the operator must notice (the amount changed since
 * the notice was printed, the notice served in Stand-In, a suspicious reading, a refusal).
 */
import type { NoticeState } from '../../../main/engine/types';
import { Money } from '../../app/components/Money';
import { formatDate } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';
import { isRetryable, isUnpayable } from './cart';
import type { NoticeWarning } from './usePayment';

export const noticeAmount = (n: NoticeState): number | null =>
  n.activation?.totalAmountCents ?? n.verification?.amountCents ?? n.ref.scannedAmountCents;

export function NoticeTable(props: {
  notices: readonly NoticeState[];
  warnings?: Readonly<Record<number, NoticeWarning[]>>;
  selected?: number | null;
  caption: string;
  /** A verify to ask again (no answer, a transient fault): the row offers it as a button. */
  onRetry?: (noticeId: number) => void;
  retryDisabled?: boolean;
}) {
  const { t, has, money } = useI18n();
  return (
    <table className="notice-table" data-testid="notice-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('counter:notice.creditor')}</th>
          <th scope="col">{t('counter:notice.description')}</th>
          <th scope="col">{t('counter:notice.dueDate')}</th>
          <th scope="col" className="num">
            {t('counter:notice.amount')}
          </th>
          <th scope="col">{t('counter:notice.state')}</th>
        </tr>
      </thead>
      {props.notices.map((n, i) => {
        const amount = noticeAmount(n);
        const creditor = n.activation?.companyName || n.verification?.companyName || n.ref.fiscalCode;
        const description = n.activation?.description || n.verification?.description || '';
        const notes: { tone: 'warning' | 'error'; text: string }[] = [];
        if (n.amountChanged && n.ref.scannedAmountCents !== null && n.verification) {
          notes.push({
            tone: 'warning',
            text: t('counter:warning.amountChanged', { printed: money(n.ref.scannedAmountCents), due: money(n.verification.amountCents) }),
          });
        }
        if (n.verification?.standin) notes.push({ tone: 'warning', text: t('counter:warning.standin') });
        for (const w of props.warnings?.[n.id] ?? [])
          notes.push({ tone: 'warning', text: describeError({ code: w.code, messageKey: w.messageKey, details: w.details }, t, has) });
        if (n.lastError) notes.push({ tone: 'error', text: describeError(n.lastError, t, has) });
        const unpayable = isUnpayable(n);
        const classes = [props.selected === n.id ? 'selected' : '', unpayable ? 'unpayable' : ''].filter(Boolean).join(' ');
        return (
          <tbody
            key={n.id}
            className={classes || undefined}
            data-notice={n.ref.noticeNumber}
            data-phase={n.phase}
            data-unpayable={unpayable ? 'true' : undefined}
          >
            <tr>
              <td>{i + 1}</td>
              <td>
                <div>{creditor}</div>
                <div className="sub">{t('counter:notice.number', { number: n.ref.noticeNumber })}</div>
              </td>
              <td>
                {/* A spontaneous payment: the service and what was entered (the plate...), as the certificate names them. */}
                {n.ref.service ? (
                  <>
                    <div data-testid="notice-service">{n.ref.service.description}</div>
                    {n.ref.service.data.map((d) => (
                      <div key={d.path} className="sub service-data">
                        {t('counter:notice.serviceData', {
                          label: has(`services:field.${d.name}`) ? t(`services:field.${d.name}`) : d.name,
                          value: d.optionKey && has(`services:${d.optionKey}`) ? `${t(`services:${d.optionKey}`)} (${d.value})` : d.value,
                        })}
                      </div>
                    ))}
                    {description && description !== n.ref.service.description && <div className="sub">{description}</div>}
                  </>
                ) : (
                  description
                )}
              </td>
              <td>{n.verification?.dueDate ? formatDate(n.verification.dueDate, t) : '—'}</td>
              <td className="num">{amount === null ? '—' : <Money cents={amount} />}</td>
              <td className={`phase phase-${unpayable ? 'unpayable' : n.phase}`}>
                {t(unpayable ? 'counter:phase.unpayable' : `counter:phase.${n.phase}`)}
                {props.onRetry && isRetryable(n) && (
                  <button
                    type="button"
                    className="row-action"
                    data-action="retry-row"
                    aria-label={t('counter:notice.retryLabel', { number: n.ref.noticeNumber })}
                    disabled={props.retryDisabled}
                    onClick={() => props.onRetry?.(n.id)}
                  >
                    {t('counter:notice.retry')}
                  </button>
                )}
              </td>
            </tr>
            {notes.map((note, k) => (
              <tr key={k} className={`note ${note.tone}`}>
                <td />
                <td colSpan={5} role={note.tone === 'error' ? 'alert' : undefined}>
                  {note.text}
                </td>
              </tr>
            ))}
          </tbody>
        );
      })}
    </table>
  );
}
