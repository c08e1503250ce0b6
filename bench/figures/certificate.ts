/**
 * Figure 8, certificate rendering: from a paid 3-notice session to ESC/POS bytes, the SVG preview
 * and the PDF (certificateFor + certificateDocument + the renderer), per call. The paper carries a
 * QR code per notice (its token) and one Data Matrix block added for this figure, so both symbol
 * kinds the driver draws are in it; the ESC/POS profile draws them as raster images (qrMode
 * 'raster', the costlier path: a native-QR printer draws its own).
 *
 * Baseline: the same pipeline on the same paper with the symbol blocks taken out, in the same run,
 * interleaved: the ratio is what the symbols cost on top of the text.
 */
import { performance } from 'node:perf_hooks';
import { certificateDocument, certificateFor, renderPdf, renderSvg, type CertificateSession } from '../../drivers/certificate/index';
import { datamatrix, makeProfile, renderEscPos, type PrintDocument } from '../../drivers/printer/index';
import { check, row, type Check, type Figure, type FigureRow } from '../lib/figure';
import { summarize, type Summary } from '../lib/stats';

const PLANS = { full: { warmup: 20, rounds: 8, perRound: 25 }, quick: { warmup: 5, rounds: 3, perRound: 8 } };

const PAID_AT = Date.UTC(2026, 10, 23, 10, 30);

function paidSession(): CertificateSession {
  const notices = [
    { n: '301020250000000432', cents: 9900, what: 'TARI 2025 con TEFA' },
    { n: '301020250000000230', cents: 4550, what: 'Mensa scolastica, secondo quadrimestre' },
    { n: '301020250000000331', cents: 25000, what: 'Permesso di sosta residenti, zona B' },
  ].map((x, i) => ({
    id: i + 1,
    ref: { fiscalCode: '77777777777', noticeNumber: x.n },
    phase: 'accepted' as const,
    verification: { amountCents: x.cents, description: x.what, companyName: 'Comune di Borgo Esempio' },
    activation: {
      paymentToken: `${'c110729d258c4ab1b765fe902aae41d'}${i}`,
      creditorReferenceId: x.n.slice(1),
      totalAmountCents: x.cents,
      companyName: 'Comune di Borgo Esempio',
      description: x.what,
      fiscalCodePA: '77777777777',
    },
  }));
  const noticesCents = notices.reduce((s, n) => s + n.activation.totalAmountCents, 0);
  return {
    id: '8f0c6a52-2f1e-4d0b-9a57-3c2d8e1f4b6a',
    status: 'completed',
    notices,
    tender: { method: 'cash', noticesCents, feeCents: 150, dueCents: noticesCents + 150 },
  };
}

function paper(withSymbols: boolean): PrintDocument {
  const model = certificateFor(paidSession(), {
    psp: { name: 'Sportello Demo PSP', fiscalCode: '12345678901' },
    terminalId: 'BENCH01',
    operatorId: 'mrossi',
    locale: 'it',
    variant: 'original',
    paidAtMs: PAID_AT,
    printedAtMs: PAID_AT,
  });
  const doc = certificateDocument(model);
  if (!withSymbols) return { blocks: doc.blocks.filter((b) => b.kind !== 'qr' && b.kind !== 'datamatrix') };
  // Before the feed and cut that end the paper.
  const at = doc.blocks.findIndex((b) => b.kind === 'feed');
  const blocks = [...doc.blocks];
  blocks.splice(at === -1 ? blocks.length : at, 0, datamatrix('PAGOPA|002|301020250000000432|77777777777|9900'));
  return { blocks };
}

const PROFILE = makeProfile('80mm', { qrMode: 'raster' });

const OUTPUTS = {
  'ESC/POS bytes (80 mm, symbols as raster)': async (symbols: boolean) => renderEscPos(paper(symbols), PROFILE).length,
  'SVG preview': async (symbols: boolean) => renderSvg(paper(symbols), { columns: 48 }).length,
  'PDF (80 mm roll)': async (symbols: boolean) => (await renderPdf(paper(symbols), { page: 'roll-80mm', createdAtMs: PAID_AT })).length,
};

async function timed(fn: () => Promise<number>, n: number, into: number[]): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    bytes = await fn();
    into.push(performance.now() - t0);
  }
  return bytes;
}

export const certificateFigure: Figure = {
  figure: 8,
  title: 'Certificate rendering: ESC/POS with QR and Data Matrix, SVG preview, PDF',
  async run(ctx) {
    const plan = ctx.quick ? PLANS.quick : PLANS.full;
    const rows: FigureRow[] = [];
    const checks: Check[] = [];
    const details: Record<string, { full: Summary; textOnly: Summary; bytes: number; textOnlyBytes: number }> = {};
    const full = paper(true).blocks;
    checks.push(
      check(
        'the paper holds 3 QR codes and a Data Matrix',
        full.filter((b) => b.kind === 'qr').length === 3 && full.some((b) => b.kind === 'datamatrix'),
        `${full.length} blocks`,
      ),
    );
    for (const [name, render] of Object.entries(OUTPUTS)) {
      for (let i = 0; i < plan.warmup; i++) {
        await render(true);
        await render(false);
      }
      const a: number[] = [];
      const b: number[] = [];
      let bytes = 0;
      let textOnlyBytes = 0;
      for (let r = 0; r < plan.rounds; r++) {
        bytes = await timed(() => render(true), plan.perRound, a);
        textOnlyBytes = await timed(() => render(false), plan.perRound, b);
      }
      checks.push(
        check(`${name}: the symbols are in the output`, bytes > textOnlyBytes, `${bytes} bytes with symbols, ${textOnlyBytes} without`),
      );
      details[name] = { full: summarize(a), textOnly: summarize(b), bytes, textOnlyBytes };
      rows.push(row(`${name}, median`, summarize(a).median, 'ms', { name: 'same paper, no symbols', value: summarize(b).median }));
    }
    return { rows, checks, details: { plan, outputs: details } };
  },
};
