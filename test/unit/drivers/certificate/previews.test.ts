// One source, three renderings: the SVG preview and the PDF must show the lines the printer prints
// (read back from the ESC/POS bytes by the test-side interpreter), and the SVG's QR symbols must be
// the paymentTokens (compared with bwip-js encoding the token on its own).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import bwipjs from 'bwip-js/node';
import { certificateDocument } from '../../../../drivers/certificate/document';
import { certificateFor } from '../../../../drivers/certificate/model';
import { renderPdf } from '../../../../drivers/certificate/pdf';
import { renderSvg } from '../../../../drivers/certificate/svg';
import type { CertificateContext } from '../../../../drivers/certificate/types';
import {
  doc,
  makeProfile,
  PROFILE_58MM,
  PROFILE_80MM,
  renderEscPos,
  text,
  type PrintDocument,
  type PrinterProfile,
} from '../../../../drivers/printer/index';
import { interpret } from '../../../support/escpos-interpreter';
import { newSession } from '../../../../main/engine/session';
import { flatten, pdfPageCount, pdfTextLines, svgSymbols, svgTextLines } from './read-back';
import { drive, sessionByStatus, tendered } from './sessions';

const context = (over: Partial<CertificateContext> = {}): CertificateContext => ({
  psp: { name: 'Banca Esempio S.p.A.', fiscalCode: '01234567890' },
  terminalId: 'T01',
  operatorId: null,
  locale: 'it',
  variant: 'original',
  paidAtMs: Date.UTC(2025, 6, 1, 12, 34, 56),
  printedAtMs: Date.UTC(2025, 6, 1, 12, 35, 0),
  ...over,
});

const printedLines = (d: PrintDocument, profile: PrinterProfile): string[] =>
  interpret(renderEscPos(d, profile))
    .lines.map((l) => l.trim())
    .filter((l) => l !== '');

const fiveNotices = drive(
  [...tendered(5), ...[1, 2, 3, 4, 5].map((n) => ({ type: 'outcome-accepted' as const, noticeId: n, late: false }))],
  newSession('s-five'),
);

const variants: Array<[string, PrintDocument]> = [
  ['final it', certificateDocument(certificateFor(sessionByStatus.completed, context()))],
  ['duplicate en', certificateDocument(certificateFor(sessionByStatus.certified, context({ locale: 'en' })))],
  ['pending de', certificateDocument(certificateFor(sessionByStatus['outcome-pending'], context({ locale: 'de' })))],
  ['partial it', certificateDocument(certificateFor(sessionByStatus['refund-required'], context()))],
];

describe('SVG preview', () => {
  for (const [name, d] of variants) {
    test(`${name}: the printer's lines, in order (80 and 58 mm)`, () => {
      assert.deepEqual(
        svgTextLines(renderSvg(d)).map((l) => l.trim()),
        printedLines(d, PROFILE_80MM),
      );
      assert.deepEqual(
        svgTextLines(renderSvg(d, { columns: 32 })).map((l) => l.trim()),
        printedLines(d, PROFILE_58MM),
      );
    });
  }

  test('the QR symbols are the paymentTokens, one per notice', () => {
    const m = certificateFor(fiveNotices, context());
    const symbols = svgSymbols(renderSvg(certificateDocument(m)));
    assert.equal(symbols.length, 5);
    symbols.forEach((s, i) => {
      const [want] = bwipjs.raw('qrcode', m.notices[i]!.paymentToken, 'eclevel=M') as Array<{ pixs: number[]; pixx: number; pixy: number }>;
      assert.deepEqual({ cols: s.cols, rows: s.rows }, { cols: want!.pixx, rows: want!.pixy });
      assert.deepEqual(s.modules, want!.pixs, `QR ${i + 1}`);
    });
  });

  test('markup in the data stays text: the SVG remains well-formed and shows it', () => {
    const svg = renderSvg(doc(text('Causale: <b>A & B</b> "quoted" \'single\'')));
    assert.deepEqual(svgTextLines(svg), ['Causale: <b>A & B</b> "quoted" \'single\'']);
    assert.ok(!svg.includes('<b>'));
  });

  test('it has an accessible name when given a title', () => {
    assert.match(renderSvg(doc(text('x')), { title: 'Attestazione <1>' }), /<title>Attestazione &lt;1&gt;<\/title>/);
  });
});

describe('PDF', () => {
  for (const [name, d] of variants) {
    test(`${name}: roll page, the printer's lines (deflated and plain streams)`, async () => {
      const packed = await renderPdf(d, { createdAtMs: 0 });
      assert.equal(Buffer.from(packed.subarray(0, 5)).toString('latin1'), '%PDF-');
      assert.equal(pdfPageCount(packed), 1, 'a roll is one long page');
      assert.deepEqual(
        pdfTextLines(packed).map((l) => l.trim()),
        printedLines(d, PROFILE_80MM),
      );
      const plain = await renderPdf(d, { compress: false, page: 'roll-58mm' });
      assert.deepEqual(
        pdfTextLines(plain).map((l) => l.trim()),
        printedLines(d, PROFILE_58MM),
      );
    });
  }

  test('A4: 80 columns, a cart of five breaks onto a second page and loses no line', async () => {
    const d = certificateDocument(certificateFor(fiveNotices, context()));
    const bytes = await renderPdf(d, { page: 'a4' });
    assert.ok(pdfPageCount(bytes) >= 2, `pages: ${pdfPageCount(bytes)}`);
    const wide = makeProfile('80mm', { columns: 80, dotsPerLine: 960 });
    const lines = pdfTextLines(bytes);
    assert.deepEqual(
      lines.map((l) => l.trim()),
      printedLines(d, wide),
    );
    assert.ok(flatten(lines).includes('€ 999.999.999,99'), 'the largest amount a notice can have');
  });

  test('same document and creation time, same bytes', async () => {
    const d = variants[0]![1];
    assert.deepEqual(await renderPdf(d, { createdAtMs: 1_750_000_000_000 }), await renderPdf(d, { createdAtMs: 1_750_000_000_000 }));
  });
});
