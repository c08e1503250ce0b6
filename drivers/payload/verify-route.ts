/**
 * Which verify primitive a notice leads to. verificaBollettino (ccPost + notice number) is reserved
 * to Poste Italiane; every other PSP verifies a Data Matrix reading like any other notice, with the
 * notice number and creditor fiscal code the Data Matrix carries (§7.3).
 */
import type { ParsedNotice } from './types';

export type VerifyRequest =
  | { primitive: 'verifyPaymentNotice'; fiscalCode: string; noticeNumber: string }
  | { primitive: 'verificaBollettino'; ccPost: string; noticeNumber: string };

export function verifyRequestFor(
  notice: Pick<ParsedNotice, 'kind' | 'noticeNumber' | 'fiscalCode' | 'postalAccount'>,
  psp: { isPoste: boolean },
): VerifyRequest {
  if (psp.isPoste && notice.kind === 'poste-datamatrix' && notice.postalAccount !== null) {
    return { primitive: 'verificaBollettino', ccPost: notice.postalAccount, noticeNumber: notice.noticeNumber };
  }
  return { primitive: 'verifyPaymentNotice', fiscalCode: notice.fiscalCode, noticeNumber: notice.noticeNumber };
}
