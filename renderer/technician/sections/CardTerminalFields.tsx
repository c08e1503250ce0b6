/**
 * The kiosk's card terminal: none, or the simulated one with its script (approve, decline[:reason],
 * timeout, offline; the last repeats) and its pace. The core checks the script when it is saved.
 */
import type { ResponseOf } from '../../../main/contract/calls';
import { useI18n } from '../../app/i18n/I18nProvider';

type Settings = ResponseOf<'technician.devices'>['cardTerminal']['settings'];

export interface CardTerminalDraft {
  kind: 'none' | 'simulated';
  script: string;
  stepMs: string;
  cardWaitMs: string;
}

export function cardDraftOf(s: Settings): CardTerminalDraft {
  return s.kind === 'none'
    ? { kind: 'none', script: 'approve', stepMs: '1500', cardWaitMs: '30000' }
    : { kind: 'simulated', script: s.script, stepMs: String(s.stepMs), cardWaitMs: String(s.cardWaitMs) };
}

/** The settings to send, or null when a number is not one. */
export function cardSettingsOf(d: CardTerminalDraft): Settings | null {
  if (d.kind === 'none') return { kind: 'none' };
  if (!/^\d{1,6}$/.test(d.stepMs) || !/^\d{1,6}$/.test(d.cardWaitMs)) return null;
  return { kind: 'simulated', script: d.script.trim(), stepMs: Number(d.stepMs), cardWaitMs: Number(d.cardWaitMs) };
}

export function CardTerminalFields(props: { draft: CardTerminalDraft; onChange: (d: CardTerminalDraft) => void }) {
  const { t } = useI18n();
  const d = props.draft;
  const set = (change: Partial<CardTerminalDraft>) => props.onChange({ ...d, ...change });
  return (
    <>
      <label>
        <span>{t('technician:devices.card.kind')}</span>
        <select name="card-kind" value={d.kind} onChange={(e) => set({ kind: e.target.value as CardTerminalDraft['kind'] })}>
          <option value="none">{t('technician:devices.card.none')}</option>
          <option value="simulated">{t('technician:devices.card.simulated')}</option>
        </select>
      </label>
      {d.kind === 'simulated' && (
        <>
          <label>
            <span>{t('technician:devices.card.script')}</span>
            <input
              name="card-script"
              value={d.script}
              onChange={(e) => set({ script: e.target.value })}
              aria-describedby="card-script-hint"
              autoComplete="off"
            />
            <span id="card-script-hint" className="hint">
              {t('technician:devices.card.scriptHint')}
            </span>
          </label>
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
    </>
  );
}
