/** The diagnostics bundle, saved as a file for support, and the versions of everything that runs. */
import { useEffect, useState } from 'react';
import type { SystemInfo } from '../../../main/contract/calls';
import { useClient } from '../../app/ClientProvider';
import { Message } from '../../app/components/Message';
import { downloadText } from '../../app/download';
import { formatDateTime } from '../../app/i18n/format';
import { useI18n } from '../../app/i18n/I18nProvider';
import { useAccess } from '../access';
import { technicianError } from '../errors';

export function DiagnosticsSection() {
  const { t, has } = useI18n();
  const access = useAccess();
  const [note, setNote] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    const r = await access.call('technician.diagnostics', {});
    setBusy(false);
    if (!r.ok) return setNote({ tone: 'error', text: technicianError(r.error, t, has) });
    downloadText(r.value.filename, r.value.content, 'application/json');
    setNote({ tone: 'success', text: t('technician:diagnostics.saved', { file: r.value.filename }) });
  };
  return (
    <div className="technician-diagnostics">
      <p>{t('technician:diagnostics.what')}</p>
      <button type="button" className="primary" onClick={() => void save()} disabled={busy} data-testid="save-diagnostics">
        {t('technician:diagnostics.save')}
      </button>
      {note && (
        <Message tone={note.tone} testId="diagnostics-message">
          {note.text}
        </Message>
      )}
    </div>
  );
}

export function VersionsSection() {
  const { t, lang } = useI18n();
  const client = useClient();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  useEffect(() => {
    void client.call('system.info', {}).then((r) => r.ok && setInfo(r.value));
  }, [client]);
  if (!info) return null;
  const rows: Array<[string, string]> = [
    [t('technician:versions.sportello'), info.versions.sportello],
    [t('technician:versions.node'), info.versions.node],
    [t('technician:versions.database'), String(info.versions.databaseSchema)],
    [t('technician:versions.contract'), String(info.contractVersion)],
    [t('technician:versions.browser'), navigator.userAgent],
    [t('technician:versions.mode'), t(`technician:versions.modes.${info.mode}`)],
    [t('technician:versions.terminal'), `${info.terminal.id} (${t(`app:mode.${info.terminal.kind}`)})`],
    [t('technician:versions.endpoint'), info.nodeEndpoint],
    [t('technician:versions.dataDir'), info.dataDir],
    [t('technician:versions.started'), formatDateTime(info.startedAt, lang)],
  ];
  return (
    <table data-testid="versions">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td className="technical">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
