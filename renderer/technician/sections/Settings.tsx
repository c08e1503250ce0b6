/**
 * Settings: the node (endpoint and identifiers; password and subscription key are write-only: an
 * empty field keeps the current one), the terminal's identity, the fees, and the kiosk's timing.
 * The connectivity test uses what is in the form; Save writes the configuration file, which the
 * core reads at its next start. Fee amounts are typed in euros and sent as integer cents.
 */
import { useEffect, useState } from 'react';
import type { RequestOf, ResponseOf } from '../../../main/contract/calls';
import { useClient } from '../../app/ClientProvider';
import { ActionBar } from '../../app/components/ActionBar';
import { Message } from '../../app/components/Message';
import { useI18n } from '../../app/i18n/I18nProvider';
import { useAccess } from '../access';
import { technicianError } from '../errors';
import { draftOf, feesOf } from './settings-draft';
import type { Draft } from './settings-draft';
import { NodeTestResult } from './NodeTestResult';
import { KioskTiming } from './KioskTiming';
import { CatalogueSettings } from './Catalogue';

type NodeTest = ResponseOf<'technician.testNode'>;
type NodeEdit = RequestOf<'technician.testNode'>['node'];
type Note = { tone: 'error' | 'success' | 'warning' | 'info'; text: string; testId?: string };

const NODE_FIELDS = ['endpoint', 'idPSP', 'idBrokerPSP', 'idChannel', 'pspFiscalCode', 'pspName'] as const;

export function SettingsSection() {
  const { t, has } = useI18n();
  const client = useClient();
  const access = useAccess();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [demo, setDemo] = useState(false);
  const [note, setNote] = useState<Note | null>(null);
  const [test, setTest] = useState<NodeTest | null>(null);
  const [testing, setTesting] = useState(false);

  useEffect(() => {
    void client.call('config.get', {}).then((r) => {
      if (!r.ok) return setNote({ tone: 'error', text: technicianError(r.error, t, has) });
      setDraft(draftOf(r.value.config));
      setDemo(r.value.mode === 'demo');
    });
  }, [client, t, has]);

  if (!draft) return note ? <Message tone={note.tone}>{note.text}</Message> : null;
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const nodeEdit = (): NonNullable<NodeEdit> => ({
    endpoint: draft.endpoint,
    idPSP: draft.idPSP,
    idBrokerPSP: draft.idBrokerPSP,
    idChannel: draft.idChannel,
    pspFiscalCode: draft.pspFiscalCode,
    pspName: draft.pspName,
    password: draft.password,
    subscriptionKey: draft.subscriptionKey,
  });

  const runTest = async () => {
    setTesting(true);
    setTest(null);
    const r = await access.call('technician.testNode', { node: nodeEdit() });
    setTesting(false);
    if (r.ok) setTest(r.value);
    else setNote({ tone: 'error', text: technicianError(r.error, t, has) });
  };

  const save = async () => {
    const fees = feesOf(draft);
    const abandon = Number(draft.kioskAbandonSeconds);
    if (!fees || !/^\d+$/.test(draft.kioskAbandonSeconds))
      return setNote({ tone: 'error', text: t('technician:settings.invalidNumber'), testId: 'settings-message' });
    const r = await access.call('technician.saveSettings', {
      node: nodeEdit(),
      terminal: {
        id: draft.terminalId,
        kind: draft.kind,
        locale: draft.locale,
        strictCheckDigit: draft.strictCheckDigit,
        kioskAbandonSeconds: abandon,
      },
      fees,
    });
    if (!r.ok) return setNote({ tone: 'error', text: technicianError(r.error, t, has), testId: 'settings-message' });
    setDraft({ ...draft, password: '', subscriptionKey: '' });
    setNote({ tone: 'success', text: t('technician:settings.saved', { file: r.value.file }), testId: 'settings-message' });
  };

  return (
    <div className="technician-settings">
      <ActionBar
        actions={[
          { id: 'settings-save', key: 'Ctrl+S', label: t('technician:settings.save'), run: () => void save() },
          { id: 'settings-test', key: 'Alt+T', label: t('technician:settings.test'), run: () => void runTest(), disabled: testing },
        ]}
        primary="settings-save"
      />
      {demo && <Message tone="info">{t('technician:settings.demo')}</Message>}
      {note && (
        <Message tone={note.tone} testId={note.testId}>
          {note.text}
        </Message>
      )}
      {testing && <Message tone="info">{t('technician:settings.testing')}</Message>}
      {test && <NodeTestResult result={test} />}
      <fieldset>
        <legend>{t('technician:settings.node')}</legend>
        {NODE_FIELDS.map((f) => (
          <label key={f}>
            <span>{t(`technician:settings.field.${f}`)}</span>
            <input name={f} value={draft[f]} onChange={(e) => set({ [f]: e.target.value })} autoComplete="off" spellCheck={false} />
          </label>
        ))}
        <Secret
          name="password"
          label={t('technician:settings.field.password')}
          set={draft.passwordSet}
          value={draft.password}
          onChange={(v) => set({ password: v })}
        />
        <Secret
          name="subscriptionKey"
          label={t('technician:settings.field.subscriptionKey')}
          set={draft.subscriptionKeySet}
          value={draft.subscriptionKey}
          onChange={(v) => set({ subscriptionKey: v })}
        />
      </fieldset>
      <fieldset>
        <legend>{t('technician:settings.terminal')}</legend>
        <label>
          <span>{t('technician:settings.field.terminalId')}</span>
          <input name="terminalId" value={draft.terminalId} onChange={(e) => set({ terminalId: e.target.value })} autoComplete="off" />
        </label>
        <label>
          <span>{t('technician:settings.field.kind')}</span>
          <select name="kind" value={draft.kind} onChange={(e) => set({ kind: e.target.value as Draft['kind'] })}>
            <option value="counter">{t('app:mode.counter')}</option>
            <option value="kiosk">{t('app:mode.kiosk')}</option>
          </select>
        </label>
        <label>
          <span>{t('technician:settings.field.locale')}</span>
          <select name="locale" value={draft.locale} onChange={(e) => set({ locale: e.target.value as Draft['locale'] })}>
            {(['it', 'en', 'de'] as const).map((l) => (
              <option key={l} value={l}>
                {t(`app:language.name.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            name="strictCheckDigit"
            checked={draft.strictCheckDigit}
            onChange={(e) => set({ strictCheckDigit: e.target.checked })}
          />
          <span>{t('technician:settings.field.strictCheckDigit')}</span>
        </label>
        <label>
          <span>{t('technician:settings.field.kioskAbandonSeconds')}</span>
          <input
            name="kioskAbandonSeconds"
            inputMode="numeric"
            value={draft.kioskAbandonSeconds}
            onChange={(e) => set({ kioskAbandonSeconds: e.target.value.trim() })}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('technician:settings.fees')}</legend>
        <label>
          <span>{t('technician:settings.field.feeKind')}</span>
          <select name="feeKind" value={draft.feeKind} onChange={(e) => set({ feeKind: e.target.value as Draft['feeKind'] })}>
            {(['none', 'flat', 'per-notice', 'percent'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`technician:settings.feeKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {(draft.feeKind === 'flat' || draft.feeKind === 'per-notice') && (
          <label>
            <span>{t('technician:settings.field.feeAmount')}</span>
            <input name="feeAmount" inputMode="decimal" value={draft.feeAmount} onChange={(e) => set({ feeAmount: e.target.value })} />
          </label>
        )}
        {draft.feeKind === 'percent' && (
          <>
            <label>
              <span>{t('technician:settings.field.feePercent')}</span>
              <input name="feePercent" inputMode="decimal" value={draft.feePercent} onChange={(e) => set({ feePercent: e.target.value })} />
            </label>
            <label>
              <span>{t('technician:settings.field.feeMin')}</span>
              <input name="feeMin" inputMode="decimal" value={draft.feeMin} onChange={(e) => set({ feeMin: e.target.value })} />
            </label>
            <label>
              <span>{t('technician:settings.field.feeMax')}</span>
              <input name="feeMax" inputMode="decimal" value={draft.feeMax} onChange={(e) => set({ feeMax: e.target.value })} />
            </label>
          </>
        )}
      </fieldset>
      <KioskTiming />
      <CatalogueSettings />
      <LogLevelSetting />
    </div>
  );
}

type LogSettings = ResponseOf<'technician.logSettings'>;
const LOG_LEVELS: ReadonlyArray<LogSettings['level']> = ['debug', 'info', 'warn', 'error'];

/** The core log's level: in force as soon as it is saved, no restart; the file, or why it is not written. */
function LogLevelSetting() {
  const { t, has } = useI18n();
  const access = useAccess();
  const [log, setLog] = useState<LogSettings | null>(null);
  const [level, setLevel] = useState<LogSettings['level']>('info');
  const [note, setNote] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  useEffect(() => {
    void access.call('technician.logSettings', {}).then((r) => {
      if (!r.ok) return;
      setLog(r.value);
      setLevel(r.value.level);
    });
  }, [access]);
  const save = async () => {
    const r = await access.call('technician.setLogLevel', { level });
    if (r.ok) setLog(r.value);
    setNote(
      r.ok
        ? { tone: 'success', text: t('technician:log.saved', { level: t(`technician:log.levels.${r.value.level}`) }) }
        : { tone: 'error', text: technicianError(r.error, t, has) },
    );
  };
  return (
    <fieldset data-testid="log-settings">
      <legend>{t('technician:log.legend')}</legend>
      <label>
        <span>{t('technician:log.level')}</span>
        <select name="logLevel" value={level} onChange={(e) => setLevel(e.target.value as LogSettings['level'])}>
          {LOG_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`technician:log.levels.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void save()} data-testid="log-level-save">
        {t('technician:log.save')}
      </button>
      {log && (
        <p className="hint" data-testid="log-file">
          {log.unavailable ? t('technician:log.unavailable', { reason: log.unavailable }) : t('technician:log.file', { file: log.file })}
        </p>
      )}
      {note && (
        <Message tone={note.tone} testId="log-level-message">
          {note.text}
        </Message>
      )}
    </fieldset>
  );
}

/** Write-only: never filled from the core (it does not send secrets); says whether one is set. */
function Secret(props: { name: string; label: string; set: boolean; value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  return (
    <label>
      <span>{props.label}</span>
      <input
        name={props.name}
        type="password"
        autoComplete="new-password"
        value={props.value}
        placeholder={props.set ? t('technician:settings.secretKept') : t('technician:settings.secretMissing')}
        onChange={(e) => props.onChange(e.target.value)}
        aria-describedby={`${props.name}-hint`}
      />
      <span id={`${props.name}-hint`} className="hint">
        {t('technician:settings.secretHint')}
      </span>
    </label>
  );
}
