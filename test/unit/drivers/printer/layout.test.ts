import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignLine, columnsFor, layoutPair, ruleLine, wrapText } from '../../../../drivers/printer/layout';

const PARAGRAPH = 'Pagamento eseguito presso lo sportello del Comune di Sant’Agata de’ Goti per conto dell’ente creditore';

test('wrapping breaks between words and never exceeds the line width', () => {
  for (const width of [32, 48, 16]) {
    const lines = wrapText(PARAGRAPH, width);
    for (const line of lines) assert.ok([...line].length <= width, `${JSON.stringify(line)} > ${width}`);
    assert.equal(lines.join(' '), PARAGRAPH, 'no word lost or split');
  }
  assert.deepEqual(wrapText('uno due tre quattro', 9), ['uno due', 'tre', 'quattro']);
});

test('a 58 mm roll (32 columns) needs more lines than an 80 mm roll (48 columns) for the same text', () => {
  const narrow = wrapText(PARAGRAPH, 32);
  const wide = wrapText(PARAGRAPH, 48);
  assert.ok(narrow.length > wide.length);
  assert.equal(narrow[0], 'Pagamento eseguito presso lo');
  assert.equal(wide[0], 'Pagamento eseguito presso lo sportello del');
});

test('a word longer than a line is cut; explicit newlines and blank lines survive', () => {
  assert.deepEqual(wrapText('IUV 01234567890123456789012345', 10), ['IUV', '0123456789', '0123456789', '012345']);
  assert.deepEqual(wrapText('a\n\nb', 10), ['a', '', 'b']);
  assert.deepEqual(wrapText('  rientro', 20), ['  rientro']);
});

test('pairs put the value flush right, or on its own line when both do not fit', () => {
  assert.deepEqual(layoutPair('Importo', '12,50 €', 20), ['Importo      12,50 €']);
  assert.deepEqual(layoutPair('Commissione applicata dal PSP', '1,00 €', 20), ['Commissione', 'applicata dal PSP', '              1,00 €']);
});

test('double width halves the columns; alignment pads with spaces; rules fill the line', () => {
  assert.equal(columnsFor(48, { doubleWidth: true }), 24);
  assert.equal(columnsFor(32, { doubleHeight: true }), 32);
  assert.equal(alignLine('ab', 6, 'center'), '  ab');
  assert.equal(alignLine('ab', 6, 'right'), '    ab');
  assert.equal(ruleLine('=', 5), '=====');
});
