/**
 * This terminal's card terminal (kiosk or counter): none, the simulated one with its script
 * (approve, decline[:reason], timeout, offline; the last repeats) and its pace, or a nexo terminal
 * (address, POIID, key identifier and version, TLS pin). The core checks them when they are saved
 * (Ctrl+S of the devices section). The key's passphrase is stored on its own (write-only: the field
 * is never filled back) and the test transaction runs against the saved terminal: CardTerminalKey.tsx.
 */
import type { ResponseOf } from '../../../main/contract/calls';
import { useI18n } from '../../app/i18n/I18nProvider';
import { CardTerminalKey } from './CardTerminalKey';

type Settings = ResponseOf<'technician.devices'>['cardTerminal']['settings'];

export interface CardTerminalDraft {
  kind: 'none' | 'simulated' | 'nexo';
  script: string;
  stepMs: string;
  cardWaitMs: string;
  url: string;
  poiId: string;
  saleId: string;
  keyIdentifier: string;
  keyVersion: string;
  insecureLoopback: boolean;
  fingerprint256: string;
  ca: string;
}

const BLANK: CardTerminalDraft = {
  kind: 'none',
  script: 'approve',
  stepMs: '1500',
  cardWaitMs: '30000',
  url: 'https://',
  poiId: '',
  saleId: 'sportello',
  keyIdentifier: '',
  keyVersion: '1',
  insecureLoopback: false,
  fingerprint256: '',
  ca: '',
};

export function cardDraftOf(s: Settings): CardTerminalDraft {
  switch (s.kind) {
    case 'none':
      return BLANK;
    case 'simulated':
      return { ...BLANK, kind: 'simulated', script: s.script, stepMs: String(s.stepMs), cardWaitMs: String(s.cardWaitMs) };
    case 'nexo':
      return {
        ...BLANK,
        kind: 'nexo',
        url: s.url,
        poiId: s.poiId,
        saleId: s.saleId,
        keyIdentifier: s.keyIdentifier,
        keyVersion: String(s.keyVersion),
        insecureLoopback: s.insecureLoopback,
        fingerprint256: s.fingerprint256 ?? '',
        ca: s.ca ?? '',
      };
  }
}

/** The settings to send, or null when a number is not one (the core checks the rest and names the field). */
export function cardSettingsOf(d: CardTerminalDraft): Settings | null {
  if (d.kind === 'none') return { kind: 'none' };
  if (d.kind === 'nexo') {
    if (!/^\d{1,6}$/.test(d.keyVersion)) return null;
    return {
      kind: 'nexo',
      url: d.url.trim(),
      poiId: d.poiId.trim(),
      saleId: d.saleId.trim(),
      keyIdentifier: d.keyIdentifier.trim(),
      keyVersion: Number(d.keyVersion),
      insecureLoopback: d.insecureLoopback,
      ...(d.fingerprint256.trim() ? { fingerprint256: d.fingerprint256.trim() } : {}),
      ...(d.ca.trim() ? { ca: d.ca.trim() } : {}),
    };
  }
  if (!/^\d{1,6}$/.test(d.stepMs) || !/^\d{1,6}$/.test(d.cardWaitMs)) return null;
  return { kind: 'simulated', script: d.script.trim(), stepMs: Number(d.stepMs), cardWaitMs: Number(d.cardWaitMs) };
}

export function CardTerminalFields(props: { draft: CardTerminalDraft; onChange: (d: CardTerminalDraft) => void }) {
  const { t } = useI18n();
  const d = props.draft;
  const set = (change: Partial<CardTerminalDraft>) => props.onChange({ ...d, ...change });
  const text = (name: string, field: keyof CardTerminalDraft, label: string, hint?: string) => (
    <label>
      <span>{t(label)}</span>
      <input
        name={name}
        value={String(d[field])}
        onChange={(e) => set({ [field]: e.target.value })}
        autoComplete="off"
        spellCheck={false}
        {...(hint ? { 'aria-describedby': `${name}-hint` } : {})}
      />
      {hint && (
        <span id={`${name}-hint`} className="hint">
          {t(hint)}
        </span>
      )}
    </label>
  );
  return (
    <>
      <label>
        <span>{t('technician:devices.card.kind')}</span>
        <select name="card-kind" value={d.kind} onChange={(e) => set({ kind: e.target.value as CardTerminalDraft['kind'] })}>
          <option value="none">{t('technician:devices.card.none')}</option>
          <option value="simulated">{t('technician:devices.card.simulated')}</option>
          <option value="nexo">{t('technician:devices.card.nexo')}</option>
        </select>
      </label>
      {d.kind === 'simulated' && (
        <>
          {text('card-script', 'script', 'technician:devices.card.script', 'technician:devices.card.scriptHint')}
          <label>
            <span>{t('technician:devices.card.stepMs')}</span>
            <input name="card-step" inputMode="numeric" value={d.stepMs} onChange={(e) => set({ stepMs: e.target.value.trim() })} />
          </label>
          <label>
            <span>{t('technician:devices.card.cardWaitMs')}</span>
            <input name="card-wait" inputMode="numeric" value={d.cardWaitMs} onChange={(e) => set({ cardWaitMs: e.target.value.trim() })} />
          </label>
        </>
      )}
      {d.kind === 'nexo' && (
        <>
          {text('card-url', 'url', 'technician:devices.card.url', 'technician:devices.card.urlHint')}
          {text('card-poi', 'poiId', 'technician:devices.card.poiId')}
          {text('card-sale', 'saleId', 'technician:devices.card.saleId')}
          {text('card-key-id', 'keyIdentifier', 'technician:devices.card.keyIdentifier')}
          <label>
            <span>{t('technician:devices.card.keyVersion')}</span>
            <input
              name="card-key-version"
              inputMode="numeric"
              value={d.keyVersion}
              onChange={(e) => set({ keyVersion: e.target.value.trim() })}
            />
          </label>
          {text('card-fingerprint', 'fingerprint256', 'technician:devices.card.fingerprint', 'technician:devices.card.fingerprintHint')}
          <label>
            <span>{t('technician:devices.card.ca')}</span>
            <textarea name="card-ca" rows={3} value={d.ca} onChange={(e) => set({ ca: e.target.value })} spellCheck={false} />
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              name="card-loopback"
              checked={d.insecureLoopback}
              onChange={(e) => set({ insecureLoopback: e.target.checked })}
            />
            <span>{t('technician:devices.card.insecureLoopback')}</span>
          </label>
          <CardTerminalKey />
        </>
      )}
    </>
  );
}
