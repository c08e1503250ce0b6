import { test } from 'node:test';
import assert from 'node:assert/strict';
import bwipjs from 'bwip-js/node';
import { code128, cut, datamatrix, doc, drawer, feed, pair, qr, rule, text } from '../../../../drivers/printer/document';
import { PrintDocumentInvalid } from '../../../../drivers/printer/errors';
import { makeProfile, PROFILE_58MM, PROFILE_80MM } from '../../../../drivers/printer/profile';
import { renderEscPos } from '../../../../drivers/printer/render-escpos';
import { interpret, stackRasters, type EscPosOp } from '../../../support/escpos-interpreter';

type Op<K extends EscPosOp['op']> = Extract<EscPosOp, { op: K }>;
const only = <K extends EscPosOp['op']>(ops: EscPosOp[], kind: K): Op<K>[] => ops.filter((o): o is Op<K> => o.op === kind);

const RECEIPT = doc(
  text('Attestazione di pagamento', { align: 'center', style: { bold: true } }),
  pair('Ente', 'Comune di Forlì'),
  pair('Importo', '1.250,00 €'),
  text('Causale: TARI – città di Canicattì, €/m² ±0,5 °C, Grüße aus München, Wałbrzych'),
  qr('PAGOPA|002|301000000000000001|01234567890|125000'),
  cut(),
);

test('a receipt starts with ESC @ and ESC t 19, and its text reads back with € and accents through CP858', () => {
  const { ops, lines } = interpret(renderEscPos(RECEIPT, PROFILE_80MM));
  assert.deepEqual(ops.slice(0, 2), [{ op: 'init' }, { op: 'codepage', n: 19 }]);
  assert.equal(lines[0], 'Attestazione di pagamento');
  assert.equal(lines[1], `Ente${' '.repeat(48 - 4 - 15)}Comune di Forlì`);
  assert.match(lines[2]!, /^Importo +1\.250,00 €$/);
  // the line after the text is the line feed that follows the QR symbol
  assert.equal(lines.slice(3, -1).join(' '), 'Causale: TARI - città di Canicattì, €/m² ±0,5 °C, Grüße aus München, Wa?brzych');
});

test('styles are switched on for their block and back off after it; alignment returns to left', () => {
  const { ops, printed } = interpret(
    renderEscPos(
      doc(text('Titolo', { align: 'center', style: { bold: true, doubleHeight: true, underline: true } }), text('corpo')),
      PROFILE_58MM,
    ),
  );
  const title = printed[0]!;
  assert.deepEqual({ ...title }, { text: 'Titolo', align: 'center', bold: true, underline: true, width: 1, height: 2 });
  assert.deepEqual({ ...printed[1]! }, { text: 'corpo', align: 'left', bold: false, underline: false, width: 1, height: 1 });
  assert.ok(ops.some((o) => o.op === 'size' && o.width === 1 && o.height === 2));
});

test('the QR goes out natively: model 2, error correction M, a module size that fits, the payload stored and printed', () => {
  const data = 'PAGOPA|002|301000000000000001|01234567890|125000';
  const { ops } = interpret(renderEscPos(doc(qr(data)), PROFILE_58MM));
  assert.deepEqual(only(ops, 'qr-model'), [{ op: 'qr-model', model: 2 }]);
  assert.deepEqual(only(ops, 'qr-ecc'), [{ op: 'qr-ecc', level: 'M' }]);
  assert.deepEqual(only(ops, 'qr-store'), [{ op: 'qr-store', data }]);
  assert.deepEqual(only(ops, 'qr-print'), [{ op: 'qr-print', data }]);
  const [size] = only(ops, 'qr-size');
  assert.ok(size && size.dots >= 1 && size.dots <= PROFILE_58MM.maxModuleDots);
  const modules = bwipjs.raw('qrcode', data, 'eclevel=M')[0] as { pixx: number };
  assert.ok((modules.pixx + 8) * size.dots <= 384, 'symbol with quiet zone fits the 58 mm line');
});

test('Code 128: a notice number goes in code set C; text goes in set B with a literal brace doubled', () => {
  const { ops } = interpret(renderEscPos(doc(code128('301000000000000001'), code128('ABC{1}'), code128('12345')), PROFILE_58MM));
  const codes = only(ops, 'barcode');
  assert.deepEqual(
    codes.map((c) => [c.symbology, c.data, c.codeSets.join('')]),
    [
      [73, '301000000000000001', 'C'],
      [73, 'ABC{1}', 'B'],
      [73, '12345', 'CB'],
    ],
  );
  const [moduleOp] = only(ops, 'barcode-module');
  assert.ok(moduleOp && moduleOp.dots >= 2);
});

test('barcode data outside its alphabet and symbols wider than the paper are refused before any I/O', () => {
  assert.throws(() => renderEscPos(doc(code128('città')), PROFILE_80MM), PrintDocumentInvalid);
  assert.throws(() => renderEscPos(doc(code128('X'.repeat(40))), PROFILE_58MM), PrintDocumentInvalid);
  assert.throws(() => renderEscPos(doc(qr('')), PROFILE_58MM), PrintDocumentInvalid);
});

test('cut: partial or full with the profile feed; "none" only feeds; drawer kick is ESC p on the profile pin', () => {
  const partial = interpret(renderEscPos(doc(cut()), PROFILE_80MM)).ops;
  assert.deepEqual(only(partial, 'cut'), [{ op: 'cut', partial: true, feedDots: 96 }]);
  const full = interpret(renderEscPos(doc(cut()), makeProfile('80mm', { cut: 'full', cutFeedDots: 40 }))).ops;
  assert.deepEqual(only(full, 'cut'), [{ op: 'cut', partial: false, feedDots: 40 }]);
  const none = interpret(renderEscPos(doc(cut()), makeProfile('80mm', { cut: 'none' }))).ops;
  assert.deepEqual(only(none, 'cut'), []);
  assert.deepEqual(only(none, 'feed-lines'), [{ op: 'feed-lines', lines: 4 }]);

  const kick = renderEscPos(doc(drawer()), PROFILE_80MM);
  assert.deepEqual([...kick.subarray(kick.length - 5)], [0x1b, 0x70, 0x00, 25, 250]);
  const pin5 = renderEscPos(doc(drawer()), makeProfile('58mm', { drawer: { pin: 5, onMs: 100, offMs: 200 } }));
  assert.deepEqual(only(interpret(pin5).ops, 'drawer'), [{ op: 'drawer', pin: 5, onMs: 100, offMs: 200 }]);
});

test('58 mm wraps at 32 columns and 80 mm at 48; double width at half of that', () => {
  const body = 'Il pagamento è stato eseguito correttamente e la ricevuta è valida ai fini fiscali.';
  for (const profile of [PROFILE_58MM, PROFILE_80MM]) {
    const { lines } = interpret(renderEscPos(doc(text(body), text(body, { style: { doubleWidth: true } }), rule()), profile));
    const plain = lines.slice(
      0,
      lines.findIndex((l, i) => i > 0 && l.startsWith('Il ')),
    );
    assert.ok(plain.every((l) => [...l].length <= profile.columns));
    assert.ok(
      plain.some((l) => [...l].length > profile.columns - 8),
      'lines are filled, not just short',
    );
    const wide = lines.slice(plain.length, -1);
    assert.ok(wide.every((l) => [...l].length <= profile.columns / 2));
    assert.equal(lines.at(-1), '-'.repeat(profile.columns));
  }
  const narrow = interpret(renderEscPos(doc(text(body)), PROFILE_58MM)).lines;
  const wide = interpret(renderEscPos(doc(text(body)), PROFILE_80MM)).lines;
  assert.deepEqual([narrow.length, wide.length], [3, 2]);
});

test('raster text mode sends no code page and no text: each line is a GS v 0 image as wide as the paper', () => {
  for (const profile of [makeProfile('58mm', { textMode: 'raster' }), makeProfile('80mm', { textMode: 'raster' })]) {
    const { ops } = interpret(
      renderEscPos(doc(text('Importo: 12,50 €'), text('Città di Forlì', { style: { doubleHeight: true } })), profile),
    );
    assert.deepEqual(only(ops, 'codepage'), []);
    assert.deepEqual(only(ops, 'text'), []);
    const images = only(ops, 'raster');
    assert.equal(images.length, 2);
    for (const img of images) assert.equal(img.width, profile.dotsPerLine);
    assert.ok(images[1]!.height > images[0]!.height, 'double height is taller');
    assert.ok(
      images.every((img) => img.pixels.some((p) => p === 1)),
      'the text was drawn',
    );
  }
});

test('Data Matrix is a raster image whose modules are exactly the bwip-js symbol for the payload', () => {
  const payload = 'codfase=NBPA;18301000000000000001120000000000011000000012503896IMU 2024';
  const { ops } = interpret(renderEscPos(doc(datamatrix(payload, { moduleDots: 4 })), PROFILE_80MM));
  const image = stackRasters(only(ops, 'raster'));
  assert.equal(image.width, 576);
  const symbol = bwipjs.raw('datamatrix', payload, '')[0] as { pixs: number[]; pixx: number; pixy: number };
  // find the symbol's top-left dark module, then sample each module's centre
  let top = -1;
  let left = image.width;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (image.pixels[y * image.width + x]) {
        if (top < 0) top = y;
        left = Math.min(left, x);
      }
    }
  }
  assert.ok(top >= 4 && left > 0, 'quiet zone around the symbol');
  assert.ok(Math.abs(left + symbol.pixx * 2 - 576 / 2) <= 1, 'centred');
  for (let r = 0; r < symbol.pixy; r++) {
    for (let c = 0; c < symbol.pixx; c++) {
      const px: number | undefined = image.pixels[(top + r * 4 + 2) * image.width + left + c * 4 + 2];
      assert.equal(px, symbol.pixs[r * symbol.pixx + c], `module ${r},${c}`);
    }
  }
});

test('QR as raster for printers without GS ( k: an image with the symbol, no QR commands', () => {
  const { ops } = interpret(
    renderEscPos(doc(qr('PAGOPA|002|301000000000000001|01234567890|100')), makeProfile('58mm', { qrMode: 'raster' })),
  );
  assert.deepEqual(only(ops, 'qr-store'), []);
  const images = only(ops, 'raster');
  assert.ok(images.length >= 1 && images.every((i) => i.width === 384));
});

test('feeds and rules pass through; the same document renders to the same bytes', () => {
  const d = doc(feed(3), rule('='));
  assert.deepEqual(renderEscPos(d, PROFILE_58MM), renderEscPos(d, PROFILE_58MM));
  const { ops, lines } = interpret(renderEscPos(d, PROFILE_58MM));
  assert.deepEqual(only(ops, 'feed-lines'), [{ op: 'feed-lines', lines: 3 }]);
  assert.equal(lines.at(-1), '='.repeat(32));
});

test('profiles with FS . and another ESC t number send them', () => {
  const { ops } = interpret(renderEscPos(doc(text('€')), makeProfile('80mm', { cancelKanjiMode: true, codePage: 40 })), {
    codePages: { 40: 'cp858' },
  });
  assert.deepEqual(ops.slice(0, 3), [{ op: 'init' }, { op: 'cancel-kanji' }, { op: 'codepage', n: 40 }]);
  assert.deepEqual(
    interpret(renderEscPos(doc(text('€')), makeProfile('80mm', { codePage: 40 }))).lines,
    ['\uFFFD'],
    'an unknown page does not decode as CP858',
  );
});
