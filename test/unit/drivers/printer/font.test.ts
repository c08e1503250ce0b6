import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fontCharacters, glyph, GLYPH_COLUMNS, GLYPH_ROWS } from '../../../../drivers/printer/font';
import { rasterTextLine } from '../../../../drivers/printer/text-raster';
import { TEST_CHARACTERS } from '../../../../drivers/printer/test-page';

test('the font covers printable ASCII and every character of the test page row', () => {
  const wanted = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)), ...TEST_CHARACTERS.replace(/ /g, '')];
  for (const ch of wanted) assert.ok(glyph(ch), `no glyph for ${ch}`);
  assert.equal(glyph('Ł'), undefined);
});

test('glyphs fit the 5x12 grid, only space is blank, and no two characters share a drawing', () => {
  const seen = new Map<string, string>();
  for (const ch of fontCharacters()) {
    const rows = glyph(ch)!;
    assert.equal(rows.length, GLYPH_ROWS, ch);
    assert.ok(
      rows.every((r) => r >= 0 && r < 1 << GLYPH_COLUMNS),
      ch,
    );
    const key = rows.join(',');
    if (ch !== ' ')
      assert.ok(
        rows.some((r) => r !== 0),
        `${ch} is blank`,
      );
    assert.equal(seen.get(key), undefined, `${ch} looks like ${seen.get(key)}`);
    seen.set(key, ch);
  }
});

test('accents sit above the letter: over a capital in rows 0-1, over a lowercase letter in rows 2-3', () => {
  const plainE = glyph('E')!;
  const graveE = glyph('È')!;
  assert.deepEqual(graveE.slice(3), plainE.slice(3));
  assert.ok(graveE[0]! | graveE[1]!);
  const plainA = glyph('a')!;
  const graveA = glyph('à')!;
  assert.deepEqual(graveA.slice(4), plainA.slice(4));
  assert.ok(graveA[2]! | graveA[3]!);
  assert.equal(graveA[0]! | graveA[1]!, 0);
  assert.notDeepEqual(glyph('é'), glyph('è'));
  assert.deepEqual(glyph('ì')!.slice(4), glyph('ı')!.slice(4), 'ì is drawn on the dotless i');
});

test('a raster text line is as wide as the paper and its characters sit in 12-dot cells', () => {
  const line = rasterTextLine('I', { dotsPerLine: 384, columns: 32, align: 'left' });
  assert.equal(line.width, 384);
  const inked = new Set<number>();
  for (let y = 0; y < line.height; y++) for (let x = 0; x < line.width; x++) if (line.pixels[y * line.width + x]) inked.add(x);
  assert.ok(Math.max(...inked) < 12, 'the glyph stays in its cell');
  const right = rasterTextLine('I', { dotsPerLine: 384, columns: 32, align: 'right' });
  let minX = 384;
  for (let y = 0; y < right.height; y++)
    for (let x = 0; x < right.width; x++) if (right.pixels[y * right.width + x]) minX = Math.min(minX, x);
  assert.ok(minX >= 384 - 12, 'right-aligned into the last cell');
});
