/**
 * Binds a WedgeDetector to a browser window: one keydown listener in the capture phase on the
 * window (so scans are caught wherever the focus is), the detector's timer, and the replay of
 * held keys that turned out to be typing. DOM only, no node: the renderer bundles it.
 *
 * Replay: a held key is re-dispatched to its original target as an untrusted keydown clone
 * (the app's own key handlers see it, in order; this listener ignores untrusted events), and
 * unless a handler cancels it, its text (if the target was editable) is inserted there, through
 * execCommand('insertText') so the page gets the usual beforeinput/input events (React included).
 * Held keys are stopped from propagating: attach the wedge before other window capture listeners.
 */
import type { HeldKey, WedgeDecision, WedgeDetector, WedgeKey, WedgeMisread } from './wedge-detector';
import type { ScanEvent } from './types';

export interface WedgeBinding {
  /** removes the listener and the timer; held keys are released first */
  detach(): void;
}

/**
 * `onMisread`: a burst that was a scanner's but did not come through whole (see WedgeMisread):
 * none of its keys reached the page; the screen should ask to scan again.
 */
export function attachWedge(
  win: Window & typeof globalThis,
  detector: WedgeDetector,
  onScan: (scan: ScanEvent) => void,
  onMisread: (misread: WedgeMisread) => void = () => undefined,
): WedgeBinding {
  const targets = new WeakMap<WedgeKey, EventTarget>();
  let timer: number | null = null;
  // The detector's deadlines are on the keys' clock (event.timeStamp, taken when the browser got
  // the key); keys reach this page later, by a delay that varies with load. The timer counts from
  // when the key that set the deadline *arrived*, so the next key gets the same gap to arrive in.
  let anchor = { stamp: 0, arrival: 0 };
  const keyClock = (): number => anchor.stamp + (win.performance.now() - anchor.arrival);

  const apply = (decision: WedgeDecision): void => {
    for (const held of decision.release) replay(held);
    if (decision.scan) onScan(decision.scan);
    if (decision.misread) onMisread(decision.misread);
  };

  const schedule = (): void => {
    if (timer !== null) win.clearTimeout(timer);
    timer = null;
    const due = detector.deadline();
    if (due === null) return;
    let deferred = false;
    const fire = (): void => {
      // A busy page runs this timer late, maybe with the scanner's next keys still queued (their
      // timestamps within the gap): let them in first, or the burst would be cut in two. Where
      // isInputPending is missing, a timer that ran late yields once more: the browser
      // dispatches queued input before the next timer task.
      const late = keyClock() > due + LATE_TIMER_MS;
      if (inputPending(win) || (late && !deferred)) {
        deferred = true;
        timer = win.setTimeout(fire, 0);
        return;
      }
      timer = null;
      apply(detector.tick(keyClock()));
      schedule();
    };
    timer = win.setTimeout(fire, Math.max(0, due - keyClock()));
  };

  const replay = (held: HeldKey): void => {
    const target = targets.get(held.key) ?? win.document.activeElement ?? win.document.body;
    const k = held.key;
    const clone = new win.KeyboardEvent('keydown', {
      key: k.key,
      code: k.code,
      shiftKey: k.modifiers.shift,
      ctrlKey: k.modifiers.ctrl,
      altKey: k.modifiers.alt,
      metaKey: k.modifiers.meta,
      bubbles: true,
      cancelable: true,
      composed: true,
    });
    const proceed = target.dispatchEvent(clone);
    if (proceed && held.text !== '') insertText(win, target, held.text);
  };

  const onKeyDown = (ev: KeyboardEvent): void => {
    if (!ev.isTrusted || ev.isComposing) return;
    const arrival = win.performance.now();
    const key: WedgeKey = {
      key: ev.key,
      code: ev.code,
      time: ev.timeStamp,
      targetIsEditable: isEditable(ev.target),
      repeat: ev.repeat,
      modifiers: {
        shift: ev.shiftKey,
        ctrl: ev.ctrlKey,
        alt: ev.altKey,
        meta: ev.metaKey,
        altGraph: ev.getModifierState('AltGraph'),
        capsLock: ev.getModifierState('CapsLock'),
      },
    };
    if (ev.target) targets.set(key, ev.target);
    const decision = detector.feed(key);
    if (decision.preventDefault && detector.deadline() !== null) anchor = { stamp: ev.timeStamp, arrival };
    if (decision.preventDefault) {
      ev.preventDefault();
      ev.stopImmediatePropagation();
    }
    apply(decision);
    schedule();
  };

  win.addEventListener('keydown', onKeyDown, true);
  return {
    detach(): void {
      win.removeEventListener('keydown', onKeyDown, true);
      if (timer !== null) win.clearTimeout(timer);
      timer = null;
      apply(detector.tick(Number.POSITIVE_INFINITY));
    },
  };
}

/** A timer this late (ms) ran after the page was busy: queued keys may be waiting. */
const LATE_TIMER_MS = 20;

/** Chromium's navigator.scheduling.isInputPending(); false where the API is missing. */
function inputPending(win: Window): boolean {
  const scheduling = (win.navigator as Navigator & { scheduling?: { isInputPending?: () => boolean } }).scheduling;
  return scheduling?.isInputPending?.() ?? false;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'password', 'number', '']);

/** Would a key typed at `target` insert text there? */
export function isEditable(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA') return !(el as HTMLTextAreaElement).readOnly && !(el as HTMLTextAreaElement).disabled;
  if (el.tagName === 'INPUT') {
    const input = el as HTMLInputElement;
    return TEXT_INPUT_TYPES.has(input.type.toLowerCase()) && !input.readOnly && !input.disabled;
  }
  return false;
}

function insertText(win: Window & typeof globalThis, target: EventTarget, text: string): void {
  const el = target as HTMLElement;
  // Deprecated but the only way to insert as if typed (undo stack, input events); Chromium keeps it.
  // It acts on the focused element: if the focus moved meanwhile, the text goes in without it.
  if (win.document.activeElement === el && win.document.execCommand('insertText', false, text)) return;
  if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') {
    const field = el as HTMLInputElement | HTMLTextAreaElement;
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? start;
    field.setRangeText(text, start, end, 'end');
    field.dispatchEvent(new win.InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  }
}
