/**
 * An X or Z report on paper: the printer driver's document model, words from the same locale file
 * the shift screens use (locales/<lang>/shift.json, `report.*`), amounts and times as the
 * certificate prints them.
 */
import de from '../../../locales/de/shift.json';
import en from '../../../locales/en/shift.json';
import it from '../../../locales/it/shift.json';
import { certificateText, DEFAULT_TIME_ZONE, formatAmount, formatDateTime } from '../../../drivers/certificate/index';
import type { Language } from '../../../drivers/certificate/index';
import { cut, doc, feed, pair, rule, text } from '../../../drivers/printer/index';
import type { Block, PrintDocument } from '../../../drivers/printer/index';
import type { ShiftReport } from '../../contract/shift-schemas';

const CATALOGS: Readonly<Record<Language, unknown>> = { it, en, de };

/** Dotted keys under `report.`; `{{name}}` filled from vars; a missing key prints as itself. */
export function reportText(lang: Language): (key: string, vars?: Record<string, string | number>) => string {
  return (key, vars = {}) => {
    let node: unknown = CATALOGS[lang];
    for (const part of `report.${key}`.split('.'))
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
    if (typeof node !== 'string') return key;
    return node.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}

/** The report's printed title: also the print job's title in the technician's queue. */
export function shiftReportTitle(r: ShiftReport, lang: Language): string {
  const t = reportText(lang);
  return r.kind === 'x' ? t('titleX') : t('titleZ', { number: r.shift.zReportNumber ?? '' });
}

export function shiftReportDocument(r: ShiftReport, lang: Language): PrintDocument {
  const t = reportText(lang);
  const c = certificateText(lang);
  const money = (cents: number) => `${cents < 0 ? '-' : ''}${formatAmount(Math.abs(cents), c)}`;
  const when = (iso: string) => formatDateTime(Date.parse(iso), DEFAULT_TIME_ZONE, c);
  const s = r.shift;
  const blocks: Block[] = [
    text(shiftReportTitle(r, lang), {
      align: 'center',
      style: { bold: true, doubleHeight: true },
    }),
    rule(),
    pair(t('terminal'), s.terminalId),
    pair(t('operator'), s.operatorId),
    pair(t('openedAt'), when(s.openedAt)),
    ...(s.closedAt ? [pair(t('closedAt'), when(s.closedAt))] : []),
    pair(t('generatedAt'), when(r.generatedAt)),
    rule(),
  ];
  if (r.lines.length === 0) blocks.push(text(t('none')));
  for (const l of r.lines) {
    blocks.push(text(`${t(`kind.${l.kind}`)} - ${t(`method.${l.method}`)}`, { style: { bold: true } }));
    blocks.push(pair(t('count'), String(l.count)), pair(t('amount'), money(l.amountCents)), pair(t('fee'), money(l.feeCents)));
  }
  blocks.push(
    rule(),
    pair(t('payments'), String(r.payments.count)),
    pair(t('amount'), money(r.payments.amountCents)),
    pair(t('fee'), money(r.payments.feeCents)),
    pair(t('total'), money(r.payments.totalCents), { bold: true }),
    rule(),
  );
  blocks.push(
    text(t('cash.title'), { style: { bold: true } }),
    pair(t('cash.float'), money(r.cash.floatCents)),
    pair(t('cash.in'), money(r.cash.inCents)),
    pair(t('cash.out'), money(r.cash.outCents)),
    pair(t('cash.expected'), money(r.cash.expectedCents), { bold: true }),
  );
  if (r.cash.countedCents !== null) blocks.push(pair(t('cash.counted'), money(r.cash.countedCents)));
  if (r.cash.differenceCents !== null) blocks.push(pair(t('cash.difference'), money(r.cash.differenceCents), { bold: true }));
  blocks.push(rule());
  if (r.lateOutcomes > 0) blocks.push(text(t('lateOutcomes', { count: r.lateOutcomes }), { style: { bold: true } }));
  if (r.pendingOutcomes > 0) blocks.push(text(t('pendingOutcomes', { count: r.pendingOutcomes }), { style: { bold: true } }));
  if (s.journalSeq !== null && s.journalHash) blocks.push(text(t('journal', { seq: s.journalSeq, hash: s.journalHash })));
  blocks.push(feed(2), cut());
  return doc(...blocks);
}
