/**
 * The certificate model -> the printer driver's document model, in the model's language. This is
 * the one layout: ESC/POS, the SVG preview and the PDF all render the document made here.
 */
import { cut, doc, feed, pair, qr, rule, text, type Block, type PrintDocument } from '../printer/index';
import { formatAmount, formatDateTime } from './format';
import { certificateText, serviceFieldText, serviceValueText, type CertificateTranslate } from './messages';
import type { CertificateModel, CertifiedNotice } from './types';

export function certificateDocument(model: CertificateModel): PrintDocument {
  const t = certificateText(model.locale);
  const amount = (cents: number): string => formatAmount(cents, t);
  const blocks: Block[] = [text(t(`title.${model.kind}`), { align: 'center', style: { bold: true, doubleHeight: true } })];
  if (model.duplicate) {
    blocks.push(
      text(t('duplicate'), { align: 'center', style: { bold: true } }),
      text(t('reprintedAt', { dateTime: formatDateTime(model.printedAtMs, model.timeZone, t) }), { align: 'center' }),
    );
  }
  if (model.kind === 'pending') blocks.push(text(t('pendingNote'), { style: { bold: true } }));
  blocks.push(
    rule('='),
    pair(t('label.dateTime'), formatDateTime(model.paidAtMs, model.timeZone, t)),
    pair(t('label.psp'), model.psp.name),
    pair(t('label.pspFiscalCode'), model.psp.fiscalCode),
    pair(t('label.terminal'), model.terminalId),
    pair(t('label.operator'), model.operatorId ?? t('none')),
    pair(t('label.session'), model.sessionId),
  );
  model.notices.forEach((n, i) => blocks.push(...noticeBlocks(n, i, model, t, amount)));
  blocks.push(rule());
  if (model.excludedCount > 0) blocks.push(text(t('partial', { count: model.excludedCount })));
  blocks.push(
    pair(t('label.noticesAmount'), amount(model.amountCents)),
    pair(t('label.fee'), amount(model.feeCents)),
    pair(t('label.total'), amount(model.totalCents), { bold: true }),
    pair(t('label.method'), t(`method.${model.method}`)),
  );
  if (model.cash)
    blocks.push(pair(t('label.given'), amount(model.cash.givenCents)), pair(t('label.change'), amount(model.cash.changeCents)));
  const d = model.tenderDetails;
  if (d?.brand) blocks.push(pair(t('label.cardBrand'), d.brand));
  if (d?.card) blocks.push(pair(t('label.card'), d.card));
  if (d?.authCode) blocks.push(pair(t('label.authCode'), d.authCode));
  if (d?.reference) blocks.push(pair(t('label.reference'), d.reference));
  blocks.push(rule('='));
  if (model.kind === 'final') blocks.push(text(t('footer'), { align: 'center' }));
  if (model.duplicate) blocks.push(text(t('duplicate'), { align: 'center', style: { bold: true } }));
  blocks.push(feed(2), cut());
  return doc(...blocks);
}

function noticeBlocks(
  n: CertifiedNotice,
  index: number,
  model: CertificateModel,
  t: CertificateTranslate,
  amount: (c: number) => string,
): Block[] {
  const blocks: Block[] = [
    rule(),
    text(t('label.notice', { index: index + 1, count: model.notices.length }), { style: { bold: true } }),
    pair(t('label.creditor'), n.creditorName),
    pair(t('label.creditorFiscalCode'), n.creditorFiscalCode),
    pair(t('label.noticeNumber'), n.noticeNumber),
    pair(t('label.iuv'), n.iuv),
    text(`${t('label.description')}:`),
    text(n.description),
  ];
  if (n.service) {
    // A spontaneous payment: the catalogue service and what the payer entered (the car tax's plate).
    const field = serviceFieldText(model.locale);
    const value = serviceValueText(model.locale);
    blocks.push(text(`${t('service.label')}:`), text(n.service.description));
    for (const d of n.service.data) blocks.push(pair(field(d.name), value(d)));
  }
  blocks.push(pair(t('label.amount'), amount(n.amountCents), { bold: true }));
  if (n.standin) blocks.push(text(t('label.standin')));
  if (model.kind === 'pending') blocks.push(pair(t('label.outcome'), t(n.confirmed ? 'outcome.confirmed' : 'outcome.awaiting')));
  blocks.push(text(`${t('label.paymentToken')}:`), text(n.paymentToken, { align: 'center' }), qr(n.paymentToken));
  return blocks;
}
