/**
 * @e.bollo, the digital revenue stamp (marca da bollo digitale) a notice may ask for in one of its
 * transfers (`richiestaMarcaDaBollo` instead of an IBAN in activatePaymentNoticeV2's transferList).
 *
 * - Only a channel registered to sell stamps (e-commerce) may take such a notice: the node refuses
 *   the activation elsewhere (PPT_SEMANTICA "Pagamento non attivabile"), and a terminal that is told
 *   it may not sell them refuses an activation that lists one before any money is taken
 *   (`stampNotSoldHere`).
 * - Where it may, the OK must carry one `marcaDaBollo` per stamp transfer, naming the token and the
 *   transfer, with the stamp document (`MBDAttachment`, base64): without it the node refuses the OK
 *   (PPT_SEMANTICA "Check marca da bollo").
 *
 * The document written here states what was bought: the transfer, the stamp type, the hash of the
 * document it is for, the payer's province, the amount and the time. A PSP whose stamp provider
 * issues signed stamp documents (with their own identifier) supplies those instead; this terminal
 * has no such provider, so it writes the facts it holds (README: open points).
 */
import type { MarcaDaBollo, TransferV2 } from '../protocol';
import type { Activation, FaultInfo } from './types';

/** The transfers of an activation that ask for a stamp. */
export function stampTransfers(a: Pick<Activation, 'transfers'>): TransferV2[] {
  return (a.transfers ?? []).filter((t) => t.richiestaMarcaDaBollo !== undefined);
}

/** Why a notice asking for a stamp cannot be paid at a terminal that may not sell them. */
export function stampNotSoldHere(detail: string): FaultInfo {
  return {
    code: 'STAMP_NOT_SOLD_HERE',
    message: `the notice includes a digital revenue stamp (@e.bollo), which this terminal may not sell: ${detail}; nothing is collected`,
    messageKey: 'engine:stampNotSoldHere',
  };
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The stamp documents an OK for this activation carries (empty when no transfer asks for one). */
export function stampDocuments(a: Pick<Activation, 'paymentToken' | 'transfers'>, boughtAtIso: string): MarcaDaBollo[] {
  return stampTransfers(a).map((t) => {
    const r = t.richiestaMarcaDaBollo!;
    const doc = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<marcaDaBolloDigitale>',
      `<paymentToken>${xmlText(a.paymentToken)}</paymentToken>`,
      `<idTransfer>${t.idTransfer}</idTransfer>`,
      `<tipoBollo>${xmlText(r.tipoBollo)}</tipoBollo>`,
      `<hashDocumento>${xmlText(r.hashDocumento)}</hashDocumento>`,
      `<provinciaResidenza>${xmlText(r.provinciaResidenza)}</provinciaResidenza>`,
      `<importoCents>${t.transferAmount}</importoCents>`,
      `<dataAcquisto>${xmlText(boughtAtIso)}</dataAcquisto>`,
      '</marcaDaBolloDigitale>',
    ].join('');
    return { paymentToken: a.paymentToken, idTransfer: t.idTransfer, MBDAttachment: Buffer.from(doc, 'utf8').toString('base64') };
  });
}
