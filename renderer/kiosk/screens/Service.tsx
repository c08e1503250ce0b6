/**
 * A spontaneous payment at the kiosk (issue 15): the services the technician enabled, as big
 * buttons (a search on the on-screen keyboard when there are many), then the service's form as the
 * core made it from the service's XSD: enumerations as big radio buttons, text on the on-screen
 * keyboard, each field checked with the contract's own validator before anything is sent.
 */
import { useEffect, useMemo, useState } from 'react';
import { chosenAlternatives, validateServiceValues, validationKey } from '../../../main/contract/service-form';
import type { ServiceField, ServiceValueError } from '../../../main/contract/service-form';
import { useI18n } from '../../app/i18n/I18nProvider';
import { Keyboard } from '../Keyboard';
import type { KeyboardKind } from '../Keyboard';
import { KioskScreen } from '../KioskScreen';
import { matchesWords, SERVICES_WITHOUT_SEARCH } from '../service-search';
import type { Problem, ServiceEntry, Step } from '../steps';
import { KioskActions } from './KioskActions';
import { ProblemText } from './ProblemText';

export function ServicesScreen(props: {
  entries: ServiceEntry[];
  words: string;
  problem: Problem | null;
  onWords: (words: string) => void;
  onChoose: (entry: ServiceEntry) => void;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const searching = props.entries.length > SERVICES_WITHOUT_SEARCH;
  const shown = searching ? props.entries.filter((e) => matchesWords(e, props.words)) : props.entries;
  return (
    <KioskScreen
      title={t('kiosk:services.title')}
      testId="services"
      actions={<KioskActions actions={[{ testId: 'back', label: t('kiosk:action.back'), run: props.onBack }]} />}
    >
      {props.problem && <ProblemText problem={props.problem} />}
      <p className="kiosk-lead">{t('kiosk:services.prompt')}</p>
      {searching && (
        <>
          <div className="kiosk-typed">
            <label className="kiosk-typed-label" htmlFor="kiosk-service-words">
              {t('kiosk:services.search')}
            </label>
            <input
              id="kiosk-service-words"
              className="kiosk-input"
              inputMode="none"
              autoComplete="off"
              value={props.words}
              onChange={(e) => props.onWords(e.target.value)}
              data-testid="service-words"
            />
          </div>
          <Keyboard
            kind="text"
            empty={props.words.length === 0}
            onKey={(ch) => props.onWords(props.words + ch)}
            onDelete={() => props.onWords(props.words.slice(0, -1))}
            onClear={() => props.onWords('')}
          />
          <p className="kiosk-hint" role="status">
            {t('kiosk:services.found', { count: shown.length })}
          </p>
        </>
      )}
      <ul className="kiosk-services">
        {shown.map((e) => (
          <li key={e.idSoggettoServizio}>
            <button
              type="button"
              className="kiosk-button kiosk-service"
              onClick={() => props.onChoose(e)}
              data-testid={`service-${e.idSoggettoServizio}`}
            >
              <span className="kiosk-service-name">{e.descrizioneServizio}</span>
              <span className="kiosk-service-creditor">{e.denominazioneEnteCreditore}</span>
            </button>
          </li>
        ))}
      </ul>
    </KioskScreen>
  );
}

type FormStep = Extract<Step, { kind: 'service-form' }>;

const typed = (f: ServiceField) => f.kind !== 'fixed' && f.kind !== 'enum';
const keyboardOf = (f: ServiceField): KeyboardKind =>
  f.kind === 'amount' ? 'amount' : f.kind === 'email' ? 'email' : f.inputMode === 'numeric' ? 'numeric' : 'text';
const inputId = (f: ServiceField) => `kiosk-field-${f.path.replace(/[^\w-]/g, '-')}`;

/** The service's form: one field active on the keyboard at a time; errors said under each field once the citizen confirms. */
export function ServiceFormScreen(props: {
  step: FormStep;
  onValues: (values: Record<string, string>) => void;
  onSubmit: () => void;
  onBack: () => void;
}) {
  const { t, has } = useI18n();
  const { form, values, entry, refusedField } = props.step;
  const label = (key: string) => (has(`services:${key}`) ? t(`services:${key}`) : key);

  // A choice with several alternatives: the citizen picks one, only its fields are shown.
  const [alternative, setAlternative] = useState<Record<string, number>>(() => {
    const chosen = chosenAlternatives(form, values);
    return Object.fromEntries(form.choices.map((c) => [c.id, Math.max(0, chosen.get(c.id) ?? 0)]));
  });
  const visible = useMemo(
    () =>
      form.fields.filter((f) => {
        if (f.kind === 'fixed') return false;
        const c = f.choice === undefined ? undefined : form.choices.find((x) => x.id === f.choice);
        return !c || c.alternatives.length < 2 || c.alternatives[alternative[c.id] ?? 0]!.includes(f.path);
      }),
    [form, alternative],
  );
  const [active, setActive] = useState<string | null>(() => visible.find(typed)?.path ?? null);
  const [checked, setChecked] = useState(false);
  const validation = validateServiceValues(form, values);
  const errors: ServiceValueError[] = checked && !validation.ok ? shownErrors(validation.errors) : [];
  const errorOf = (path: string) => errors.find((e) => e.path === path);

  /**
   * A choice with no alternative filled is one error for the validator; on screen the alternative
   * shown (the only one, or the one picked) says which of its fields are needed, each under itself.
   */
  function shownErrors(found: ServiceValueError[]): ServiceValueError[] {
    const out = found.filter((e) => e.rule !== 'choice');
    for (const e of found.filter((x) => x.rule === 'choice')) {
      const c = form.choices.find((x) => x.id === e.path);
      const paths = c?.alternatives[alternative[e.path] ?? 0] ?? [];
      const needed = visible.filter((f) => paths.includes(f.path) && f.required && (values[f.path] ?? '').trim() === '');
      if (needed.length === 0) out.push(e);
      for (const f of needed) out.push({ path: f.path, rule: 'required' });
    }
    return out;
  }

  // A field the creditor refused: the citizen lands on it to correct it.
  useEffect(() => {
    if (refusedField && visible.some((f) => f.path === refusedField)) setActive(refusedField);
  }, [refusedField]);

  const set = (f: ServiceField, raw: string) => {
    // The keyboard types capitals already; a field that admits only capitals gets them from any keyboard.
    let v = f.uppercase ? raw.toUpperCase() : raw;
    if (f.maxLength !== undefined) v = v.slice(0, f.maxLength);
    props.onValues({ ...values, [f.path]: v });
  };
  const activeField = visible.find((f) => f.path === active && typed(f)) ?? null;

  const chooseAlternative = (choiceId: string, i: number) => {
    const c = form.choices.find((x) => x.id === choiceId)!;
    const others = c.alternatives.filter((_, j) => j !== i).flat();
    const next = { ...values };
    for (const p of others) delete next[p];
    setAlternative({ ...alternative, [choiceId]: i });
    props.onValues(next);
    setActive(c.alternatives[i]!.find((p) => visible.some((f) => f.path === p)) ?? null);
  };

  const confirm = () => {
    setChecked(true);
    if (validation.ok) return props.onSubmit();
    const first = visible.find((f) => validation.errors.some((e) => e.path === f.path));
    if (first) {
      if (typed(first)) setActive(first.path);
      document.getElementById(inputId(first))?.focus();
    }
  };

  const refusedLabel = refusedField ? visible.find((f) => f.path === refusedField) : undefined;
  const problem: Problem | null = props.step.problem
    ? refusedLabel && props.step.problem.key === 'service-refused'
      ? { ...props.step.problem, detailKey: 'kiosk:problem.service-refused.field', params: { field: label(refusedLabel.labelKey) } }
      : props.step.problem
    : null;

  const fieldError = (f: ServiceField) => {
    const e = errorOf(f.path);
    if (e) return t(`services:${validationKey(e)}`, e.limit === undefined ? {} : { limit: e.limit });
    if (refusedField === f.path && props.step.problem) return t('kiosk:service.refusedHere');
    return null;
  };

  const multiChoices = form.choices.filter((c) => c.alternatives.length > 1);
  return (
    <KioskScreen
      title={entry.descrizioneServizio}
      testId="service-form"
      actions={
        <KioskActions
          actions={[
            { testId: 'back', label: t('kiosk:action.back'), run: props.onBack },
            { testId: 'service-confirm', label: t('kiosk:service.confirm'), run: confirm, primary: true },
          ]}
        />
      }
    >
      <p className="kiosk-lead" data-testid="service-creditor">
        {entry.denominazioneEnteCreditore}
      </p>
      {problem && <ProblemText problem={problem} />}
      {errors.length > 0 && (
        <div className="kiosk-problem" role="alert" data-testid="form-errors">
          <p className="kiosk-problem-title">{t('kiosk:service.fixErrors', { count: errors.length })}</p>
          {errors.some((e) => e.rule === 'choice') && <p>{t('services:validation.choice')}</p>}
        </div>
      )}
      <p className="kiosk-hint">{t('kiosk:service.hint')}</p>
      {multiChoices.map((c) => (
        <fieldset className="kiosk-options" key={c.id}>
          <legend>{t('services:choice.oneOf')}</legend>
          {c.alternatives.map((paths, i) => {
            const parent = paths[0]!.split('/').slice(0, -1).join('/');
            const group = form.groups?.find((g) => g.path === parent);
            const field = form.fields.find((f) => f.path === paths[0]);
            return (
              <label className="kiosk-option" key={paths.join()}>
                <input
                  type="radio"
                  name={`choice-${c.id}`}
                  checked={(alternative[c.id] ?? 0) === i}
                  onChange={() => chooseAlternative(c.id, i)}
                />
                <span>{label(group?.labelKey ?? field?.labelKey ?? paths[0]!)}</span>
              </label>
            );
          })}
        </fieldset>
      ))}
      <div className="kiosk-form">
        {visible.map((f) => {
          const error = fieldError(f);
          const errorId = `${inputId(f)}-error`;
          // A required child of an optional element is optional for the citizen until its element is begun.
          const name = `${label(f.labelKey)}${f.required ? '' : ` (${t('kiosk:service.optional')})`}`;
          if (f.kind === 'enum')
            return (
              <fieldset
                className="kiosk-options"
                key={f.path}
                aria-describedby={error ? errorId : undefined}
                data-testid={`field-${f.name}`}
              >
                <legend>{name}</legend>
                {(f.options ?? []).map((o, i) => (
                  <label className="kiosk-option" key={o.value} data-testid={`option-${f.name}-${o.value}`}>
                    <input
                      type="radio"
                      id={i === 0 ? inputId(f) : undefined}
                      name={f.path}
                      value={o.value}
                      checked={values[f.path] === o.value}
                      onChange={() => set(f, o.value)}
                      aria-invalid={error ? true : undefined}
                    />
                    <span>{label(o.labelKey)}</span>
                  </label>
                ))}
                {error && (
                  <p className="kiosk-field-error" id={errorId}>
                    {error}
                  </p>
                )}
              </fieldset>
            );
          return (
            <div className={`kiosk-field${active === f.path ? ' active' : ''}`} key={f.path}>
              <label htmlFor={inputId(f)}>{name}</label>
              <input
                id={inputId(f)}
                className="kiosk-input"
                inputMode="none"
                autoComplete="off"
                spellCheck={false}
                value={values[f.path] ?? ''}
                onFocus={() => setActive(f.path)}
                onClick={() => setActive(f.path)}
                onChange={(e) => set(f, e.target.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                data-testid={`field-${f.name}`}
              />
              {error && (
                <p className="kiosk-field-error" id={errorId}>
                  {error}
                </p>
              )}
            </div>
          );
        })}
      </div>
      {activeField && (
        <Keyboard
          kind={keyboardOf(activeField)}
          empty={(values[activeField.path] ?? '').length === 0}
          onKey={(ch) => set(activeField, (values[activeField.path] ?? '') + ch)}
          onDelete={() => set(activeField, (values[activeField.path] ?? '').slice(0, -1))}
          onClear={() => set(activeField, '')}
        />
      )}
    </KioskScreen>
  );
}
