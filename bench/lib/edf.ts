/**
 * Earliest deadline first, as seen from the node: the deadlines of the outcomes in the order the
 * node received them. The outbox sends `batch` at a time in parallel and the next batch only after
 * the previous one settled, so within a batch any order is fine, but every deadline in a batch must
 * be no later than every deadline in the next one.
 */
export interface EdfVerdict {
  ok: boolean;
  /** Log position of the first batch holding a deadline earlier than one in the batch before it. */
  firstBreak: number | null;
  /** Neighbours out of deadline order anywhere (allowed inside a batch). */
  inversions: number;
}

export function edfBatchesHold(deadlines: readonly number[], batch: number): EdfVerdict {
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch must be a positive integer, got ${batch}`);
  let firstBreak: number | null = null;
  for (let b = 0; b + batch < deadlines.length && firstBreak === null; b += batch) {
    const max = Math.max(...deadlines.slice(b, b + batch));
    const min = Math.min(...deadlines.slice(b + batch, b + 2 * batch));
    if (!(max <= min)) firstBreak = b + batch;
  }
  let inversions = 0;
  for (let i = 1; i < deadlines.length; i++) if ((deadlines[i] as number) < (deadlines[i - 1] as number)) inversions++;
  return { ok: firstBreak === null, firstBreak, inversions };
}
