/**
 * The on-screen keyboard for a service's text fields (a plate, a name, an amount): the kiosk has no
 * keyboard. Letters in capitals (plates and fiscal codes are written so; an e-mail gets small
 * letters), digits on top, a few signs each kind of field needs, delete and clear. Keys keep the
 * focus in the field being typed (pointer-down does not move it), so the field's label is what a
 * screen reader keeps saying.
 */
import type { MouseEvent } from 'react';
import { useI18n } from '../app/i18n/I18nProvider';

export type KeyboardKind = 'text' | 'email' | 'amount' | 'numeric';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const LETTERS = ['QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'].map((r) => [...r]);
const SIGNS: Record<KeyboardKind, string[]> = {
  text: ["'", '-', '.', '/'],
  email: ['@', '.', '-', '_'],
  amount: [','],
  numeric: [],
};

const keepFocus = (e: MouseEvent) => e.preventDefault();

export function Keyboard(props: {
  kind: KeyboardKind;
  onKey: (ch: string) => void;
  onDelete: () => void;
  onClear: () => void;
  empty: boolean;
}) {
  const { t } = useI18n();
  const lower = props.kind === 'email';
  const key = (ch: string) => (
    <button
      key={ch}
      type="button"
      className="kiosk-key"
      onMouseDown={keepFocus}
      onClick={() => props.onKey(lower ? ch.toLowerCase() : ch)}
      data-key={ch}
    >
      {lower ? ch.toLowerCase() : ch}
    </button>
  );
  const letters = props.kind === 'text' || props.kind === 'email';
  return (
    <div className="kiosk-keyboard" role="group" aria-label={t('kiosk:keyboard.label')} data-kind={props.kind}>
      <div className="kiosk-keyboard-row">{DIGITS.map(key)}</div>
      {letters &&
        LETTERS.map((row) => (
          <div className="kiosk-keyboard-row" key={row[0]}>
            {row.map(key)}
          </div>
        ))}
      <div className="kiosk-keyboard-row">
        {SIGNS[props.kind].map(key)}
        {props.kind === 'text' && (
          <button
            type="button"
            className="kiosk-key kiosk-key-space"
            onMouseDown={keepFocus}
            onClick={() => props.onKey(' ')}
            data-key="space"
          >
            {t('kiosk:keyboard.space')}
          </button>
        )}
        <button
          type="button"
          className="kiosk-key kiosk-key-action"
          onMouseDown={keepFocus}
          onClick={props.onDelete}
          disabled={props.empty}
          aria-label={t('kiosk:keyboard.delete')}
          data-key="delete"
        >
          <span aria-hidden="true">⌫</span>
        </button>
        <button
          type="button"
          className="kiosk-key kiosk-key-action"
          onMouseDown={keepFocus}
          onClick={props.onClear}
          disabled={props.empty}
          aria-label={t('kiosk:keyboard.clear')}
          data-key="clear"
        >
          {t('kiosk:keypad.clearShort')}
        </button>
      </div>
    </div>
  );
}
