/**
 * A screen's actions as a row of buttons, each showing its key, and the same actions as shortcuts:
 * one list, so no action exists without a key and no key without its button.
 */
import { useShortcuts } from '../shortcuts';
import type { Action } from '../shortcuts';

const KEY_LABELS: Record<string, string> = { Escape: 'Esc', Delete: 'Canc', ArrowUp: '↑', ArrowDown: '↓', Enter: '↵' };
export const keyLabel = (key: string): string => KEY_LABELS[key] ?? key;

export function KeyButton(props: { action: Action; primary?: boolean }) {
  const a = props.action;
  return (
    <button
      type="button"
      className={props.primary ? 'primary' : undefined}
      disabled={a.disabled}
      aria-keyshortcuts={a.key}
      data-action={a.id}
      onClick={a.run}
    >
      <kbd>{keyLabel(a.key)}</kbd> {a.label}
    </button>
  );
}

export function ActionBar(props: { actions: readonly Action[]; primary?: string; modal?: boolean; label?: string }) {
  useShortcuts(props.actions, { modal: props.modal ?? false });
  const shown = props.actions.filter((a) => a.visible !== false);
  if (shown.length === 0) return null;
  return (
    <div className="action-bar" role="toolbar" aria-label={props.label}>
      {shown.map((a) => (
        <KeyButton key={a.id} action={a} primary={a.id === props.primary} />
      ))}
    </div>
  );
}
