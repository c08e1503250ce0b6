/** Why a notice cannot be paid, for a citizen: the case's plain words, and the precise reading error when there is one. */
import { useI18n } from '../../app/i18n/I18nProvider';
import type { Problem } from '../steps';

export function ProblemText(props: { problem: Problem }) {
  const { t, has } = useI18n();
  const detail = props.problem.detailKey && has(props.problem.detailKey) ? t(props.problem.detailKey, props.problem.params) : null;
  return (
    <div className="kiosk-problem" role="alert" data-testid="problem" data-problem={props.problem.key}>
      <p className="kiosk-problem-title">{t(`kiosk:problem.${props.problem.key}.title`)}</p>
      <p>{detail ?? t(`kiosk:problem.${props.problem.key}.text`)}</p>
    </div>
  );
}
