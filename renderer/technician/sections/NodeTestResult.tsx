/** What the connectivity test found, in the technician's words: exactly which step failed and what to check. */
import type { ResponseOf } from '../../../main/contract/calls';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';

type Result = ResponseOf<'technician.testNode'>;

export function NodeTestResult(props: { result: Result }) {
  const { t, has } = useI18n();
  const r = props.result;
  if (r.ok) {
    return (
      <Message tone="success" testId="node-test">
        {t('technician:nodeTest.ok', { endpoint: r.endpoint, ms: r.durationMs })}
      </Message>
    );
  }
  const f = r.failure!;
  const what = t(`technician:nodeTest.kind.${f.kind}`, { status: f.httpStatus ?? '', fault: f.faultCode ?? '' });
  // The technician's own words for a configuration fault (what to check, in the settings or with
  // PagoPA); the operator's message otherwise. Never "call the technician" to the technician.
  const ownKey = f.faultCode ? `technician:nodeTest.fault.${f.faultCode}` : null;
  const fault = ownKey && has(ownKey) ? t(ownKey) : f.messageKey && has(f.messageKey) ? t(f.messageKey) : null;
  return (
    <Message tone="error" testId="node-test">
      <strong data-kind={f.kind}>{what}</strong>
      {fault && <span> {fault}</span>}
      <span className="technical"> {t('technician:nodeTest.endpoint', { endpoint: r.endpoint })}</span>
      {/* The transport's own text is English and technical: folded away, under a label in the screen's language. */}
      <details className="technical">
        <summary>{t('technician:nodeTest.details')}</summary>
        {f.message}
      </details>
      {r.credentials === 'none' && <span data-testid="node-test-no-credentials"> {t('technician:nodeTest.credentials.none')}</span>}
    </Message>
  );
}
