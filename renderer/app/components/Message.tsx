/** A message to the operator. Errors and warnings are announced to screen readers. */
import type { ReactNode } from 'react';

export function Message(props: { tone: 'error' | 'warning' | 'info' | 'success'; children: ReactNode; testId?: string }) {
  const urgent = props.tone === 'error' || props.tone === 'warning';
  return (
    <div className={`message ${props.tone}`} role={urgent ? 'alert' : 'status'} data-testid={props.testId}>
      {props.children}
    </div>
  );
}
