// Printer models: the registry lists one model per file in drivers/printer/profiles, and each
// model's profile gives its own bytes for the code page, the cut and the drawer kick.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cut, doc, drawer, qr, text } from '../../../../../drivers/printer/document';
import { DEFAULT_MODEL_ID, modelProfile, PRINTER_MODELS, printerModel } from '../../../../../drivers/printer/profiles/registry';
import { PROFILE_58MM, PROFILE_80MM } from '../../../../../drivers/printer/profile';
import { renderEscPos } from '../../../../../drivers/printer/render-escpos';
import { interpret } from '../../../../support/escpos-interpreter';

const DIR = join(import.meta.dirname, '../../../../../drivers/printer/profiles');
const SLIP = doc(text('€ à'), qr('PAGOPA|002|301000000000000001|01234567890|1250'), drawer(), cut());

test('the registry lists every model file, each once, generic first and the default', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !['model.ts', 'registry.ts'].includes(f));
  assert.equal(PRINTER_MODELS.length, files.length, 'one model per file');
  assert.deepEqual(
    PRINTER_MODELS.map((m) => m.id),
    ['generic', 'epson-tm-t20iii', 'epson-tm-t88vi', 'epson-tm-m30', 'custom-kube-ii', 'star-escpos'],
  );
  for (const m of PRINTER_MODELS) assert.ok(files.includes(`${m.id}.ts`), `${m.id} lives in ${m.id}.ts`);
  assert.equal(DEFAULT_MODEL_ID, 'generic');
  assert.equal(printerModel('no-such-printer').id, 'generic', 'a model id this version does not know prints as generic');
});

test('the generic model prints exactly as the presets did (settings without a model keep working)', () => {
  for (const [paper, preset] of [
    ['80mm', PROFILE_80MM],
    ['58mm', PROFILE_58MM],
  ] as const) {
    assert.deepEqual(renderEscPos(SLIP, modelProfile(undefined, paper)), renderEscPos(SLIP, preset));
  }
});

test("each model's bytes: its ESC t number, its cut, its drawer kick (or none), native or raster QR", () => {
  const seen = PRINTER_MODELS.map((m) => {
    const { ops } = interpret(renderEscPos(SLIP, modelProfile(m.id, '80mm')));
    const codepage = ops.find((o) => o.op === 'codepage');
    const cutOp = ops.find((o) => o.op === 'cut');
    const kick = ops.find((o) => o.op === 'drawer');
    return {
      id: m.id,
      codepage: codepage?.op === 'codepage' ? codepage.n : null,
      cut: cutOp?.op === 'cut' ? (cutOp.partial ? 'partial' : 'full') : null,
      drawer: kick?.op === 'drawer' ? `${kick.pin}:${kick.onMs}/${kick.offMs}` : null,
      qr: ops.some((o) => o.op === 'qr-print') ? 'native' : 'raster',
    };
  });
  assert.deepEqual(seen, [
    { id: 'generic', codepage: 19, cut: 'partial', drawer: '2:50/500', qr: 'native' },
    { id: 'epson-tm-t20iii', codepage: 19, cut: 'partial', drawer: '2:50/500', qr: 'native' },
    { id: 'epson-tm-t88vi', codepage: 19, cut: 'partial', drawer: '2:50/500', qr: 'native' },
    { id: 'epson-tm-m30', codepage: 19, cut: 'partial', drawer: '2:50/500', qr: 'native' },
    { id: 'custom-kube-ii', codepage: 19, cut: 'full', drawer: null, qr: 'raster' },
    { id: 'star-escpos', codepage: 19, cut: 'partial', drawer: '2:200/200', qr: 'native' },
  ]);
});

test('columns follow the paper; a paper the model does not take falls back to the one it does', () => {
  assert.deepEqual([modelProfile('epson-tm-t20iii', '58mm').columns, modelProfile('epson-tm-t20iii', '80mm').columns], [32, 48]);
  const kube = modelProfile('custom-kube-ii', '58mm');
  assert.deepEqual([kube.paper, kube.columns, kube.hasDrawer], ['80mm', 48, false]);
  assert.equal(modelProfile('epson-tm-t88vi', '80mm').name, 'Epson TM-T88VI');
});
