/**
 * Operator accounts (issue 11): who may sign in at the counter, with which role. A new account needs
 * a PIN; a PIN typed for an existing one replaces it (and ends its lock-out); a disabled account
 * signs in no more. PINs are hashed in the core and never shown. A supervisor can do the same for
 * operator accounts; only a technician makes supervisors (the core decides).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../../main/contract/calls';
import { useClient } from '../../app/ClientProvider';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';
import { technicianError } from '../errors';

type Operator = ResponseOf<'operator.list'>['operators'][number];

export function OperatorsSection() {
  const { t, has } = useI18n();
  const client = useClient();
  const [list, setList] = useState<Operator[]>([]);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<'operator' | 'supervisor'>('operator');
  const [pin, setPin] = useState('');
  const [disabled, setDisabled] = useState(false);
  const [note, setNote] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const refresh = useCallback(async () => {
    const r = await client.call('operator.list', {});
    if (r.ok) setList(r.value.operators);
    else setNote({ tone: 'error', text: technicianError(r.error, t, has) });
  }, [client, t, has]);
  useEffect(() => void refresh(), [refresh]);
  const edit = (o: Operator) => {
    setId(o.id);
    setName(o.name);
    setRole(o.role);
    setDisabled(o.disabled);
    setPin('');
    setNote(null);
  };
  const save = async () => {
    const r = await client.call('operator.save', { id: id.trim(), name: name.trim(), role, disabled, ...(pin ? { pin } : {}) });
    setPin('');
    if (!r.ok) return setNote({ tone: 'error', text: technicianError(r.error, t, has) });
    setNote({ tone: 'success', text: t('technician:operators.saved', { id: r.value.id }) });
    await refresh();
  };
  return (
    <div data-testid="operators">
      <table data-testid="operators-table">
        <thead>
          <tr>
            <th>{t('technician:operators.id')}</th>
            <th>{t('technician:operators.name')}</th>
            <th>{t('technician:operators.role')}</th>
            <th>{t('technician:operators.state')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((o) => (
            <tr key={o.id} data-operator={o.id}>
              <td>
                <button type="button" className="link" onClick={() => edit(o)}>
                  {o.id}
                </button>
              </td>
              <td>{o.name}</td>
              <td>{t(`technician:operators.roles.${o.role}`)}</td>
              <td>
                {o.disabled
                  ? t('technician:operators.disabled')
                  : o.locked
                    ? t('technician:operators.locked')
                    : t('technician:operators.active')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length === 0 && (
        <p className="hint" data-testid="operators-empty">
          {t('technician:operators.empty')}
        </p>
      )}
      <fieldset>
        <legend>{t('technician:operators.edit')}</legend>
        <label>
          <span>{t('technician:operators.id')}</span>
          <input name="operator-id" value={id} maxLength={64} onChange={(e) => setId(e.target.value)} />
        </label>
        <label>
          <span>{t('technician:operators.name')}</span>
          <input name="operator-name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          <span>{t('technician:operators.role')}</span>
          <select name="operator-role" value={role} onChange={(e) => setRole(e.target.value === 'supervisor' ? 'supervisor' : 'operator')}>
            <option value="operator">{t('technician:operators.roles.operator')}</option>
            <option value="supervisor">{t('technician:operators.roles.supervisor')}</option>
          </select>
        </label>
        <label>
          <span>{t('technician:operators.pin')}</span>
          <input
            name="operator-pin"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 12))}
            aria-describedby="operator-pin-hint"
          />
          <span id="operator-pin-hint" className="hint">
            {t('technician:operators.pinHint')}
          </span>
        </label>
        <label>
          <input name="operator-disabled" type="checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} />
          <span>{t('technician:operators.disable')}</span>
        </label>
        <button type="button" onClick={() => void save()} data-testid="save-operator" disabled={id.trim() === '' || name.trim() === ''}>
          {t('technician:operators.save')}
        </button>
      </fieldset>
      {note && <Message tone={note.tone}>{note.text}</Message>}
    </div>
  );
}
