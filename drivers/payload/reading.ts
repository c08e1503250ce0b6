/**
 * What a kind-specific parser hands back before the common checks (aux digit, check digit, zero
 * amount) turn it into a ParsedNotice.
 */
import type { Cents } from '../../kernel/money';
import { warningMessageKey, type WarningCode } from './messages';
import type { NoticeKind, NoticeWarning } from './types';

export type Reading = {
  kind: NoticeKind;
  noticeNumber: string;
  fiscalCode: string;
  amountCents: Cents | null;
  postalAccount: string | null;
  warnings: NoticeWarning[];
  debtor?: { fiscalCode: string; name: string };
  subject?: string;
};

export function warning(code: WarningCode, details: Record<string, unknown> = {}): NoticeWarning {
  return { code, messageKey: warningMessageKey(code), details };
}
