import type { ResponseOf } from '../../../main/contract/calls';

/** Says what went to paper: the certificate, the provisional slip, or a duplicate of either. */
export function printedKey(printed: Pick<ResponseOf<'certificate.print'>, 'kind' | 'duplicate'>): string {
  if (printed.kind === 'pending') return printed.duplicate ? 'counter:print.pendingDuplicateDone' : 'counter:print.pendingDone';
  return printed.duplicate ? 'counter:print.duplicateDone' : 'counter:print.done';
}
