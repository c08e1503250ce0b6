/**
 * A step's buttons as a list: the way back or out first, the way on last (primary). Each screen says
 * which buttons it has; how a button is drawn stays in one place (`KioskButton`).
 */
import { KioskButton } from '../KioskScreen';

export type KioskAction = { testId: string; label: string; run: () => void; primary?: boolean; disabled?: boolean };

/** The buttons in order; `false` stands for a button this step does not offer now. */
export function KioskActions(props: { actions: (KioskAction | false)[] }) {
  return (
    <>
      {props.actions.map(
        (a) =>
          a && (
            <KioskButton key={a.testId} primary={a.primary} onClick={a.run} disabled={a.disabled} testId={a.testId}>
              {a.label}
            </KioskButton>
          ),
      )}
    </>
  );
}
