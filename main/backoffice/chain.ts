/**
 * The hash chain, re-verified by the back office: walking forward from the verified head over the
 * entries it holds, each next entry must be the next sequence number, link to the head's hash, and
 * hash to what it claims (db/repos/journal.ts entryHash). The walk stops at the first missing
 * number (a gap: held until the entries arrive) or the first entry that does not verify (a broken
 * chain: an edited, forged or reordered entry).
 */
import { entryHash } from '../../db/repos/journal';

export interface ChainEntry {
  seq: number;
  at: string;
  kind: string;
  sessionId: string | null;
  payload: unknown;
  prevHash: string;
  hash: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

export type ChainWalk = {
  head: ChainHead;
  /** the first missing range after the head, when entries past it are held */
  gap: { from: number; to: number } | null;
  broken: { seq: number; reason: 'hash-mismatch' | 'link-mismatch' } | null;
};

/** `entries` sorted by seq, all past `head.seq`. */
export function walkChain(head: ChainHead, entries: readonly ChainEntry[]): ChainWalk {
  let h = head;
  for (const e of entries) {
    if (e.seq <= h.seq) continue;
    if (e.seq !== h.seq + 1) return { head: h, gap: { from: h.seq + 1, to: e.seq - 1 }, broken: null };
    if (e.prevHash !== h.hash) return { head: h, gap: null, broken: { seq: e.seq, reason: 'link-mismatch' } };
    const recomputed = entryHash(e.prevHash, { at: e.at, kind: e.kind, sessionId: e.sessionId, payload: e.payload });
    if (recomputed !== e.hash) return { head: h, gap: null, broken: { seq: e.seq, reason: 'hash-mismatch' } };
    h = { seq: e.seq, hash: e.hash };
  }
  return { head: h, gap: null, broken: null };
}
