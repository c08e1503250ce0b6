/** What is wrong with the field just above, shown under it and announced at once (`role="alert"`). */
import type { ReactNode } from 'react';

export function FieldError(props: { children: ReactNode }) {
  return (
    <p className="field-error" role="alert">
      {props.children}
    </p>
  );
}
