/**
 * A modal dialog: hides the screen's shortcuts while open (its own actions are the only keys),
 * takes the focus and gives it back when closed. Enter and Escape are whatever its actions say.
 */
import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import type { Action } from '../shortcuts';
import { ActionBar } from './ActionBar';

export function Dialog(props: {
  title: string;
  actions: readonly Action[];
  primary?: string;
  children?: ReactNode;
  tone?: 'normal' | 'danger';
}) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>('input, [data-autofocus], button.primary, button');
    first?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    <div className="overlay" role="presentation">
      <div
        ref={box}
        className={`dialog ${props.tone === 'danger' ? 'danger' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
      >
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
        <div className="dialog-actions">
          <ActionBar actions={props.actions} primary={props.primary} modal />
        </div>
      </div>
    </div>
  );
}
