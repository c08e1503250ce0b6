/**
 * Keyboard-wedge detector: tells a scanner's keystroke burst from a person typing, by timing
 * alone, so scans are caught wherever the focus is and never typed into a field.
 *
 * Pure (no DOM, no timers, no node): the caller feeds keydown-like events and asks `tick(now)`
 * when `deadline()` passes; wedge-dom.ts does that in the renderer. Every decision says whether
 * to preventDefault the event just fed, and may carry a scan or keys to release.
 *
 * How typing is kept out of scans without losing keys: a printable key is *held* (its default
 * prevented) while the gap since the previous key is at most `maxGapMs`. A person's next key
 * comes later than that, so the held key is *released* (the caller replays it) after one gap:
 * typing is delayed by ~50 ms, unnoticeable. A scanner's keys keep coming within the gap; once the
 * burst has `minLength` characters it is a scan, ended by the terminator key (swallowed too) or
 * by `idleTimeoutMs` of silence (a missing terminator does not lose the scan). A scan-length burst tolerates gaps up to `idleTimeoutMs`: USB,
 * Bluetooth and a busy host jitter now and then, and no person types `minLength` keys in a row
 * `maxGapMs` apart (8 keys at 50 ms is 240 words a minute). Non-printable keys (arrows,
 * Backspace, shortcuts) release whatever is held first and pass, so their order with typed text
 * is kept.
 *
 * Characters: with layout 'native' a key means what the host says (`event.key`); with 'us' or
 * 'it' the physical key (`event.code`) + Shift/AltGr is read with the layout the scanner emulates
 * (layouts.ts), which repairs a US-programmed scanner on an Italian PC (`|` arriving as `§`).
 * Released keys always carry the host's own character: a person types with the host layout.
 */
import { altCodeChar } from './alt-code';
import { numpadDigit } from './hid-usages';
import { charFor } from './layouts';
import type { KeyboardLayout, ScanEvent, Terminator } from './types';

export interface WedgeModifiers {
  shift: boolean;
  ctrl: boolean;
  alt: boolean;
  meta: boolean;
  /** KeyboardEvent.getModifierState('AltGraph') (Linux/macOS; Windows reports AltGr as Ctrl+Alt) */
  altGraph?: boolean;
  capsLock?: boolean;
}

/** The parts of a keydown the detector needs. `time` in ms on a monotonic clock (event.timeStamp);
 *  `targetIsEditable`: the key would type into its target (a text field, contenteditable). */
export interface WedgeKey {
  key: string;
  code: string;
  time: number;
  targetIsEditable: boolean;
  modifiers: WedgeModifiers;
  /** auto-repeat of a held key: people do that, scanners do not */
  repeat?: boolean;
}

/** A key that was held back and turned out to be typing; `text` is what the host would have typed
 *  into its target: '' for none, or when the target was not editable (the key is replayed for the
 *  page's shortcuts, but there is nowhere to type). */
export interface HeldKey {
  key: WedgeKey;
  text: string;
}

export interface WedgeDecision {
  /** for the event just fed: stop its default action (it is held, or part of a scan) */
  preventDefault: boolean;
  scan: ScanEvent | null;
  /** held keys to replay as typing, oldest first */
  release: HeldKey[];
}

export interface WedgeOptions {
  /** longest gap between two keys while a burst is shorter than minLength; scanners send every
   *  5-20 ms, people seldom under 50 and never for minLength keys in a row */
  maxGapMs: number;
  /** shortest burst that counts as a scan (a pagoPA QR string has 40+ characters) */
  minLength: number;
  /** the key the scanner is programmed to send after the data: it ends the scan at once and is
   *  swallowed. Any other non-character key right after a scan-length burst ends it too, but
   *  passes; with 'none' the scan ends after idleTimeoutMs of silence */
  terminator: Terminator;
  /** once a burst is scan-length: the longest gap it tolerates, and the silence that ends it
   *  when no terminator comes (at least maxGapMs) */
  idleTimeoutMs: number;
  /** layout the scanner emulates, or 'native' to trust the host's key mapping */
  layout: KeyboardLayout | 'native';
  /** read Alt + numeric keypad digit sequences as one character */
  altNumpad: boolean;
  /** ScanEvent.source.id */
  sourceId: string;
  /** wall clock for ScanEvent.at */
  clock: () => number;
}

export const WEDGE_DEFAULTS: WedgeOptions = {
  maxGapMs: 50,
  minLength: 8,
  terminator: 'Enter',
  idleTimeoutMs: 100,
  layout: 'native',
  altNumpad: true,
  sourceId: 'keyboard',
  clock: () => Date.now(),
};

const MODIFIER_KEYS = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'OS',
  'CapsLock',
  'NumLock',
  'ScrollLock',
  'Fn',
  'Hyper',
  'Super',
]);

/** A run of Alt+numpad digits not yet turned into its character. */
interface AltSequence {
  digits: string;
  first: WedgeKey;
}

export class WedgeDetector {
  readonly options: WedgeOptions;
  private held: HeldKey[] = [];
  /** what the scanner meant by each held key (parallel to `held`) */
  private meant: string[] = [];
  private lastTime: number | null = null;
  private alt: AltSequence | null = null;

  constructor(options: Partial<WedgeOptions> = {}) {
    this.options = { ...WEDGE_DEFAULTS, ...options };
  }

  feed(k: WedgeKey): WedgeDecision {
    const out: WedgeDecision = { preventDefault: false, scan: null, release: [] };
    if (this.lastTime !== null && k.time - this.lastTime > this.limit()) this.endBurst(out);

    if (MODIFIER_KEYS.has(k.key)) {
      // A scanner presses Shift/Alt between characters: that neither breaks nor extends a burst.
      // A new Alt press closes the previous Alt+numpad character.
      if (k.key === 'Alt') this.closeAltSequence();
      return out;
    }
    if (k.repeat) {
      this.releaseAll(out);
      return out;
    }

    const digit = this.options.altNumpad && k.modifiers.alt && !k.modifiers.ctrl ? numpadDigit(k.code) : null;
    if (digit !== null) {
      if (!this.alt) this.alt = { digits: '', first: k };
      this.alt.digits += String(digit);
      this.lastTime = k.time;
      out.preventDefault = true;
      return out;
    }
    this.closeAltSequence();

    const meant = this.meantChar(k);
    if (meant === null) {
      // A key that types nothing (Enter, Tab, arrows, shortcuts). Right after a scan-length burst
      // it ends the scan, and is swallowed if it is the terminator the scanner is programmed to
      // send. Otherwise it is the person's, and passes after whatever is held, keeping key order.
      if (this.meant.length >= this.options.minLength) {
        out.preventDefault = this.isTerminator(k);
        out.scan = this.takeScan();
      } else {
        this.releaseAll(out);
      }
      return out;
    }
    if (this.held.length === 0 && meant === ' ') return out; // a leading space activates buttons
    this.held.push({ key: k, text: k.targetIsEditable ? (hostChar(k) ?? '') : '' });
    this.meant.push(meant);
    this.lastTime = k.time;
    out.preventDefault = true;
    return out;
  }

  /** Call when `deadline()` has passed: ends the burst (a scan, or typing to release). */
  tick(now: number): WedgeDecision {
    const out: WedgeDecision = { preventDefault: false, scan: null, release: [] };
    if (this.lastTime !== null && now - this.lastTime > this.limit()) this.endBurst(out);
    return out;
  }

  /** When to call tick() next, on the keys' clock; null when nothing is held. */
  deadline(): number | null {
    return this.lastTime === null ? null : this.lastTime + this.limit() + 1;
  }

  /** Drops whatever is held (e.g. the window lost focus). */
  reset(): void {
    this.held = [];
    this.meant = [];
    this.alt = null;
    this.lastTime = null;
  }

  /** The gap that ends the burst: short while it could be typing, wider once it is a scan. */
  private limit(): number {
    const { maxGapMs, idleTimeoutMs, minLength } = this.options;
    return this.meant.length >= minLength ? Math.max(maxGapMs, idleTimeoutMs) : maxGapMs;
  }

  /** The burst stopped: long enough is a scan even if its terminator never came; short is typing. */
  private endBurst(out: WedgeDecision): void {
    this.closeAltSequence();
    if (this.meant.length >= this.options.minLength) out.scan = this.takeScan();
    else this.releaseAll(out);
  }

  private takeScan(): ScanEvent {
    const text = this.meant.join('');
    this.reset();
    return { text, symbology: null, source: { kind: 'wedge', id: this.options.sourceId }, at: this.options.clock() };
  }

  private releaseAll(out: WedgeDecision): void {
    this.closeAltSequence();
    out.release.push(...this.held);
    this.reset();
  }

  private closeAltSequence(): void {
    const seq = this.alt;
    this.alt = null;
    if (!seq) return;
    const ch = altCodeChar(seq.digits);
    if (ch === null) return;
    this.held.push({ key: seq.first, text: seq.first.targetIsEditable ? ch : '' });
    this.meant.push(ch);
  }

  private isTerminator(k: WedgeKey): boolean {
    const t = this.options.terminator;
    switch (t) {
      case 'Enter':
        return k.code === 'Enter' || k.code === 'NumpadEnter' || k.key === 'Enter';
      case 'Tab':
        return k.code === 'Tab' || k.key === 'Tab';
      case 'none':
        return false;
      default: {
        // kernel/errors' missingCase is not for the renderer bundle; same compile-time proof
        const unhandled: never = t;
        return unhandled;
      }
    }
  }

  /** The character the scanner meant, or null for a key that is not one. */
  private meantChar(k: WedgeKey): string | null {
    const m = k.modifiers;
    const layout = this.options.layout;
    if (layout === 'native') {
      const ch = hostChar(k);
      // Caps Lock on the host inverts the case of the letters the scanner shifted (or not).
      if (ch !== null && m.capsLock && /^[a-z]$/i.test(ch)) return ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
      return ch;
    }
    if (m.meta || (m.ctrl && !m.alt)) return null;
    // A scanner emulating an AltGr layout on a host without AltGr arrives as plain Alt.
    const altGr = m.altGraph === true || m.alt;
    return charFor(layout, k.code, m.shift, altGr);
  }
}

/** What the host itself types for this key: one character, unless it is a shortcut. */
function hostChar(k: WedgeKey): string | null {
  const m = k.modifiers;
  if (m.meta) return null;
  const altGr = m.altGraph === true || (m.ctrl && m.alt);
  if ((m.ctrl || m.alt) && !altGr) return null;
  return [...k.key].length === 1 ? k.key : null;
}
