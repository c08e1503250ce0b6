/**
 * The fleet (issue 16): shipping the journal and the status to the PSP's MQTT broker, off by
 * default. The technician gives the broker (mqtt:// or mqtts://), the credentials or the client
 * certificate, key and CA (PEM pasted, or a path on this terminal), the topic prefix and the group,
 * and sees how shipping goes: connected, shipped against the journal's head, the last error and the
 * configuration version running. Secrets are write-only: an empty field keeps the stored value.
 */
import { useCallback, useEffect, useState } from 'react';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';
import { useAccess } from '../access';
import { technicianError } from '../errors';
import type { FleetStatus } from '../../../main/contract/technician/fleet-calls';

interface Draft {
  enabled: boolean;
  brokerUrl: string;
  username: string;
  password: string;
  clientCert: string;
  clientKey: string;
  ca: string;
  topicPrefix: string;
  group: string;
}

const EMPTY: Draft = {
  enabled: false,
  brokerUrl: 'mqtts://',
  username: '',
  password: '',
  clientCert: '',
  clientKey: '',
  ca: '',
  topicPrefix: 'sportello',
  group: '',
};

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

export function FleetSection() {
  const { t, has } = useI18n();
  const access = useAccess();
  const [status, setStatus] = useState<FleetStatus | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [note, setNote] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  const refresh = useCallback(
    async (fill: boolean) => {
      const r = await access.call('fleet.status', {});
      if (!r.ok) return;
      setStatus(r.value);
      const s = r.value.settings;
      if (fill && s)
        setDraft({
          ...EMPTY,
          enabled: s.enabled,
          brokerUrl: s.brokerUrl,
          username: s.username ?? '',
          clientCert: s.clientCert ?? '',
          ca: s.ca ?? '',
          topicPrefix: s.topicPrefix,
          group: s.group ?? '',
        });
    },
    [access],
  );
  useEffect(() => {
    void refresh(true);
    const timer = setInterval(() => void refresh(false), 2_000);
    return () => clearInterval(timer);
  }, [refresh]);

  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const save = async () => {
    const r = await access.call('fleet.configure', {
      enabled: draft.enabled,
      brokerUrl: draft.brokerUrl.trim(),
      username: orNull(draft.username),
      clientCert: orNull(draft.clientCert),
      ca: orNull(draft.ca),
      topicPrefix: draft.topicPrefix.trim(),
      group: orNull(draft.group),
      ...(draft.password ? { password: draft.password } : {}),
      ...(draft.clientKey.trim() ? { clientKey: draft.clientKey.trim() } : {}),
    });
    if (r.ok) {
      setStatus(r.value);
      setDraft({ ...draft, password: '', clientKey: '' });
      setNote({ tone: 'success', text: t('technician:fleet.saved') });
    } else setNote({ tone: 'error', text: technicianError(r.error, t, has) });
  };

  return (
    <>
      <fieldset data-testid="fleet-status">
        <legend>{t('technician:fleet.statusTitle')}</legend>
        {status && (
          <dl>
            <dt>{t('technician:fleet.state')}</dt>
            <dd data-testid="fleet-state">
              {!status.enabled
                ? t('technician:fleet.off')
                : status.connected
                  ? t('technician:fleet.connected')
                  : t('technician:fleet.disconnected')}
            </dd>
            <dt>{t('technician:fleet.broker')}</dt>
            <dd>{status.broker ?? '—'}</dd>
            <dt>{t('technician:fleet.shipped')}</dt>
            <dd data-testid="fleet-shipped">
              {t('technician:fleet.shippedOf', { shipped: status.shippedSeq, head: status.headSeq, backlog: status.backlog })}
            </dd>
            <dt>{t('technician:fleet.lastAck')}</dt>
            <dd>{status.lastAckAt ? new Date(status.lastAckAt).toLocaleString() : '—'}</dd>
            <dt>{t('technician:fleet.configVersion')}</dt>
            <dd>
              {status.configVersion ?? '—'}
              {status.pendingConfigVersion !== null && ` (${t('technician:fleet.pending', { version: status.pendingConfigVersion })})`}
            </dd>
            <dt>{t('technician:fleet.lastError')}</dt>
            <dd>{status.lastError ?? '—'}</dd>
          </dl>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('technician:fleet.title')}</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            name="fleetEnabled"
            checked={draft.enabled}
            onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
          />
          <span>{t('technician:fleet.enabled')}</span>
        </label>
        <label>
          <span>{t('technician:fleet.brokerUrl')}</span>
          <input name="brokerUrl" value={draft.brokerUrl} onChange={set('brokerUrl')} aria-describedby="fleet-broker-hint" />
          <span id="fleet-broker-hint" className="hint">
            {t('technician:fleet.brokerHint')}
          </span>
        </label>
        <label>
          <span>{t('technician:fleet.username')}</span>
          <input name="fleetUsername" value={draft.username} onChange={set('username')} autoComplete="off" />
        </label>
        <label>
          <span>{t('technician:fleet.password')}</span>
          <input
            name="fleetPassword"
            type="password"
            value={draft.password}
            onChange={set('password')}
            autoComplete="new-password"
            placeholder={status?.hasPassword ? t('technician:fleet.secretKept') : ''}
          />
        </label>
        <label>
          <span>{t('technician:fleet.clientCert')}</span>
          <textarea name="clientCert" rows={3} value={draft.clientCert} onChange={set('clientCert')} aria-describedby="fleet-pem-hint" />
        </label>
        <label>
          <span>{t('technician:fleet.clientKey')}</span>
          <textarea
            name="clientKey"
            rows={3}
            value={draft.clientKey}
            onChange={set('clientKey')}
            placeholder={status?.hasClientKey ? t('technician:fleet.secretKept') : ''}
            aria-describedby="fleet-pem-hint"
          />
        </label>
        <label>
          <span>{t('technician:fleet.ca')}</span>
          <textarea name="ca" rows={3} value={draft.ca} onChange={set('ca')} aria-describedby="fleet-pem-hint" />
          <span id="fleet-pem-hint" className="hint">
            {t('technician:fleet.pemHint')}
          </span>
        </label>
        <label>
          <span>{t('technician:fleet.topicPrefix')}</span>
          <input name="topicPrefix" value={draft.topicPrefix} onChange={set('topicPrefix')} />
        </label>
        <label>
          <span>{t('technician:fleet.group')}</span>
          <input name="fleetGroup" value={draft.group} onChange={set('group')} />
        </label>
        <button type="button" onClick={() => void save()} data-testid="save-fleet">
          {t('technician:fleet.save')}
        </button>
        {note && <Message tone={note.tone}>{note.text}</Message>}
      </fieldset>
    </>
  );
}
