import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  readShape,
  WedgeDetector,
  WEDGE_DEFAULTS,
  type WedgeDecision,
  type WedgeKey,
  type WedgeModifiers,
  type WedgeMisread,
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
  misreads: WedgeMisread[];
  released: string[];
  prevented: number;
  passed: string[];
  /** what the page gets, in order: released characters and keys let through (as «Key» when not one character) */
  typed: string;
}

/** Feeds the keys in order, firing tick() whenever a deadline falls before the next key, then a final tick. */
function run(detector: WedgeDetector, keys: WedgeKey[]): Run {
  const r: Run = { scans: [], misreads: [], released: [], prevented: 0, passed: [], typed: '' };
  const take = (d: WedgeDecision): void => {
    r.released.push(...d.release.map((h) => h.text));
    r.typed += d.release.map((h) => h.text).join('');
    if (d.scan) r.scans.push(d.scan);
    if (d.misread) r.misreads.push(d.misread);
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

/** A small seeded generator, so a "random" key stream is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Keydowns for `text` with the gap before each character given by `gap(i)` (i >= 1), Shift
 *  pressed with the character like a scanner does, then Enter after `gap(text.length)` unless
 *  `enter` is false. Returns the keys and the time of the last one. */
function timed(text: string, start: number, gap: (i: number) => number, enter = true): WedgeKey[] {
  const out: WedgeKey[] = [];
  let t = start;
  [...text].forEach((ch, i) => {
    if (i > 0) t += gap(i);
    const k = usKey(ch);
    if (k.shift) out.push(key('Shift', 'ShiftLeft', t, { shift: true }));
    out.push(key(k.key, k.code, t, { shift: k.shift }));
  });
  if (enter) out.push(key('Enter', 'Enter', t + gap(text.length)));
  return out;
}

const lastTime = (keys: WedgeKey[]): number => keys.at(-1)?.time ?? 0;
const DM =
  'codfase=NBPA;18302000100000009424120000123456781000000123453896' +
  '1P101199250158RSSMRA80A01H501U' +
  'MARIO ROSSI'.padEnd(40) +
  'TARI 2024 RATA UNICA'.padEnd(110) +
  ' '.repeat(12) +
  'A';

describe('keyboard wedge detector on a loaded machine', () => {
  test('a burst split by a 250 ms stall is one scan, wherever the stall falls', () => {
    for (const at of [1, 2, 3, 4, 7, 8, 12, 30, QR.length - 1, QR.length]) {
      const keys = timed(QR, 1000, (i) => (i === at ? 250 : 5));
      const r = run(detector(), keys);
      assert.deepEqual(
        r.scans.map((s) => s.text),
        [QR],
        `stall before key ${at}`,
      );
      assert.deepEqual(r.released, [], `stall before key ${at}: nothing typed into the field`);
      assert.deepEqual(r.misreads, []);
    }
  });

  test('14 scans with stalls of 50-300 ms and keys delivered late in clumps are 14 scans and nothing typed', () => {
    const random = prng(13);
    const d = detector();
    const all: WedgeKey[] = [];
    let t = 0;
    const codes = Array.from({ length: 14 }, (_, n) => (n % 3 === 2 ? DM : QR));
    let stalls = 0;
    for (const code of codes) {
      // 5 ms a key; now and then the event loop stalls 50-300 ms and the keys that piled up
      // come out together, a few hundred microseconds apart.
      let clump = 0;
      const keys = timed(code, t, () => {
        if (clump > 0) {
          clump--;
          return random() * 0.5;
        }
        if (random() < 0.06) {
          stalls++;
          clump = 2 + Math.floor(random() * 8);
          return 50 + random() * 250;
        }
        return 5;
      });
      all.push(...keys);
      t = lastTime(keys) + 1500; // the operator takes the next notice
    }
    assert.ok(stalls >= 14, `the stream has stalls (${stalls})`);
    const r = run(d, all);
    assert.deepEqual(
      r.scans.map((s) => s.text),
      codes,
    );
    assert.deepEqual(r.released, []);
    assert.deepEqual(r.passed, []);
    assert.deepEqual(r.misreads, []);
  });

  test('two stalls among the first keys are still one scan', () => {
    for (const [x, y] of [
      [1, 2],
      [1, 4],
      [2, 3],
      [3, 6],
    ]) {
      const r = run(
        detector(),
        timed(QR, 0, (i) => (i === x || i === y ? 200 : 5)),
      );
      assert.deepEqual(
        r.scans.map((s) => s.text),
        [QR],
        `stalls before keys ${x} and ${y}`,
      );
      assert.deepEqual(r.released, []);
    }
  });

  test('typing at 80 and 120 ms a key is released key by key and is no scan', () => {
    const text = 'Mario Rossi 302000100000009424';
    for (const gap of [80, 120]) {
      const r = run(
        detector(),
        timed(text, 0, () => gap),
      );
      assert.deepEqual(r.scans, [], `${gap} ms`);
      assert.deepEqual(r.misreads, [], `${gap} ms`);
      assert.equal(r.typed, `${text}«Enter»`, `${gap} ms`);
    }
  });

  test('a whole pagoPA code is a scan at any pace; the start of one typed by hand goes to the field', () => {
    // a scanner on a machine so busy that its keys come at a person's pace, or a person typing the
    // QR text whole: either way the notice is added, and nothing shows in the field meanwhile
    const whole = run(
      detector(),
      timed(QR, 0, () => 120),
    );
    assert.deepEqual(
      whole.scans.map((s) => s.text),
      [QR],
    );
    assert.equal(whole.typed, '');
    // a person who types the start of it and stops: their keys land in the field, nothing is lost
    const start = run(
      detector(),
      timed('PAGOPA|002|3020', 0, () => 120),
    );
    assert.deepEqual(start.scans, []);
    assert.deepEqual(start.misreads, []);
    assert.equal(start.typed, 'PAGOPA|002|3020«Enter»');
  });

  test('a quick typist (rollover pairs, jitter, 80 ms a key on average) is never a scan', () => {
    const random = prng(7);
    const text = '30200010000000942401199250158';
    const keys = timed(text, 0, (i) => (i % 2 === 0 ? 25 + random() * 20 : 110 + random() * 60));
    const r = run(detector(), keys);
    assert.deepEqual(r.scans, []);
    assert.deepEqual(r.misreads, []);
    assert.equal(r.typed, `${text}«Enter»`);
  });

  test("a typed key waits at most one gap once the next key shows a person's pace", () => {
    const d = detector();
    // '3' could begin a code (a notice number): after a quiet moment it waits for the second key
    assert.equal(d.feed(key('3', 'Digit3', 10_000)).preventDefault, true);
    assert.equal(d.deadline(), 10_000 + WEDGE_DEFAULTS.idleTimeoutMs + 1);
    d.feed(key('0', 'Digit0', 10_120));
    assert.equal(d.deadline(), 10_120 + WEDGE_DEFAULTS.maxGapMs + 1);
    assert.deepEqual(
      d.tick(10_171).release.map((h) => h.text),
      ['3', '0'],
    );
    // the typist goes on: no more waiting for a second key
    d.feed(key('2', 'Digit2', 10_240));
    assert.equal(d.deadline(), 10_240 + WEDGE_DEFAULTS.maxGapMs + 1);
    // a letter that begins no code never waits
    const e = detector();
    e.feed(key('M', 'KeyM', 0, { shift: true }));
    assert.equal(e.deadline(), WEDGE_DEFAULTS.maxGapMs + 1);
  });

  test('a burst without suffix: a whole code is a scan, a cut or unknown one asks to scan again', () => {
    const whole = run(
      detector(),
      timed(QR, 0, () => 5, false),
    );
    assert.deepEqual(
      whole.scans.map((s) => s.text),
      [QR],
    );
    const cut = run(
      detector(),
      timed(QR.slice(0, 30), 0, () => 5, false),
    );
    assert.deepEqual(cut.scans, []);
    assert.deepEqual(
      cut.misreads.map((m) => [m.reason, m.length, m.messageKey]),
      [['no-terminator', 30, 'scanner:read.again']],
    );
    assert.deepEqual(cut.released, []);
    const ean = run(
      detector(),
      timed('8001234567890', 0, () => 5, false),
    );
    assert.deepEqual(
      ean.misreads.map((m) => m.reason),
      ['no-terminator'],
    );
    // a scanner programmed without a terminator: the silence ends it, and only a cut code fails
    const none = run(
      detector({ terminator: 'none' }),
      timed('8001234567890', 0, () => 5, false),
    );
    assert.deepEqual(
      none.scans.map((s) => s.text),
      ['8001234567890'],
    );
    const noneCut = run(
      detector({ terminator: 'none' }),
      timed(QR.slice(0, 30), 0, () => 5, false),
    );
    assert.deepEqual(
      noneCut.misreads.map((m) => m.reason),
      ['cut'],
    );
  });

  test('a known code cut short and then Enter is a misread: nothing typed, the Enter swallowed', () => {
    const r = run(
      detector(),
      timed(QR.slice(0, 25), 0, () => 5),
    );
    assert.deepEqual(
      r.misreads.map((m) => m.reason),
      ['cut'],
    );
    assert.deepEqual(r.scans, []);
    assert.equal(r.typed, '');
    // a code that is no pagoPA one goes to the screen, which says so
    const other = run(
      detector(),
      timed('8001234567890', 0, () => 5),
    );
    assert.deepEqual(
      other.scans.map((s) => s.text),
      ['8001234567890'],
    );
  });

  test('a few scanner-fast keys of a code, then nothing or Enter, are a misread, not typing', () => {
    for (const enter of [false, true]) {
      const r = run(
        detector(),
        timed('PAGOP', 0, () => 5, enter),
      );
      assert.deepEqual(
        r.misreads.map((m) => m.reason),
        ['too-short'],
        `enter: ${enter}`,
      );
      assert.equal(r.typed, '', `enter: ${enter}`);
    }
    // fast rollover of a few keys stays typing
    assert.equal(
      run(
        detector(),
        timed('302', 0, () => 10),
      ).typed,
      '302«Enter»',
    );
  });

  test('a Data Matrix whose tail is short is read without a terminator only when whole', () => {
    const r = run(
      detector(),
      timed(DM.slice(0, 200), 0, () => 5),
    );
    assert.deepEqual(
      r.scans.map((s) => s.text),
      [DM.slice(0, 200)],
    );
    assert.deepEqual(
      run(
        detector(),
        timed(DM.slice(0, 200), 0, () => 5, false),
      ).misreads.map((m) => m.reason),
      ['no-terminator'],
    );
    assert.deepEqual(
      run(
        detector(),
        timed(DM, 0, () => 5, false),
      ).scans.map((s) => s.text),
      [DM],
    );
  });
});

describe('readShape', () => {
  test('whole, readable, partial and other readings', () => {
    assert.equal(readShape(QR), 'whole');
    assert.equal(readShape(`]Q1${QR}`), 'whole');
    assert.equal(readShape('pagopa|002|302000100000009424|01199250158|1'), 'whole');
    assert.equal(readShape(QR.slice(0, 20)), 'partial');
    assert.equal(readShape('P'), 'partial');
    assert.equal(readShape(']'), 'partial');
    assert.equal(readShape(']Q1PAG'), 'partial');
    assert.equal(readShape(DM), 'whole');
    assert.equal(readShape(DM.slice(0, 77)), 'readable');
    assert.equal(readShape(DM.slice(0, 60)), 'partial');
    assert.equal(readShape('01199250158/302000100000009424'), 'whole');
    assert.equal(readShape('302000100000009424/01199250158'), 'whole');
    assert.equal(readShape('3'), 'partial');
    assert.equal(readShape('01199250158/3020'), 'partial');
    // digits alone: a product code or a bare notice number, for drivers/payload to name
    assert.equal(readShape('3020001'), 'other');
    assert.equal(readShape(`${QR}9999999`), 'other');
    assert.equal(readShape('PAGOPA|003|'), 'other');
    assert.equal(readShape('Mario Rossi'), 'other');
    assert.equal(readShape(''), 'other');
  });
});

describe('keyboard wedge detector, key streams recorded in Chromium with both cores busy', () => {
  // event.timeStamp of each key (ms from the first) of two QR scans Playwright typed at "5 ms a
  // key" with two `yes` hogs running (test/e2e/wedge-counter.test.ts, before this detector): the
  // gaps are 10-100 ms, one 428 ms; in the third (a second e2e file running too) 30-880 ms, a
  // person's pace. The old detector released the first keys into the field.
  const RECORDED: readonly { text: string; stamps: readonly number[] }[] = [
    {
      text: 'PAGOPA|002|301020250000000129|77777777777|12000',
      stamps: [
        0, 54, 96, 124, 223, 302, 394, 413, 434, 463, 476, 506, 556, 586, 643, 669, 743, 772, 826, 870, 948, 1238, 1551, 1578, 1596, 1623,
        1653, 1680, 1691, 1704, 1715, 1727, 1763, 1795, 1819, 1883, 1945, 2026, 2089, 2161, 2179, 2188, 2225, 2266, 2314, 2339, 2358, 2388,
      ],
    },
    {
      text: 'PAGOPA|002|301020250000000331|77777777777|25000',
      stamps: [
        0, 12, 20, 27, 88, 256, 268, 332, 384, 402, 460, 508, 574, 776, 797, 921, 977, 1020, 1040, 1057, 1139, 1165, 1180, 1224, 1240, 1284,
        1332, 1341, 1371, 1448, 1511, 1532, 1636, 1667, 1726, 1753, 1768, 1811, 1852, 1880, 1923, 1995, 2423, 2453, 2480, 2510, 2534, 2621,
      ],
    },
    {
      text: 'PAGOPA|002|301020250000000129|77777777777|12000',
      stamps: [
        0, 83, 963, 1198, 1284, 1436, 1547, 1578, 1680, 1725, 1801, 1854, 1988, 2005, 2030, 2109, 2149, 2185, 2234, 2268, 2290, 2300, 2323,
        2357, 2448, 2493, 2541, 2568, 2614, 2632, 2659, 2689, 2826, 2874, 2901, 3010, 3049, 3114, 3169, 3220, 3278, 3306, 3325, 3346, 3364,
        3411, 3505, 3657,
      ],
    },
  ];

  test('each recorded stream is one scan with nothing typed', () => {
    for (const { text, stamps } of RECORDED) {
      const keys = timed(text, 50_000, (i) => (stamps[i] ?? 0) - (stamps[i - 1] ?? 0));
      const r = run(detector(), keys);
      assert.deepEqual(
        r.scans.map((s) => s.text),
        [text],
      );
      assert.equal(r.typed, '');
      assert.deepEqual(r.misreads, []);
    }
  });
});
