/**
 * Keyboard-wedge detector: tells a scanner's keystroke burst from a person typing, by timing
 * (and, where timing alone is ambiguous, by the shape of the pagoPA codes), so scans are caught
 * wherever the focus is and never typed into a field.
 *
 * Pure (no DOM, no timers, no node): the caller feeds keydown-like events and asks `tick(now)`
 * when `deadline()` passes; wedge-dom.ts does that in the renderer. Every decision says whether
 * to preventDefault the event just fed, and may carry a scan, a failed read, or keys to release.
 *
 * How typing is kept out of scans without losing keys: every printable key is *held* (its default
 * prevented) from the first one, so no key of a scan ever reaches a field. Keys go on being held
 * while the burst looks like a scanner's, through gaps up to `idleTimeoutMs`:
 * - *scanner-paced*: two gaps in three at most `maxGapMs`. A loaded machine delivers the keys of
 *   one scan late and in clumps (event-loop stalls of 50-300 ms, more with both cores busy); a
 *   stall is an exception among dozens of fast gaps. Timestamps are the keys' own (event.timeStamp).
 * - *code-like*: what is held spells the start of a pagoPA code (`P` of `PAGOPA|002|`, `c` of
 *   `codfase=NBPA;`, an AIM `]`, a first digit of `fiscalCode/noticeNumber`: `readShape`). On a
 *   very busy machine a scanner's keys come at 20-150 ms, a person's pace, and only what they
 *   spell tells them apart; nobody types `PAGOPA|002|` at the counter.
 * Otherwise the burst ends `maxGapMs` after its last key and the held keys are *released* (the
 * caller replays them into their field): typing is delayed by ~50 ms, a first digit until the
 * second key. A person at 80+ ms a key (median gap at least `typingGapMs`) is never a scanner by
 * pace.
 *
 * How a burst ends: by the terminator key (swallowed), another non-character key (passes), or
 * `idleTimeoutMs` of silence. A whole pagoPA code is a scan at any pace (typed by hand it would
 * have gone the same way). Otherwise, a person's pace is typing; a burst of `minLength`
 * characters, scanner-paced or code-like, is a scan, unless it is evidently cut (a known code
 * stopping short, no terminator from a scanner programmed with one, or a few scanner-fast keys of
 * a code and then nothing): then it is a *misread*: nothing reaches the page and the app says
 * "scan again" rather than refusing half a code as not a pagoPA code. Non-printable keys (arrows,
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
import type { KeyboardLayout, ScanEvent, ScanSource, Terminator } from './types';

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

/** Why a burst was taken for a scanner's read that did not come through whole. */
export type MisreadReason =
  /** a known code that stops short (the terminator came, the code did not end) */
  | 'cut'
  /** the scanner is programmed to end every read with the terminator, and it never came */
  | 'no-terminator'
  /** a few scanner-fast keys of a known code, then nothing */
  | 'too-short';

/** A read that failed: the screen asks to scan again. Carries no text (a Data Matrix holds the
 *  debtor's name and fiscal code). */
export interface WedgeMisread {
  reason: MisreadReason;
  /** characters read */
  length: number;
  source: ScanSource;
  /** wall clock, like ScanEvent.at */
  at: number;
  /** i18next key of the "scan again" text, in locales/<lang>/scanner.json */
  messageKey: typeof MISREAD_MESSAGE_KEY;
}

export const MISREAD_MESSAGE_KEY = 'scanner:read.again';

export interface WedgeDecision {
  /** for the event just fed: stop its default action (it is held, or part of a scan) */
  preventDefault: boolean;
  scan: ScanEvent | null;
  /** a burst that was a scanner's and failed: nothing of it reaches the page */
  misread: WedgeMisread | null;
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
  /** once a burst is a scanner's: the longest gap it tolerates (a loaded machine stalls the
   *  keys 50-300 ms now and then, 400+ seen with both cores busy), and the silence that ends it
   *  when no terminator comes (at least maxGapMs) */
  idleTimeoutMs: number;
  /** a person's pace: a burst whose median gap is at least this (over a few keys) is typing,
   *  whatever it spells */
  typingGapMs: number;
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
  idleTimeoutMs: 1000,
  typingGapMs: 80,
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
  /** the gaps between the burst's keys, sorted (for their median) */
  private gaps: number[] = [];
  private lastTime: number | null = null;
  /** the last key that was no modifier, of any burst */
  private lastKeyAt: number | null = null;
  /** the burst began after QUIET_MS without keys (a first digit may then begin a code) */
  private afterQuiet = false;
  private alt: AltSequence | null = null;

  constructor(options: Partial<WedgeOptions> = {}) {
    this.options = { ...WEDGE_DEFAULTS, ...options };
  }

  feed(k: WedgeKey): WedgeDecision {
    const out: WedgeDecision = { preventDefault: false, scan: null, misread: null, release: [] };
    if (this.lastTime !== null && k.time - this.lastTime > this.limit()) this.endBurst(out);

    if (MODIFIER_KEYS.has(k.key)) {
      // A scanner presses Shift/Alt between characters: that neither breaks nor extends a burst.
      // A new Alt press closes the previous Alt+numpad character.
      if (k.key === 'Alt') this.closeAltSequence();
      return out;
    }
    const quiet = this.lastKeyAt === null || k.time - this.lastKeyAt > QUIET_MS;
    this.lastKeyAt = k.time;
    if (this.lastTime === null) this.afterQuiet = quiet;
    if (k.repeat) {
      this.releaseAll(out);
      return out;
    }

    const digit = this.options.altNumpad && k.modifiers.alt && !k.modifiers.ctrl ? numpadDigit(k.code) : null;
    if (digit !== null) {
      if (!this.alt) this.alt = { digits: '', first: k };
      this.alt.digits += String(digit);
      this.hold(k);
      out.preventDefault = true;
      return out;
    }
    this.closeAltSequence();

    const meant = this.meantChar(k);
    if (meant === null) {
      // A key that types nothing (Enter, Tab, arrows, shortcuts). Right after a scan-length burst
      // it ends the scan, and is swallowed if it is the terminator the scanner is programmed to
      // send. Otherwise it is the person's, and passes after whatever is held, keeping key order.
      if (this.conclude(out, 'key') !== 'release') out.preventDefault = this.isTerminator(k);
      return out;
    }
    if (this.held.length === 0 && meant === ' ') return out; // a leading space activates buttons
    this.hold(k);
    this.held.push({ key: k, text: k.targetIsEditable ? (hostChar(k) ?? '') : '' });
    this.meant.push(meant);
    out.preventDefault = true;
    return out;
  }

  /** Call when `deadline()` has passed: ends the burst (a scan, a misread, or typing to release). */
  tick(now: number): WedgeDecision {
    const out: WedgeDecision = { preventDefault: false, scan: null, misread: null, release: [] };
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
    this.gaps = [];
    this.afterQuiet = false;
  }

  /** Counts the gap to the key now held. */
  private hold(k: WedgeKey): void {
    if (this.lastTime !== null) insertSorted(this.gaps, k.time - this.lastTime);
    this.lastTime = k.time;
  }

  /** The gap that a share `q` of the burst's gaps do not exceed: stalls here and there do not
   *  move it. */
  private gapQuantile(q: number): number | null {
    const g = this.gaps;
    return g.length === 0 ? null : (g[Math.max(0, Math.ceil(q * g.length) - 1)] ?? null);
  }

  /** Scanner-fast: two gaps in three at most maxGapMs (a typist's rollover pairs, one fast gap
   *  then one slow, are not). */
  private paced(): boolean {
    const g = this.gapQuantile(2 / 3);
    return g !== null && g <= this.options.maxGapMs;
  }

  /** At a person's pace, with a few gaps to tell: the median gap at least typingGapMs. */
  private typed(): boolean {
    const m = this.gapQuantile(1 / 2);
    return this.gaps.length >= MIN_GAPS_TO_TELL && m !== null && m >= this.options.typingGapMs;
  }

  /** What is held so far spells the beginning of a pagoPA code (or all of one). */
  private codeLike(): boolean {
    // a digit in the middle of typed digits begins nothing: let it through at a typist's pace
    if (this.meant.length === 1 && /\d/.test(this.meant[0] ?? '') && !this.afterQuiet) return false;
    return readShape(this.meant.join('')) !== 'other';
  }

  /** The gap that ends the burst: short while it could be typing, wide once it is a scanner's. */
  private limit(): number {
    const { maxGapMs, idleTimeoutMs } = this.options;
    const wide = Math.max(maxGapMs, idleTimeoutMs);
    // A scanner on a loaded machine may deliver the keys of a code at 20-150 ms: what it spells
    // keeps it together (nobody types `PAGOPA|002|` at the counter), as does a scanner's pace.
    if (this.paced() || this.codeLike()) return wide;
    if (this.meant.length >= this.options.minLength && !this.typed()) return wide;
    return maxGapMs;
  }

  /** The burst stopped: by silence, or by a key that types nothing. */
  private endBurst(out: WedgeDecision): void {
    this.conclude(out, 'silence');
  }

  /**
   * What the burst was. A whole pagoPA code is a scan whatever its pace (typed by hand, it would
   * have gone the same way). Otherwise a person's pace is typing, released to its field. A long
   * scanner-fast burst, or one that spelled the start of a code, is a scan or a misread (finish);
   * a few scanner-fast keys of a code are a read cut short; anything else is typing.
   */
  private conclude(out: WedgeDecision, end: 'key' | 'silence'): 'scan' | 'misread' | 'release' {
    this.closeAltSequence();
    const shape = readShape(this.meant.join(''));
    const code = shape !== 'other';
    const long = this.meant.length >= this.options.minLength;
    if (long && code && (shape === 'whole' || (shape === 'readable' && end === 'key'))) {
      out.scan = this.takeScan();
      return 'scan';
    }
    if (!this.typed() && long && (this.paced() || code)) return this.finish(out, end, shape);
    if (!this.typed() && this.looksCutShort(shape)) {
      out.misread = this.takeMisread('too-short');
      return 'misread';
    }
    this.releaseAll(out);
    return 'release';
  }

  /** A scan-length burst ended: by a key (the terminator or another), or by silence. */
  private finish(out: WedgeDecision, end: 'key' | 'silence', shape: ReadShape): 'scan' | 'misread' {
    if (end === 'silence' && this.options.terminator !== 'none' && shape !== 'whole') out.misread = this.takeMisread('no-terminator');
    else if (shape === 'partial') out.misread = this.takeMisread('cut');
    else out.scan = this.takeScan();
    return out.scan ? 'scan' : 'misread';
  }

  /** No person types MIN_CUT keys of a pagoPA code each within maxGapMs of the last. */
  private looksCutShort(shape: ReadShape): boolean {
    return this.meant.length >= MIN_CUT && this.paced() && shape === 'partial';
  }

  private takeScan(): ScanEvent {
    const text = this.meant.join('');
    this.reset();
    return { text, symbology: null, source: this.source(), at: this.options.clock() };
  }

  private takeMisread(reason: MisreadReason): WedgeMisread {
    const length = this.meant.length;
    this.reset();
    return { reason, length, source: this.source(), at: this.options.clock(), messageKey: MISREAD_MESSAGE_KEY };
  }

  private source(): ScanSource {
    return { kind: 'wedge', id: this.options.sourceId };
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

/** No key for this long before a burst: a first digit may begin a code, not continue a number. */
const QUIET_MS = 300;

/** Gaps needed before a burst's median may say it is a person typing. */
const MIN_GAPS_TO_TELL = 3;

function insertSorted(sorted: number[], value: number): void {
  let i = sorted.length;
  while (i > 0 && (sorted[i - 1] ?? 0) > value) i--;
  sorted.splice(i, 0, value);
}

/** Fewer scanner-fast keys than this, then nothing, is typing (fast rollover), not a cut read. */
const MIN_CUT = 4;

/**
 * How a reading relates to the codes a pagoPA notice carries (drivers/payload parses them; this
 * only knows their outline, enough to tell a read that stopped short):
 * - 'whole': a complete code;
 * - 'readable': the part that identifies the debt is all there, an optional tail is short
 *   (a Poste Data Matrix under 255 characters: some printers emit less, the parser accepts it);
 * - 'partial': the beginning of a known code that stops before it is usable (digits alone only
 *   as a single first key: more of them may as well be a product code or a bare notice number);
 * - 'other': none of them (a product barcode, a link, typing): for the screen to judge.
 * An AIM symbology prefix (`]Q1`) is allowed in front.
 */
export type ReadShape = 'whole' | 'readable' | 'partial' | 'other';

/** One run of characters of a class, min..max long. */
interface Run {
  cls: RegExp;
  min: number;
  max: number;
}

const digits = (n: number, min = n): Run => ({ cls: /\d/, min, max: n });
const literal = (s: string): Run[] =>
  [...s].map((ch) => ({ cls: new RegExp(ch.replace(/[|.*+?^${}()[\]\\]/g, '\\$&'), 'i'), min: 1, max: 1 }));

interface CodeOutline {
  runs: Run[];
  /** length (after any AIM prefix) from which the code is whole rather than readable */
  wholeAt?: number;
}

const OUTLINES: readonly CodeOutline[] = [
  // pagoPA QR: PAGOPA|002|<notice 18>|<creditor 11>|<amount in cents, 1-11 digits>
  { runs: [...literal('PAGOPA|002|'), digits(18), ...literal('|'), digits(11), ...literal('|'), digits(11, 1)] },
  // Poste Data Matrix: the codeline up to offset 77, then the debtor's tail (255-256 in all)
  {
    runs: [
      ...literal('codfase=NBPA;18'),
      digits(18),
      ...literal('12'),
      digits(12),
      ...literal('10'),
      digits(10),
      ...literal('38961P1'),
      digits(11),
      { cls: /[^\r\n\t]/, min: 0, max: 179 },
    ],
    wholeAt: 255,
  },
  // fiscalCode/noticeNumber, either order
  { runs: [digits(11), ...literal('/'), digits(18)] },
  { runs: [digits(18), ...literal('/'), digits(11)] },
];

const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

export function readShape(read: string): ReadShape {
  if (read === ']' || /^\][A-Za-z]$/.test(read)) return 'partial';
  const text = read.replace(AIM_PREFIX, '');
  // Digits alone may begin a fiscalCode/noticeNumber pair, but a run of them is as likely a
  // product barcode or a bare notice number, which drivers/payload names better than "scan again".
  if (/^\d{2,}$/.test(text)) return 'other';
  let best: ReadShape = 'other';
  for (const outline of OUTLINES) {
    const shape = match(text, outline);
    if (shape === 'whole') return shape;
    if (shape === 'readable' || (shape === 'partial' && best === 'other')) best = shape;
  }
  return best;
}

/** Walks the runs greedily (neighbouring runs never share a character class). */
function match(text: string, outline: CodeOutline): ReadShape {
  const chars = [...text];
  if (chars.length === 0) return 'other';
  let i = 0;
  for (const [r, run] of outline.runs.entries()) {
    let n = 0;
    while (n < run.max && i < chars.length && run.cls.test(chars[i] ?? '')) {
      n++;
      i++;
    }
    if (i === chars.length) {
      const rest = outline.runs.slice(r + 1);
      if (n < run.min || rest.some((x) => x.min > 0)) return 'partial';
      return outline.wholeAt !== undefined && chars.length < outline.wholeAt ? 'readable' : 'whole';
    }
    if (n < run.min) return 'other';
  }
  return 'other'; // characters left over after the code
}
