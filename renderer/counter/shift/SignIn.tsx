/**
 * The operator signs in with their operator code: it is written on every session, tender and
 * shift they handle, and printed on certificates and reports. (Who may use the counter is decided
 * by whoever hands out the codes; sportello keeps no password for operators.)
 */
import { useState } from 'react';
import { ActionBar } from '../../app/components/ActionBar';
import { useI18n } from '../../app/i18n/I18nProvider';

export const OPERATOR_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export function SignIn(props: { onSignIn: (operatorId: string) => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const valid = OPERATOR_PATTERN.test(code.trim());
  return (
    <section className="step step-sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('shift:signIn.title')}</h1>
      <p className="hint">{t('shift:signIn.hint')}</p>
      <label>
        <span>{t('shift:signIn.operator')}</span>
        <input name="operator" autoFocus autoComplete="username" value={code} onChange={(e) => setCode(e.target.value)} maxLength={64} />
      </label>
      {code.trim() !== '' && !valid && <p className="field-error" role="alert">{t('shift:signIn.invalid')}</p>}
      <ActionBar actions={[{ id: 'sign-in', key: 'Enter', label: t('shift:signIn.submit'), run: () => valid && props.onSignIn(code.trim()), disabled: !valid }]} primary="sign-in" />
    </section>
  );
}
