/** An amount of euros typed by the operator, read as integer cents (string math); shows when it is not one. */
import { useI18n } from '../../app/i18n/I18nProvider';
import { parseEuroInput } from '../../app/i18n/format';

export function AmountField(props: { label: string; name: string; value: string; onChange: (text: string) => void; autoFocus?: boolean }) {
  const { t } = useI18n();
  const invalid = props.value.trim() !== '' && parseEuroInput(props.value) === null;
  return (
    <label className="amount-field">
      <span>{props.label}</span>
      <input
        name={props.name}
        inputMode="decimal"
        autoComplete="off"
        autoFocus={props.autoFocus}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={invalid}
      />
      {invalid && (
        <span className="field-error" role="alert">
          {t('shift:amountInvalid')}
        </span>
      )}
    </label>
  );
}
