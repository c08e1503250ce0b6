/**
 * The operator signs in with their operator code and PIN, checked by the core (hashed, locked out
 * after five wrong PINs like the technician's). The code is written on every session, tender and
 * shift they handle and printed on certificates and reports; the token the core answers is
 * presented with every counter call until sign-out. Accounts are made by a technician or a
 * supervisor; in demo mode any code signs in with the demo PIN, and the screen says so.
 */
import { useEffect, useState } from 'react';
import type { ContractError } from '../../../main/contract/result';
import { useClient } from '../../app/ClientProvider';
import { ActionBar } from '../../app/components/ActionBar';
import { FieldError } from '../../app/components/FieldError';
import { Message } from '../../app/components/Message';
import { PinField } from '../../app/components/PinField';
import { useI18n } from '../../app/i18n/I18nProvider';
import { describeError } from '../../app/messages';

export const OPERATOR_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

type Demo = { operatorPin: string; supervisor: string; supervisorPin: string } | null;

export function SignIn(props: { onSignIn: (operatorId: string, auth: string) => void }) {
  const { t, has } = useI18n();
  const client = useClient();
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const [demo, setDemo] = useState<Demo>(null);
  useEffect(() => {
    void client.call('operator.whoami', {}).then((r) => r.ok && setDemo(r.value.demo));
  }, [client]);
  const valid = OPERATOR_PATTERN.test(code.trim());
  const submit = async () => {
    if (!valid || pin.length === 0 || busy) return;
    setBusy(true);
    const r = await client.call('operator.login', { operatorId: code.trim(), pin });
    setBusy(false);
    setPin('');
    if (r.ok) return props.onSignIn(r.value.operator.id, r.value.auth);
    setError(r.error);
  };
  return (
    <section className="step step-sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('shift:signIn.title')}</h1>
      <p className="hint">{t('shift:signIn.hint')}</p>
      {demo && (
        <Message tone="info" testId="demo-operators">
          {t('shift:signIn.demo', { pin: demo.operatorPin, supervisor: demo.supervisor, supervisorPin: demo.supervisorPin })}
        </Message>
      )}
      <label>
        <span>{t('shift:signIn.operator')}</span>
        <input name="operator" autoFocus autoComplete="username" value={code} onChange={(e) => setCode(e.target.value)} maxLength={64} />
      </label>
      {code.trim() !== '' && !valid && <FieldError>{t('shift:signIn.invalid')}</FieldError>}
      <PinField label={t('shift:signIn.pin')} name="pin" value={pin} onChange={setPin} />
      {error && (
        <Message tone="error" testId="sign-in-error">
          {describeError(error, t, has)}
        </Message>
      )}
      <ActionBar
        actions={[
          {
            id: 'sign-in',
            key: 'Enter',
            label: t('shift:signIn.submit'),
            run: () => void submit(),
            disabled: !valid || pin.length === 0 || busy,
          },
        ]}
        primary="sign-in"
      />
    </section>
  );
}
