/**
 * The chosen service's data (its `datiSpecificiServizio`), one input per field of the form the core
 * made from the service's XSD: labels from services.json, a heading per group, a select for an
 * enumeration, a picker for a choice's alternatives, required marks, lengths and input modes,
 * capitals as typed where the pattern wants them. A field is checked when left and every field on
 * Enter (the contract's `validateServiceValues`); a refused submit puts the cursor on the first field
 * to correct. Enter asks the creditor for the notice (session.addService); on success the cart shows
 * it. A refusal that names a field (the creditor's SERVICE_DATA_REFUSED) marks and focuses it. Esc goes
 * back to the search; the cart is kept.
 */
import { useEffect, useRef, useState } from 'react';
import type { CatalogueEntry } from '../../../main/contract/catalogue-calls';
import type { ServiceField, ServiceForm, ServiceValueError } from '../../../main/contract/service-form';
import { validationKey } from '../../../main/contract/service-form';
import { ActionBar } from '../../app/components/ActionBar';
import { FieldError } from '../../app/components/FieldError';
import { Message } from '../../app/components/Message';
import { Spinner } from '../../app/components/Spinner';
import { useI18n } from '../../app/i18n/I18nProvider';
import type { Action } from '../../app/shortcuts';
import type { Payment } from '../payment/usePayment';
import { errorsByPath, firstInvalidPath, formLines, initialChosen, refusedField, screenErrors, typed, valuesToSend } from './form-state';
import type { Chosen } from './form-state';

const fieldId = (path: string) => `service-field-${path.replace(/[^\w-]/g, '-')}`;

export function ServiceFormStep(props: {
  payment: Payment;
  entry: CatalogueEntry;
  form: ServiceForm;
  onBack: () => void;
  onAdded: () => void;
}) {
  const { t } = useI18n();
  const { form, entry, payment } = props;
  const [values, setValues] = useState<Record<string, string>>({});
  const [chosen, setChosen] = useState<Chosen>(() => initialChosen(form));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  /** The creditor's refusal of a field, until that field changes. */
  const [refused, setRefused] = useState<{ path: string } | null>(null);
  const [invalidCount, setInvalidCount] = useState(0);
  const [focusPath, setFocusPath] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const sending = payment.busy === 'adding';

  const errors = errorsByPath(screenErrors(form, values, chosen));
  const lines = formLines(form, chosen);

  useEffect(() => {
    if (focusPath === null) return;
    root.current?.querySelector<HTMLElement>(`#${fieldId(focusPath)}`)?.focus();
    setFocusPath(null);
  }, [focusPath]);
  // The cursor starts in the first field.
  useEffect(() => {
    root.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, []);

  const change = (f: ServiceField, v: string) => {
    setValues((old) => ({ ...old, [f.path]: typed(f, v) }));
    if (refused?.path === f.path) setRefused(null);
  };
  const leave = (path: string) => setTouched((old) => (old.has(path) ? old : new Set(old).add(path)));

  const submit = async () => {
    if (sending) return;
    const all = screenErrors(form, values, chosen);
    if (all.length > 0) {
      setTouched(new Set(form.fields.map((f) => f.path)));
      setInvalidCount(errorsByPath(all).size);
      setFocusPath(firstInvalidPath(form, all, chosen));
      return;
    }
    setInvalidCount(0);
    const r = await payment.addService(entry.idSoggettoServizio, valuesToSend(form, values, chosen));
    if (r.ok) return props.onAdded();
    const e = r.error;
    if (e?.code === 'SERVICE_DATA_REFUSED') {
      const f = refusedField(form, e.details);
      if (f) {
        setRefused({ path: f.path });
        setFocusPath(f.path);
      }
    } else if (e?.code === 'SERVICE_DATA_INVALID' && Array.isArray(e.details?.errors)) {
      // The core's check said no where the screen's did not (an older screen): point at the field.
      const first = firstInvalidPath(form, e.details.errors as ServiceValueError[], chosen);
      setTouched(new Set(form.fields.map((f) => f.path)));
      if (first) setFocusPath(first);
    }
  };

  const refusedLabel = refused ? form.fields.find((f) => f.path === refused.path) : undefined;
  const actions: Action[] = [
    { id: 'service-submit', key: 'Enter', label: t('counter:service.form.submit'), run: () => void submit(), disabled: sending },
    { id: 'service-back', key: 'Escape', label: t('counter:service.form.back'), run: props.onBack, disabled: sending },
  ];

  const message = (e: ServiceValueError) => t(`services:${validationKey(e)}`, { limit: e.limit ?? '' });

  return (
    <section
      className="step step-service-form"
      aria-labelledby="service-form-title"
      data-testid="service-form"
      data-service={entry.idSoggettoServizio}
    >
      <h1 id="service-form-title">{entry.descrizioneServizio}</h1>
      <p className="hint">{t('counter:service.form.creditor', { creditor: entry.denominazioneEnteCreditore })}</p>
      <p className="hint">{t('counter:service.form.requiredNote')}</p>
      {invalidCount > 0 && (
        <Message tone="warning" testId="service-invalid">
          {t('counter:service.form.invalid', { count: invalidCount })}
        </Message>
      )}
      {refusedLabel && (
        <Message tone="error" testId="service-refused">
          {t('counter:service.form.refusedField', { field: t(`services:${refusedLabel.labelKey}`) })}
        </Message>
      )}
      <div ref={root} className="service-form">
        <form onSubmit={(e) => e.preventDefault()} noValidate>
          {lines.map((line) => {
            if (line.kind === 'heading')
              return (
                <h2 key={`g-${line.group.path}`} className="service-group">
                  {t(`services:${line.group.labelKey}`)}
                </h2>
              );
            if (line.kind === 'choice')
              return (
                <fieldset key={`c-${line.id}`} className="service-choice" data-choice={line.id}>
                  <legend>{t('services:choice.oneOf')}</legend>
                  {line.alternatives.map((a) => (
                    <label key={a.index} className="service-alternative">
                      <input
                        type="radio"
                        name={`choice-${line.id}`}
                        checked={(chosen[line.id] ?? 0) === a.index}
                        onChange={() => setChosen((c) => ({ ...c, [line.id]: a.index }))}
                      />
                      <span>{t(`services:${a.labelKey}`)}</span>
                    </label>
                  ))}
                </fieldset>
              );
            const f = line.field;
            const err = refused?.path === f.path ? null : touched.has(f.path) ? (errors.get(f.path) ?? null) : null;
            const invalid = err !== null || refused?.path === f.path;
            const errorId = `${fieldId(f.path)}-error`;
            const common = {
              id: fieldId(f.path),
              name: f.path,
              'aria-invalid': invalid ? ('true' as const) : undefined,
              'aria-required': f.required ? ('true' as const) : undefined,
              'aria-describedby': invalid ? errorId : undefined,
              onBlur: () => leave(f.path),
              disabled: sending,
            };
            return (
              <div key={f.path} className="service-field" data-field={f.path}>
                <label htmlFor={common.id}>
                  {t(`services:${f.labelKey}`)}
                  {f.required && (
                    <span className="required" aria-hidden="true">
                      {' *'}
                    </span>
                  )}
                </label>
                {f.kind === 'enum' ? (
                  <select {...common} value={values[f.path] ?? ''} onChange={(e) => change(f, e.target.value)}>
                    <option value="">{t('counter:service.form.choose')}</option>
                    {(f.options ?? []).map((o) => (
                      <option key={o.value} value={o.value}>
                        {t(`services:${o.labelKey}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    {...common}
                    type={f.kind === 'email' ? 'email' : 'text'}
                    inputMode={f.inputMode ?? (f.kind === 'amount' ? 'decimal' : 'text')}
                    maxLength={f.maxLength}
                    autoComplete="off"
                    spellCheck={false}
                    className={f.uppercase ? 'uppercase' : undefined}
                    value={values[f.path] ?? ''}
                    onChange={(e) => change(f, e.target.value)}
                  />
                )}
                {invalid && (
                  <div id={errorId}>
                    <FieldError>{err ? message(err) : t('counter:service.form.refused')}</FieldError>
                  </div>
                )}
              </div>
            );
          })}
        </form>
      </div>
      {sending && <Spinner label={t('counter:service.form.sending')} />}
      <ActionBar actions={actions} primary="service-submit" label={t('counter:actions')} />
    </section>
  );
}
