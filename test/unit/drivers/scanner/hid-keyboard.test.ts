// Keyboard-mode scanners read through hidraw, tested by replaying boot-keyboard report streams:
// no HID device can exist on this machine, so test/fixtures/hid holds streams constructed from
// the HID boot keyboard report format and Keyboard page usage ids (see each fixture's "follows").
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BootKeyboardDecoder, MOD_LALT, MOD_LSHIFT, MOD_RALT } from '../../../../drivers/scanner/hid-keyboard';
import { loadHidFixture } from './fixtures';

function replay(decoder: BootKeyboardDecoder, reports: Uint8Array[]): string[] {
  return reports.flatMap((r) => decoder.push(r));
}

const rep = (mods: number, ...keys: number[]): Uint8Array => Uint8Array.from([mods, 0, ...[...keys, 0, 0, 0, 0, 0, 0].slice(0, 6)]);

describe('boot keyboard decoding (replayed fixtures)', () => {
  test('US-programmed scanner, US layout: the QR and the Data Matrix, shift and rollover included', () => {
    const f = loadHidFixture('hid-keyboard-us.json');
    assert.deepEqual(
      replay(new BootKeyboardDecoder({ layout: 'us' }), f.bytes),
      f.expected.map((e) => e.text),
    );
  });

  test('Italian-programmed scanner, Italian layout', () => {
    const f = loadHidFixture('hid-keyboard-it.json');
    assert.deepEqual(
      replay(new BootKeyboardDecoder({ layout: 'it' }), f.bytes),
      f.expected.map((e) => e.text),
    );
  });

  test('the Italian stream read with the US layout is wrong where the layouts differ (why the layout is configurable)', () => {
    const f = loadHidFixture('hid-keyboard-it.json');
    const [qr] = replay(new BootKeyboardDecoder({ layout: 'us' }), f.bytes);
    assert.equal(qr, (f.expected[0]?.text ?? '').replaceAll('|', '~'));
  });

  test('AltGr (Right Alt) characters on the Italian layout', () => {
    const f = loadHidFixture('hid-keyboard-it-altgr.json');
    assert.deepEqual(replay(new BootKeyboardDecoder({ layout: 'it' }), f.bytes), ['ab@c1']);
  });
});

describe('boot keyboard decoding (edge cases)', () => {
  test('a key held over several reports types once; pressed again after a release it types again', () => {
    const d = new BootKeyboardDecoder();
    const out = replay(d, [rep(0, 0x27), rep(0, 0x27), rep(0, 0x27), rep(0), rep(0, 0x27), rep(0), rep(0, 0x28)]);
    assert.deepEqual(out, ['00']);
  });

  test('two new keys in one report type in report order', () => {
    const out = replay(new BootKeyboardDecoder(), [rep(0, 0x1e, 0x1f), rep(0), rep(0, 0x28)]);
    assert.deepEqual(out, ['12']);
  });

  test('shift applies to the keys pressed in the report that carries it', () => {
    const out = replay(new BootKeyboardDecoder(), [rep(MOD_LSHIFT, 0x04), rep(MOD_LSHIFT, 0x04, 0x05), rep(0, 0x06), rep(0), rep(0, 0x28)]);
    assert.deepEqual(out, ['ABc']);
  });

  test('ErrorRollOver reports are ignored and do not count as a release', () => {
    const out = replay(new BootKeyboardDecoder(), [rep(0, 0x04), rep(0, 1, 1, 1, 1, 1, 1), rep(0, 0x04), rep(0), rep(0, 0x28)]);
    assert.deepEqual(out, ['a']);
  });

  test('numbered reports: the id byte is skipped, other ids are ignored', () => {
    const d = new BootKeyboardDecoder({ reportId: 1 });
    const withId = (id: number, r: Uint8Array): Uint8Array => Uint8Array.from([id, ...r]);
    const out = replay(d, [withId(1, rep(0, 0x05)), withId(1, rep(0)), withId(2, rep(0, 0x06)), withId(1, rep(0, 0x28))]);
    assert.deepEqual(out, ['b']);
  });

  test("terminator 'none': text waits for flush()", () => {
    const d = new BootKeyboardDecoder({ terminator: 'none' });
    assert.deepEqual(replay(d, [rep(0, 0x04), rep(0), rep(0, 0x28), rep(0), rep(0, 0x05), rep(0)]), []);
    assert.equal(d.pending, true);
    assert.equal(d.flush(), 'ab');
    assert.equal(d.flush(), null);
  });

  test('terminator Tab; an Enter alone yields no empty scan', () => {
    const d = new BootKeyboardDecoder({ terminator: 'Tab' });
    assert.deepEqual(replay(d, [rep(0, 0x2b), rep(0), rep(0, 0x04), rep(0), rep(0, 0x2b)]), ['a']);
  });

  test('Alt + keypad digits (Alt+124) is one character, closed when Alt is released', () => {
    const d = new BootKeyboardDecoder();
    const out = replay(d, [
      rep(0, 0x04),
      rep(0),
      rep(MOD_LALT),
      rep(MOD_LALT, 0x59),
      rep(MOD_LALT),
      rep(MOD_LALT, 0x5a),
      rep(MOD_LALT),
      rep(MOD_LALT, 0x5c),
      rep(MOD_LALT),
      rep(0),
      rep(0, 0x05),
      rep(0),
      rep(0, 0x28),
    ]);
    assert.deepEqual(out, ['a|b']);
  });

  test('Left Alt + letter and Ctrl + letter are shortcuts, not characters; Right Alt on US types nothing extra', () => {
    const out = replay(new BootKeyboardDecoder({ layout: 'us' }), [
      rep(MOD_LALT, 0x04),
      rep(0),
      rep(0x01, 0x05),
      rep(0),
      rep(MOD_RALT, 0x33),
      rep(0),
      rep(0, 0x06),
      rep(0),
      rep(0, 0x28),
    ]);
    assert.deepEqual(out, ['c']);
  });

  test('short reports are ignored', () => {
    assert.deepEqual(new BootKeyboardDecoder().push(Uint8Array.from([0])), []);
  });
});
