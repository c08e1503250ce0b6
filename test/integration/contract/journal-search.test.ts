// technician.journalSearch against a real core: the filtering runs in SQL over the whole journal, so
// an entry far older than any loaded page is found; filters combine, pages never overlap nor skip,
// and a bad request is REQUEST_INVALID.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { error, QR_TARI, start, value } from './harness';
import type { Started } from './harness';

const DEMO_PIN = '246810';

async function unlock(s: Started): Promise<string> {
  return value(await s.api.call('technician.unlock', { pin: DEMO_PIN })).auth;
}

describe('journal search', { timeout: 60_000 }, () => {
  test('finds text, kinds, a payment and a time range over the whole journal, newest first', async (t) => {
    const s = await start(t);
    const auth = await unlock(s);
    const needle = s.core.db.journal.append('settings-saved', { nodeFields: ['endpoint'], terminalId: 'NEEDLE-42', fees: 'flat' });
    for (let i = 0; i < 300; i++) s.core.db.journal.append('devices-chosen', { printer: null, paper: '80mm', scanner: `wedge-${i}` });
    const session = value(await s.api.call('session.start', {}));
    value(await s.api.call('session.addNotice', { sessionId: session.id, text: QR_TARI }));

    const byText = value(await s.api.call('technician.journalSearch', { text: 'needle-42' }, { auth }));
    assert.deepEqual(
      byText.entries.map((e) => e.seq),
      [needle.seq],
    );
    assert.equal(byText.total, 1);
    // LIKE's wildcards are plain characters.
    assert.equal(value(await s.api.call('technician.journalSearch', { text: '%' }, { auth })).total, 0);

    const byKind = value(await s.api.call('technician.journalSearch', { kinds: ['settings-saved', 'notice-added'], limit: 10 }, { auth }));
    assert.deepEqual(byKind.entries.map((e) => e.kind).sort(), ['notice-added', 'settings-saved']);
    assert.ok(byKind.entries[0]!.seq > byKind.entries[1]!.seq, 'newest first');

    const bySession = value(await s.api.call('technician.journalSearch', { sessionId: session.id }, { auth }));
    assert.ok(bySession.total >= 2);
    assert.ok(bySession.entries.every((e) => e.sessionId === session.id));
    assert.ok(bySession.entries.some((e) => e.kind === 'notice-added'));

    const at = needle.at;
    const exact = value(await s.api.call('technician.journalSearch', { from: at, to: at, kinds: ['settings-saved'] }, { auth }));
    assert.deepEqual(
      exact.entries.map((e) => e.seq),
      [needle.seq],
    );
    const later = new Date(Date.parse(at) + 365 * 86_400_000).toISOString();
    assert.equal(value(await s.api.call('technician.journalSearch', { from: later }, { auth })).total, 0);
  });

  test('pages follow nextBeforeSeq to the end without overlap or gap', async (t) => {
    const s = await start(t);
    const auth = await unlock(s);
    for (let i = 0; i < 120; i++) s.core.db.journal.append('devices-chosen', { printer: null, paper: '80mm', scanner: `wedge-${i}` });
    const seen: number[] = [];
    let beforeSeq: number | undefined;
    let total = -1;
    for (let page = 0; page < 10; page++) {
      const r = value(
        await s.api.call(
          'technician.journalSearch',
          { kinds: ['devices-chosen'], limit: 50, ...(beforeSeq ? { beforeSeq } : {}) },
          { auth },
        ),
      );
      total = r.total;
      seen.push(...r.entries.map((e) => e.seq));
      if (r.nextBeforeSeq === null) break;
      beforeSeq = r.nextBeforeSeq;
    }
    assert.equal(total, 120);
    assert.equal(seen.length, 120);
    assert.equal(new Set(seen).size, 120);
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => b - a),
    );
  });

  test('a bad request is REQUEST_INVALID', async (t) => {
    const s = await start(t);
    const auth = await unlock(s);
    for (const bad of [
      { limit: 0 },
      { limit: 501 },
      { beforeSeq: -1 },
      { from: 'yesterday' },
      { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      { kinds: ['DROP TABLE journal'] },
      { text: 'x'.repeat(201) },
      { sql: '1=1' },
    ]) {
      assert.equal(error(await s.api.call('technician.journalSearch', bad, { auth })).code, 'REQUEST_INVALID', JSON.stringify(bad));
    }
  });
});
