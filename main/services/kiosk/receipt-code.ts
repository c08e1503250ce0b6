/**
 * The receipt a citizen keeps when the kiosk cannot print: the certificate's data as plain text in a
 * QR code, which any phone camera reads and keeps. The text is line-based and language-neutral
 * (field names, then values), so it reads the same whatever language the screen spoke. Amounts are
 * integer cents with the euro amount beside them (kernel/money: no floats).
 */
import bwipjs from 'bwip-js/node';
import type { CertificateModel } from '../../../drivers/certificate/index';
import { centsToAmount } from '../../../kernel/money';
import type { Core } from '../../core/core';
import { certificateModel } from '../certificate';

export const RECEIPT_CODE_HEADER = 'PAGOPA RECEIPT';

const money = (cents: number) => `${cents} cents (EUR ${centsToAmount(cents)})`;

/** The QR's text: one line per fact, one line per notice paid. Pure. */
export function receiptPayload(m: CertificateModel): string {
  const lines = [
    RECEIPT_CODE_HEADER,
    `STATE: ${m.kind === 'final' ? 'confirmed by pagoPA' : 'recorded, being delivered to pagoPA'}`,
    `DATE: ${new Date(m.paidAtMs).toISOString()}`,
    `PSP: ${m.psp.name} (${m.psp.fiscalCode})`,
    `TERMINAL: ${m.terminalId}`,
    ...m.notices.map(
      (n, i) =>
        `NOTICE ${i + 1}: ${n.noticeNumber}; CREDITOR ${n.creditorFiscalCode}; TOKEN ${n.paymentToken}; AMOUNT ${money(n.amountCents)}`,
    ),
    `FEE: ${money(m.feeCents)}`,
    `TOTAL: ${money(m.totalCents)}`,
  ];
  return lines.join('\n');
}

/** The QR code as an SVG document (error correction M, as the printed symbols). */
export function receiptQrSvg(payload: string): string {
  // bwip-js takes the symbology's own options beside the render options (eclevel for qrcode).
  const options = { bcid: 'qrcode', text: payload, eclevel: 'M', scale: 3, paddingwidth: 4, paddingheight: 4 };
  return bwipjs.toSVG(options);
}

/** A paid kiosk session's receipt as a QR code: its text and its SVG. */
export function receiptCode(core: Core, sessionId: string): { kind: CertificateModel['kind']; payload: string; svg: string } {
  const m = certificateModel(core, { sessionId, locale: core.config.terminal.locale });
  const payload = receiptPayload(m);
  return { kind: m.kind, payload, svg: receiptQrSvg(payload) };
}
