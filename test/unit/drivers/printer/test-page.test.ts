import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printerText } from '../../../../drivers/printer/messages';
import { makeProfile, PROFILE_58MM, PROFILE_80MM } from '../../../../drivers/printer/profile';
import { renderEscPos } from '../../../../drivers/printer/render-escpos';
import { printTestPage, TEST_CHARACTER_ROWS, TEST_NOTICE_CODE, TEST_QR_DATA } from '../../../../drivers/printer/test-page';
import { interpret } from '../../../support/escpos-interpreter';

test('the test page names the printer, shows the code page row, a ruler, and one of each symbol, then cuts', () => {
  for (const profile of [PROFILE_58MM, PROFILE_80MM]) {
    const { ops, lines } = interpret(renderEscPos(printTestPage(profile), profile));
    assert.ok(
      lines.some((l) => l.startsWith('Stampante') && l.endsWith(profile.name)),
      'printer name',
    );
    assert.ok(
      lines.some((l) => l.endsWith('19 (CP858)')),
      'ESC t number',
    );
    for (const row of TEST_CHARACTER_ROWS) assert.ok(lines.includes(row), `code page row decodes: ${lines.join('\n')}`);
    assert.ok(
      lines.some((l) => l === '1234567890'.repeat(10).slice(0, profile.columns)),
      'ruler as wide as the line',
    );
    assert.ok(
      ops.some((o) => o.op === 'qr-print' && o.data === TEST_QR_DATA),
      'QR',
    );
    assert.ok(
      ops.some((o) => o.op === 'barcode' && o.data === TEST_NOTICE_CODE),
      'Code 128',
    );
    assert.ok(
      ops.some((o) => o.op === 'raster'),
      'Data Matrix raster',
    );
    assert.equal(ops.filter((o) => o.op !== 'lf' && o.op !== 'feed-lines').at(-1)?.op, 'cut');
  }
});

test('the test page speaks the requested language', () => {
  const { lines } = interpret(renderEscPos(printTestPage(PROFILE_80MM, printerText('de')), PROFILE_80MM));
  assert.equal(lines[0], 'TESTSEITE');
  assert.ok(lines.includes('Ende der Testseite'));
});

test('on a raster-text printer the test page is images, still with the symbols', () => {
  const profile = makeProfile('58mm', { textMode: 'raster' });
  const { ops } = interpret(renderEscPos(printTestPage(profile), profile));
  assert.equal(ops.filter((o) => o.op === 'text').length, 0);
  assert.ok(ops.filter((o) => o.op === 'raster').length > 20);
  assert.ok(ops.some((o) => o.op === 'qr-print'));
});
