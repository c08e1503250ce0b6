import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entryHash, GENESIS_HASH } from '../../../../db';
import type { JournalEntry } from '../../../../db';
import type { Json } from '../../../../db';
import { csvField, journalCsv } from '../../../../main/services/journal-export';

/** A tiny RFC 4180 reader, written here so the test does not trust the writer's own logic. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

function chain(items: { kind: string; sessionId: string | null; payload: Json }[]): JournalEntry[] {
  let prev = GENESIS_HASH;
  return items.map((it, i) => {
    const at = new Date(Date.UTC(2025, 0, 1, 9, 0, i)).toISOString();
    const hash = entryHash(prev, { at, ...it });
    const e = { seq: i + 1, at, ...it, prevHash: prev, hash };
    prev = hash;
    return e;
  });
}

test('fields are quoted only when they need it, quotes doubled', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(' padded'), '" padded"');
});

test('the export reads back to the same entries and every hash can be recomputed from the file alone', () => {
  const entries = chain([
    { kind: 'session-started', sessionId: 's-1', payload: { kind: 'counter', operatorId: null } },
    { kind: 'refund-recorded', sessionId: 's-1', payload: { note: 'refunded, "cash", receipt\r\n12', amountCents: 12150 } },
    { kind: 'shift-closed', sessionId: null, payload: ['=HYPERLINK("x")', -5] },
  ]);
  const csv = journalCsv(entries);
  assert.ok(csv.endsWith('\r\n'));
  const [header, ...rows] = readCsv(csv);
  assert.deepEqual(header, ['seq', 'at', 'kind', 'sessionId', 'payload', 'prevHash', 'hash']);
  assert.equal(rows.length, 3);
  let prev = GENESIS_HASH;
  rows.forEach((r, i) => {
    const [seq, at, kind, sessionId, payload, prevHash, hash] = r as [string, string, string, string, string, string, string];
    assert.equal(Number(seq), entries[i]!.seq);
    assert.equal(prevHash, prev);
    assert.equal(entryHash(prevHash, { at: at, kind, sessionId: sessionId === '' ? null : sessionId, payload: JSON.parse(payload) }), hash);
    assert.equal(hash, entries[i]!.hash);
    // no cell can start a spreadsheet formula
    for (const cell of r) assert.doesNotMatch(cell, /^[=+@]/);
    prev = hash;
  });
});

test('an empty journal is just the header', () => {
  assert.equal(journalCsv([]), 'seq,at,kind,sessionId,payload,prevHash,hash\r\n');
});
