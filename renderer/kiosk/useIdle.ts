/**
 * The kiosk's inactivity timer (WCAG 2.2.1 Timing Adjustable): after `idleSeconds` without a touch,
 * a key or a scan the warning appears and gives `warningSeconds` (at least 20) to say "more time"
 * with one action; any touch counts as that action. When the warning runs out, `onTimeout` resets
 * the kiosk. Paused (`enabled` false) while the core or the card terminal is working.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;
const TICK_MS = 250;

export interface Idle {
  /** Seconds left before the reset while the warning shows; null when it does not. */
  secondsLeft: number | null;
  /** The "more time" action (also what any touch does). */
  extend(): void;
}

export function useIdle(opts: {
  idleSeconds: number;
  warningSeconds: number;
  enabled: boolean;
  onTimeout: () => void;
  restartKey?: unknown;
}): Idle {
  const last = useRef(Date.now());
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const onTimeout = useRef(opts.onTimeout);
  onTimeout.current = opts.onTimeout;

  const extend = useCallback(() => {
    last.current = Date.now();
    setSecondsLeft(null);
  }, []);

  // A new screen is activity too: the citizen just did something.
  useEffect(extend, [extend, opts.restartKey, opts.enabled]);

  useEffect(() => {
    if (!opts.enabled) return;
    for (const type of ACTIVITY) window.addEventListener(type, extend, { capture: true, passive: true });
    const idleMs = opts.idleSeconds * 1000;
    const totalMs = idleMs + opts.warningSeconds * 1000;
    const timer = window.setInterval(() => {
      const elapsed = Date.now() - last.current;
      if (elapsed >= totalMs) {
        last.current = Date.now();
        setSecondsLeft(null);
        onTimeout.current();
      } else if (elapsed >= idleMs) {
        setSecondsLeft(Math.ceil((totalMs - elapsed) / 1000));
      }
    }, TICK_MS);
    return () => {
      window.clearInterval(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, extend, { capture: true });
    };
  }, [opts.enabled, opts.idleSeconds, opts.warningSeconds, extend]);

  return { secondsLeft: opts.enabled ? secondsLeft : null, extend };
}
