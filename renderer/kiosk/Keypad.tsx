/**
 * The on-screen numeric keypad: the kiosk has no keyboard. Large keys in the order citizens know
 * from ATMs (1 2 3 on top), a delete and a clear key, each with a spoken name.
 */
import { useI18n } from '../app/i18n/I18nProvider';

const ROWS = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
] as const;

export function Keypad(props: { onDigit: (d: string) => void; onDelete: () => void; onClear: () => void; full: boolean; empty: boolean }) {
  const { t } = useI18n();
  const digit = (d: string) => (
    <button key={d} type="button" className="kiosk-key" onClick={() => props.onDigit(d)} disabled={props.full} data-key={d}>
      {d}
    </button>
  );
  return (
    <div className="kiosk-keypad" role="group" aria-label={t('kiosk:keypad.label')}>
      {ROWS.map((row) => row.map(digit))}
      <button
        type="button"
        className="kiosk-key kiosk-key-action"
        onClick={props.onClear}
        disabled={props.empty}
        aria-label={t('kiosk:keypad.clear')}
        data-key="clear"
      >
        {t('kiosk:keypad.clearShort')}
      </button>
      {digit('0')}
      <button
        type="button"
        className="kiosk-key kiosk-key-action"
        onClick={props.onDelete}
        disabled={props.empty}
        aria-label={t('kiosk:keypad.delete')}
        data-key="delete"
      >
        <span aria-hidden="true">⌫</span>
      </button>
    </div>
  );
}
