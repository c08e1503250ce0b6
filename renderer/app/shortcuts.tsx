/**
 * Keyboard shortcuts: every action on a staff screen has a key. Screens declare their actions
 * (`useShortcuts` or an <ActionBar>); one window listener finds the innermost scope that has the
 * pressed combination (a modal dialog hides the scopes under it) and runs it. F1 lists the keys
 * that work right now. The listener runs after the wedge scanner's (capture phase) and after the
 * page's own handlers: a field that handled a key (preventDefault) keeps it.
 */
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { comboOf, firesInTextField, isFunctionKey, keyInWords } from './shortcut-keys';
import { useI18n } from './i18n/I18nProvider';

export interface Action {
  id: string;
  /** e.g. 'F4', 'Enter', 'Ctrl+P' */
  key: string;
  /** Already translated. */
  label: string;
  run: () => void;
  disabled?: boolean;
  /** Listed in an ActionBar (default true). */
  visible?: boolean;
}

interface Scope {
  id: string;
  order: number;
  modal: boolean;
  actions: { current: readonly Action[] };
}

interface Registry {
  register(scope: Scope): () => void;
  active(): Action[];
  showHelp(): void;
}

const ShortcutContext = createContext<Registry | null>(null);
let nextOrder = 1;

function isTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && !['button', 'submit', 'checkbox', 'radio', 'reset'].includes((el as HTMLInputElement).type);
}
const activatesNatively = (target: EventTarget | null): boolean => {
  const tag = (target as HTMLElement | null)?.tagName;
  return tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY';
};

export function ShortcutProvider(props: { children: ReactNode; blockFunctionKeys?: boolean }) {
  const scopes = useRef<Scope[]>([]);
  /** The keys that worked when F1 was pressed (the help itself is a modal scope). */
  const [help, setHelp] = useState<Action[] | null>(null);
  const { t, has } = useI18n();
  // The help names keys as people say them in the screen's language ("Alt+↑", "Invio"), not as the browser does.
  const words = useCallback(
    (combo: string) => keyInWords(combo, (part) => (has(`app:shortcuts.keys.${part}`) ? t(`app:shortcuts.keys.${part}`) : undefined)),
    [t, has],
  );

  const visibleScopes = useCallback((): Scope[] => {
    const sorted = [...scopes.current].sort((a, b) => b.order - a.order);
    const out: Scope[] = [];
    for (const s of sorted) {
      out.push(s);
      if (s.modal) break;
    }
    return out;
  }, []);

  const active = useCallback(() => visibleScopes().flatMap((s) => s.actions.current.filter((a) => !a.disabled)), [visibleScopes]);
  const registry = useMemo<Registry>(
    () => ({
      register(scope) {
        scopes.current.push(scope);
        return () => {
          scopes.current = scopes.current.filter((s) => s !== scope);
        };
      },
      active,
      showHelp: () => setHelp(active()),
    }),
    [active],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing) return;
      const combo = comboOf(e);
      if (combo === 'F1') {
        e.preventDefault();
        setHelp((h) => (h ? null : active()));
        return;
      }
      if (isTextField(e.target) && !firesInTextField(combo)) return;
      if ((combo === 'Enter' || combo === 'Space') && activatesNatively(e.target)) return;
      for (const scope of visibleScopes()) {
        const action = scope.actions.current.find((a) => a.key === combo);
        if (action) {
          e.preventDefault();
          if (!action.disabled) action.run();
          return;
        }
      }
      // A stray F5 must not reload a payment screen, nor F3/F7 open browser tools.
      if (props.blockFunctionKeys !== false && isFunctionKey(combo) && combo !== 'F11' && combo !== 'F12') e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [visibleScopes, active, props.blockFunctionKeys]);

  return (
    <ShortcutContext.Provider value={registry}>
      {props.children}
      {help && (
        <ShortcutHelp
          actions={help}
          onClose={() => setHelp(null)}
          title={t('app:shortcuts.title')}
          closeLabel={t('app:shortcuts.close')}
          words={words}
        />
      )}
    </ShortcutContext.Provider>
  );
}

/** Registers the actions while the component is mounted; `modal` hides every scope below. */
export function useShortcuts(actions: readonly Action[], opts: { modal?: boolean } = {}): void {
  const registry = useContext(ShortcutContext);
  const id = useId();
  const ref = useRef(actions);
  ref.current = actions;
  const modal = opts.modal ?? false;
  useEffect(() => registry?.register({ id, order: nextOrder++, modal, actions: ref }), [registry, id, modal]);
}

export function useShortcutHelp(): () => void {
  const registry = useContext(ShortcutContext);
  return () => registry?.showHelp();
}

function ShortcutHelp(props: {
  actions: Action[];
  onClose: () => void;
  title: string;
  closeLabel: string;
  words: (combo: string) => string;
}) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  useShortcuts([{ id: 'help-close', key: 'Escape', label: props.closeLabel, run: props.onClose }], { modal: true });
  return (
    <div className="overlay" role="presentation">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcut-help-title">
        <h2 id="shortcut-help-title">{props.title}</h2>
        <table className="shortcut-table">
          <tbody>
            <tr>
              <td>
                <kbd>F1</kbd>
              </td>
              <td>{props.title}</td>
            </tr>
            {props.actions.map((a) => (
              <tr key={`${a.id}-${a.key}`}>
                <td>
                  <kbd data-key={a.key}>{props.words(a.key)}</kbd>
                </td>
                <td>{a.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="dialog-actions">
          <button type="button" ref={close} onClick={props.onClose}>
            <kbd>{props.words('Escape')}</kbd> {props.closeLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
