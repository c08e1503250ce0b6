/** From what the payload parser read to what the engine pays. */
import type { ParsedNotice } from '../../drivers/payload';
import type { NoticeRef } from '../engine';

export function noticeRefOf(p: ParsedNotice): NoticeRef {
  return {
    fiscalCode: p.fiscalCode,
    noticeNumber: p.noticeNumber,
    scannedAmountCents: p.amountCents,
    source: p.kind,
    postalAccount: p.postalAccount,
  };
}
