// The back office's chain walk: forward from the verified head, stopping at a gap or at an entry
// that does not verify (edited payload, wrong link), with entries the journal's own entryHash made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GENESIS_HASH, entryHash } from '../../../../db/repos/journal';
import { walkChain, type ChainEntry } from '../../../../main/backoffice/chain';

function chain(n: number): ChainEntry[] {
  const out: ChainEntry[] = [];
  for (let i = 1; i <= n; i++) {
    const prevHash = out.at(-1)?.hash ?? GENESIS_HASH;
    const e = { at: `2026-03-10T09:00:0${i}.000Z`, kind: 'note', sessionId: null, payload: { i } };
    out.push({ seq: i, ...e, prevHash, hash: entryHash(prevHash, e) });
  }
  return out;
}
const genesis = { seq: 0, hash: GENESIS_HASH };

test('a whole chain verifies to its last entry', () => {
  const c = chain(5);
  assert.deepEqual(walkChain(genesis, c), { head: { seq: 5, hash: c[4]!.hash }, gap: null, broken: null });
});

test('a walk resumes from a head and skips what is behind it', () => {
  const c = chain(5);
  assert.deepEqual(walkChain({ seq: 3, hash: c[2]!.hash }, c).head, { seq: 5, hash: c[4]!.hash });
});

test('a missing entry stops the walk with the gap', () => {
  const c = chain(6);
  const w = walkChain(genesis, [c[0]!, c[1]!, c[4]!, c[5]!]);
  assert.deepEqual(w, { head: { seq: 2, hash: c[1]!.hash }, gap: { from: 3, to: 4 }, broken: null });
});

test('an edited payload is a hash mismatch at its seq', () => {
  const c = chain(4);
  c[2] = { ...c[2]!, payload: { i: 99 } };
  assert.deepEqual(walkChain(genesis, c).broken, { seq: 3, reason: 'hash-mismatch' });
});

test('an entry linked to another head is a link mismatch, even when it hashes right', () => {
  const c = chain(4);
  const prevHash = 'f'.repeat(64);
  const e = { at: c[2]!.at, kind: 'note', sessionId: null, payload: { i: 3 } };
  c[2] = { seq: 3, ...e, prevHash, hash: entryHash(prevHash, e) };
  const w = walkChain(genesis, c);
  assert.deepEqual(w.broken, { seq: 3, reason: 'link-mismatch' });
  assert.equal(w.head.seq, 2);
});
