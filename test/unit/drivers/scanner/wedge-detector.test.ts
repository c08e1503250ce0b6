import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  WedgeDetector,
  type WedgeDecision,
  type WedgeKey,
  type WedgeModifiers,
  type WedgeOptions,
} from '../../../../drivers/scanner/wedge-detector';
import type { ScanEvent } from '../../../../drivers/scanner/types';

const QR = 'PAGOPA|002|302000100000009424|01199250158|12345';

const NO_MODS: WedgeModifiers = { shift: false, ctrl: false, alt: false, meta: false };

function key(k: string, code: string, time: number, mods: Partial<WedgeModifiers> = {}, extra: Partial<WedgeKey> = {}): WedgeKey {
  return { key: k, code, time, targetIsEditable: true, modifiers: { ...NO_MODS, ...mods }, ...extra };
}

/** What a US-layout host reports for a character (the same key a US-programmed scanner presses). */
function usKey(ch: string): { key: string; code: string; shift: boolean } {
  if (/[a-z]/.test(ch)) return { key: ch, code: `Key${ch.toUpperCase()}`, shift: false };
  if (/[A-Z]/.test(ch)) return { key: ch, code: `Key${ch}`, shift: true };
  if (/[0-9]/.test(ch)) return { key: ch, code: `Digit${ch}`, shift: false };
  const punct: Record<string, { code: string; shift: boolean }> = {
    '|': { code: 'Backslash', shift: true },
    '=': { code: 'Equal', shift: false },
    ';': { code: 'Semicolon', shift: false },
    ' ': { code: 'Space', shift: false },
  };
  const p = punct[ch];
  if (!p) throw new Error(`test helper has no key for ${ch}`);
  return { key: ch, ...p };
}

/** Keydowns for `text`, `gap` ms apart, with Shift keydowns in between like a scanner sends. */
function burst(
  text: string,
  start: number,
  gap: number,
  host: (ch: string) => { key: string; code: string; shift: boolean } = usKey,
): WedgeKey[] {
  const out: WedgeKey[] = [];
  let t = start;
  for (const ch of text) {
    const k = host(ch);
    if (k.shift) out.push(key('Shift', 'ShiftLeft', t, { shift: true }));
    out.push(key(k.key, k.code, t, { shift: k.shift }));
    t += gap;
  }
  return out;
}

interface Run {
  scans: ScanEvent[];
  released: string[];
  prevented: number;
  passed: string[];
  /** what the page gets, in order: released characters and keys let through (as «Key» when not one character) */
  typed: string;
}

/** Feeds the keys in order, firing tick() whenever a deadline falls before the next key, then a final tick. */
function run(detector: WedgeDetector, keys: WedgeKey[]): Run {
  const r: Run = { scans: [], released: [], prevented: 0, passed: [], typed: '' };
  const take = (d: WedgeDecision): void => {
    r.released.push(...d.release.map((h) => h.text));
    r.typed += d.release.map((h) => h.text).join('');
    if (d.scan) r.scans.push(d.scan);
  };
  for (const k of keys) {
    const due = detector.deadline();
    if (due !== null && due <= k.time) take(detector.tick(due));
    const d = detector.feed(k);
    if (d.preventDefault) r.prevented++;
    take(d);
    if (!d.preventDefault && !['Shift', 'Alt', 'Control'].includes(k.key)) {
      r.passed.push(k.key);
      r.typed += k.key.length === 1 ? k.key : `«${k.key}»`;
    }
  }
  const due = detector.deadline();
  if (due !== null) take(detector.tick(due));
  return r;
}

const detector = (o: Partial<WedgeOptions> = {}): WedgeDetector => new WedgeDetector({ clock: () => 1_700_000_000_000, ...o });

describe('keyboard wedge detector', () => {
  test('a 5 ms-per-key burst with Enter is one scan and nothing reaches the page', () => {
    const keys = [...burst(QR, 1000, 5), key('Enter', 'Enter', 1000 + QR.length * 5)];
    const r = run(detector(), keys);
    assert.equal(r.scans.length, 1);
    assert.deepEqual(r.scans[0], { text: QR, symbology: null, source: { kind: 'wedge', id: 'keyboard' }, at: 1_700_000_000_000 });
    assert.deepEqual(r.released, []);
    assert.deepEqual(r.passed, []);
    assert.equal(r.prevented, QR.length + 1);
  });

  test('120 ms-per-key typing is released key by key, in order, and is no scan', () => {
    const text = 'Mario 302';
    const r = run(detector(), [...burst(text, 1000, 120), key('Enter', 'Enter', 1000 + text.length * 120)]);
    assert.equal(r.scans.length, 0);
    assert.equal(r.typed, `${text}«Enter»`);
    // every character was held and released, except the space: with nothing held it goes straight through
    assert.equal(r.released.join(''), 'Mario302');
    assert.deepEqual(r.passed, [' ', 'Enter']);
  });

  test('each typed key is released after one gap, before the next key arrives', () => {
    const d = detector({ maxGapMs: 30 });
    const first = d.feed(key('a', 'KeyA', 0));
    assert.equal(first.preventDefault, true);
    assert.deepEqual(first.release, []);
    assert.equal(d.deadline(), 31);
    assert.deepEqual(d.tick(30).release, []);
    assert.deepEqual(
      d.tick(31).release.map((h) => h.text),
      ['a'],
    );
    assert.equal(d.deadline(), null);
  });

  test('a burst shorter than minLength is typing even at scanner speed (fast rollover typing)', () => {
    const r = run(detector({ minLength: 8 }), [...burst('ok', 0, 10), key('Enter', 'Enter', 20)]);
    assert.equal(r.scans.length, 0);
    assert.equal(r.released.join(''), 'ok');
    assert.deepEqual(r.passed, ['Enter']);
  });

  test('a gap wider than maxGapMs splits: the short head is typing, the rest is the scan', () => {
    const keys = [...burst('x', 0, 5), ...burst(QR, 200, 5), key('Enter', 'Enter', 200 + QR.length * 5)];
    const r = run(detector(), keys);
    assert.deepEqual(r.released, ['x']);
    assert.equal(r.scans.length, 1);
    assert.equal(r.scans[0]?.text, QR);
  });

  test('terminator Tab ends the scan and is swallowed', () => {
    const r = run(detector({ terminator: 'Tab' }), [...burst(QR, 0, 5), key('Tab', 'Tab', QR.length * 5)]);
    assert.equal(r.scans[0]?.text, QR);
    assert.deepEqual(r.passed, []);
  });

  test('another non-character key right after a scan ends it but is not swallowed', () => {
    const r = run(detector({ terminator: 'Enter' }), [...burst(QR, 0, 5), key('Tab', 'Tab', QR.length * 5)]);
    assert.equal(r.scans[0]?.text, QR);
    assert.deepEqual(r.passed, ['Tab']);
    const none = run(detector({ terminator: 'none' }), [...burst(QR, 0, 5), key('Enter', 'Enter', QR.length * 5)]);
    assert.equal(none.scans[0]?.text, QR);
    assert.deepEqual(none.passed, ['Enter']);
  });

  test('a scan-length burst tolerates a late key (jitter) up to idleTimeoutMs; a shorter one does not', () => {
    const late = (at: number): WedgeKey[] => [...burst(QR.slice(0, at), 0, 5), ...burst(QR.slice(at), at * 5 + 80, 5)];
    const end = (keys: WedgeKey[]): WedgeKey[] => [...keys, key('Enter', 'Enter', (keys.at(-1)?.time ?? 0) + 5)];
    const opts = { maxGapMs: 50, idleTimeoutMs: 100, minLength: 8 };
    assert.deepEqual(
      run(detector(opts), end(late(12))).scans.map((s) => s.text),
      [QR],
    );
    const early = run(detector(opts), end(late(5)));
    assert.deepEqual(early.released, [...QR.slice(0, 5)]);
    assert.deepEqual(
      early.scans.map((s) => s.text),
      [QR.slice(5)],
    );
  });

  test("terminator 'none': the idle timeout ends the scan", () => {
    const d = detector({ terminator: 'none', idleTimeoutMs: 80 });
    for (const k of burst(QR, 0, 5)) assert.equal(d.feed(k).preventDefault, k.key !== 'Shift');
    const last = (QR.length - 1) * 5;
    assert.equal(d.deadline(), last + 81);
    assert.equal(d.tick(last + 80).scan, null);
    assert.equal(d.tick(last + 81).scan?.text, QR);
  });

  test('a scan-length burst whose terminator never comes is still a scan', () => {
    const r = run(detector({ terminator: 'Enter' }), burst(QR, 0, 5));
    assert.equal(r.scans.length, 1);
    assert.equal(r.scans[0]?.text, QR);
    assert.deepEqual(r.released, []);
  });

  test('US-programmed scanner on an Italian PC: the host says § for Shift+Backslash, layout "us" reads |', () => {
    // What an Italian host reports for the keys a US-programmed scanner presses.
    const itHost = (ch: string): { key: string; code: string; shift: boolean } => {
      const k = usKey(ch);
      return k.code === 'Backslash' ? { ...k, key: '§' } : k;
    };
    const keys = [...burst(QR, 0, 5, itHost), key('Enter', 'Enter', QR.length * 5)];
    assert.equal(run(detector({ layout: 'native' }), keys).scans[0]?.text, QR.replaceAll('|', '§'));
    assert.equal(run(detector({ layout: 'us' }), keys).scans[0]?.text, QR);
  });

  test('Italian-programmed scanner on a US PC: Shift+Backquote is ~ to the host, | to layout "it"', () => {
    const usHost = (ch: string): { key: string; code: string; shift: boolean } => {
      if (ch === '|') return { key: '~', code: 'Backquote', shift: true };
      return usKey(ch);
    };
    const keys = [...burst(QR, 0, 5, usHost), key('Enter', 'Enter', QR.length * 5)];
    assert.equal(run(detector({ layout: 'it' }), keys).scans[0]?.text, QR);
  });

  test('with a layout set, AltGr sent as plain Alt by the scanner still reads the AltGr character', () => {
    const period = (ch: string): { key: string; code: string; shift: boolean } =>
      ch === '.' ? { key: '.', code: 'Period', shift: false } : usKey(ch);
    const all = [
      ...burst('mail', 0, 5),
      key('ò', 'Semicolon', 20, { alt: true }),
      ...burst('comune.it', 25, 5, period),
      key('Enter', 'Enter', 70),
    ];
    assert.equal(run(detector({ layout: 'it' }), all).scans[0]?.text, 'mail@comune.it');
  });

  test('keys typed where nothing is editable are released without text (replayed for shortcuts only)', () => {
    const d = detector();
    d.feed(key('h', 'KeyH', 0, {}, { targetIsEditable: false }));
    const out = d.tick(1000);
    assert.equal(out.release.length, 1);
    assert.equal(out.release[0]?.key.key, 'h');
    assert.equal(out.release[0]?.text, '');
  });

  test('released keys carry the host character, not the scanner layout one', () => {
    const r = run(detector({ layout: 'us' }), [key('ù', 'Backslash', 0)]);
    assert.deepEqual(r.released, ['ù']);
  });

  test('native layout: Caps Lock on the host is undone for the scan', () => {
    const caps = (ch: string): { key: string; code: string; shift: boolean } => {
      const k = usKey(ch);
      return /[a-z]/i.test(ch) ? { ...k, key: ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase() } : k;
    };
    const keys = burst(QR, 0, 5, caps).map((k) => ({ ...k, modifiers: { ...k.modifiers, capsLock: true } }));
    assert.equal(run(detector(), [...keys, key('Enter', 'Enter', QR.length * 5)]).scans[0]?.text, QR);
  });

  test('Alt+numpad sequences (Alt+124 = |) become one character each', () => {
    const keys: WedgeKey[] = [];
    let t = 0;
    for (const ch of QR) {
      if (ch !== '|') {
        keys.push(...burst(ch, t, 5));
        t += 5;
        continue;
      }
      keys.push(key('Alt', 'AltLeft', t, { alt: true }));
      for (const d of '124') {
        keys.push(key(d, `Numpad${d}`, t, { alt: true }));
        t += 5;
      }
    }
    keys.push(key('Enter', 'Enter', t));
    const r = run(detector(), keys);
    assert.equal(r.scans[0]?.text, QR);
    assert.deepEqual(r.passed, []);
  });

  test('Alt+0128 with a leading zero is the ANSI code page: €', () => {
    const keys = [
      ...burst('EUR', 0, 5),
      key('Alt', 'AltLeft', 15, { alt: true }),
      ...['0', '1', '2', '8'].map((d, i) => key(d, `Numpad${d}`, 15 + i * 5, { alt: true })),
    ];
    keys.push(...burst('12345', 35, 5), key('Enter', 'Enter', 60));
    assert.equal(run(detector(), keys).scans[0]?.text, 'EUR€12345');
  });

  test('non-character keys release what is held first and pass, so Backspace lands after the letter', () => {
    const d = detector();
    assert.equal(d.feed(key('a', 'KeyA', 0)).preventDefault, true);
    const bs = d.feed(key('Backspace', 'Backspace', 10));
    assert.equal(bs.preventDefault, false);
    assert.deepEqual(
      bs.release.map((h) => h.text),
      ['a'],
    );
  });

  test('shortcuts are not characters: Ctrl+C passes and releases', () => {
    const d = detector();
    d.feed(key('x', 'KeyX', 0));
    const c = d.feed(key('c', 'KeyC', 5, { ctrl: true }));
    assert.equal(c.preventDefault, false);
    assert.deepEqual(
      c.release.map((h) => h.text),
      ['x'],
    );
  });

  test('a key held down (auto-repeat) is typing', () => {
    const d = detector();
    const keys = [key('a', 'KeyA', 0), ...Array.from({ length: 10 }, (_, i) => key('a', 'KeyA', 500 + i * 25, {}, { repeat: true }))];
    const r = run(d, keys);
    assert.equal(r.scans.length, 0);
    assert.deepEqual(r.released, ['a']);
    assert.equal(r.passed.length, 10);
  });

  test('a leading space passes untouched (it activates the focused button)', () => {
    const d = detector();
    const s = d.feed(key(' ', 'Space', 0));
    assert.equal(s.preventDefault, false);
    assert.equal(d.deadline(), null);
  });

  test('spaces inside a scan are kept (Data Matrix fields are space padded)', () => {
    const text = 'codfase=NBPA;18 302 A';
    const r = run(detector(), [...burst(text, 0, 5), key('Enter', 'Enter', text.length * 5)]);
    assert.equal(r.scans[0]?.text, text);
  });

  test('a custom source id and minLength', () => {
    const r = run(detector({ sourceId: 'counter-1', minLength: 4 }), [...burst('ABCD', 0, 5), key('Enter', 'Enter', 20)]);
    assert.deepEqual(r.scans[0]?.source, { kind: 'wedge', id: 'counter-1' });
  });

  test('reset() drops what is held', () => {
    const d = detector();
    d.feed(key('a', 'KeyA', 0));
    d.reset();
    assert.equal(d.deadline(), null);
    assert.deepEqual(d.tick(1000).release, []);
  });
});
