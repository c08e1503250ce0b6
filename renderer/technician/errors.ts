/** The technician's words for an error: technician:errors.<CODE> first, then the app's shared wording. Pure. */
import type { ContractError } from '../../main/contract/result';
import { describeError } from '../app/messages';
import type { Translate } from '../app/i18n/translate';

export function technicianError(e: ContractError, t: Translate, has: (key: string) => boolean): string {
  const own = `technician:errors.${e.code}`;
  if (has(own)) {
    const params: Record<string, string | number> = { code: e.code, message: e.message };
    for (const [k, v] of Object.entries(e.details ?? {})) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    return t(own, params);
  }
  return describeError(e, t, has);
}
