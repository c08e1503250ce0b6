/**
 * One kiosk step: a heading that takes the focus when the step appears (a screen reader says where
 * the citizen is now), the step's content, and its buttons at the bottom, large and far apart.
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

export function KioskScreen(props: { title: ReactNode; testId: string; children?: ReactNode; actions?: ReactNode; lang?: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [props.testId]);
  return (
    <section
      className="kiosk-screen"
      data-testid={`kiosk-${props.testId}`}
      aria-labelledby={`kiosk-title-${props.testId}`}
      lang={props.lang}
    >
      <h1 id={`kiosk-title-${props.testId}`} ref={heading} tabIndex={-1}>
        {props.title}
      </h1>
      <div className="kiosk-body">{props.children}</div>
      {props.actions && <div className="kiosk-actions">{props.actions}</div>}
    </section>
  );
}

export function KioskButton(props: {
  onClick: () => void;
  children: ReactNode;
  primary?: boolean;
  testId?: string;
  disabled?: boolean;
  lang?: string;
}) {
  return (
    <button
      type="button"
      className={`kiosk-button${props.primary ? ' primary' : ''}`}
      onClick={props.onClick}
      disabled={props.disabled}
      data-testid={props.testId}
      lang={props.lang}
    >
      {props.children}
    </button>
  );
}
