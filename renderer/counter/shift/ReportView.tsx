/** An X or Z report on screen: the same numbers the core prints and exports (nothing added up here). */
import type { ShiftReport } from '../../../main/contract/shift-schemas';
import { Money } from '../../app/components/Money';
import { formatDateTime } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/I18nProvider';

export function ReportView(props: { report: ShiftReport }) {
  const { t, lang } = useI18n();
  const r = props.report;
  const s = r.shift;
  const diff = r.cash.differenceCents;
  return (
    <article className="report" data-testid={`report-${r.kind}`} aria-labelledby="report-title">
      <h2 id="report-title">{r.kind === 'x' ? t('shift:report.titleX') : t('shift:report.titleZ', { number: s.zReportNumber ?? '' })}</h2>
      <dl className="report-head">
        <dt>{t('shift:report.operator')}</dt>
        <dd>{s.operatorId}</dd>
        <dt>{t('shift:report.terminal')}</dt>
        <dd>{s.terminalId}</dd>
        <dt>{t('shift:report.openedAt')}</dt>
        <dd>{formatDateTime(s.openedAt, lang)}</dd>
        {s.closedAt && (
          <>
            <dt>{t('shift:report.closedAt')}</dt>
            <dd>{formatDateTime(s.closedAt, lang)}</dd>
          </>
        )}
        <dt>{t('shift:report.generatedAt')}</dt>
        <dd>{formatDateTime(r.generatedAt, lang)}</dd>
      </dl>
      <table className="report-lines">
        <thead>
          <tr>
            <th scope="col">{t('shift:report.movement')}</th>
            <th scope="col" className="num">
              {t('shift:report.count')}
            </th>
            <th scope="col" className="num">
              {t('shift:report.amount')}
            </th>
            <th scope="col" className="num">
              {t('shift:report.fee')}
            </th>
          </tr>
        </thead>
        <tbody>
          {r.lines.length === 0 && (
            <tr>
              <td colSpan={4}>{t('shift:report.none')}</td>
            </tr>
          )}
          {r.lines.map((l) => (
            <tr key={`${l.kind}-${l.method}`} data-line={`${l.kind}-${l.method}`}>
              <td>
                {t(`shift:report.kind.${l.kind}`)} – {t(`shift:report.method.${l.method}`)}
              </td>
              <td className="num">{l.count}</td>
              <td className="num">
                <Money cents={l.amountCents} />
              </td>
              <td className="num">
                <Money cents={l.feeCents} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {/* Each sum under its own column; what was collected (notices + fees) on a line of its own. */}
          <tr data-testid="report-sums">
            <th scope="row">{t('shift:report.sums')}</th>
            <td className="num">{r.payments.count}</td>
            <td className="num" data-testid="report-amount">
              <Money cents={r.payments.amountCents} />
            </td>
            <td className="num" data-testid="report-fee">
              <Money cents={r.payments.feeCents} />
            </td>
          </tr>
          <tr>
            <th scope="row" colSpan={3}>
              {t('shift:report.total')}
            </th>
            <td className="num" data-testid="report-total">
              <Money cents={r.payments.totalCents} />
            </td>
          </tr>
        </tfoot>
      </table>
      <h3>{t('shift:report.cash.title')}</h3>
      <dl className="report-cash">
        <dt>{t('shift:report.cash.float')}</dt>
        <dd>
          <Money cents={r.cash.floatCents} />
        </dd>
        <dt>{t('shift:report.cash.in')}</dt>
        <dd>
          <Money cents={r.cash.inCents} />
        </dd>
        <dt>{t('shift:report.cash.out')}</dt>
        <dd>
          <Money cents={r.cash.outCents} />
        </dd>
        <dt className="strong">{t('shift:report.cash.expected')}</dt>
        <dd className="strong" data-testid="cash-expected">
          <Money cents={r.cash.expectedCents} />
        </dd>
        {r.cash.countedCents !== null && (
          <>
            <dt>{t('shift:report.cash.counted')}</dt>
            <dd data-testid="cash-counted">
              <Money cents={r.cash.countedCents} />
            </dd>
          </>
        )}
        {diff !== null && (
          <>
            <dt className="strong">{t('shift:report.cash.difference')}</dt>
            <dd className={`strong ${diff === 0 ? 'ok' : 'danger'}`} data-testid="cash-difference" data-cents={diff}>
              <Money cents={diff} /> {diff !== 0 && t(diff < 0 ? 'shift:report.cash.short' : 'shift:report.cash.over')}
            </dd>
          </>
        )}
      </dl>
      {r.lateOutcomes > 0 && (
        <p className="hint danger" data-testid="late-outcomes">
          {t('shift:report.lateOutcomes', { count: r.lateOutcomes })}
        </p>
      )}
      {r.pendingOutcomes > 0 && <p className="hint danger">{t('shift:report.pendingOutcomes', { count: r.pendingOutcomes })}</p>}
      {s.journalSeq !== null && (
        <p className="hint technical">{t('shift:report.journal', { seq: s.journalSeq, hash: s.journalHash ?? '' })}</p>
      )}
    </article>
  );
}
