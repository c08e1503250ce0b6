// Item 8: what the CLI and the screens show of outside data carries no control characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printable, printableLine } from '../../../../main/cli/sanitize';
import { printableDeep } from '../../../../kernel/printable';

test('escape sequences are removed whole, other control characters and bidi overrides dropped; text, tabs and line breaks kept', () => {
  assert.equal(printable('PPT_\x1b[2J\x1b[31mERR\x1b[0m'), 'PPT_ERR');
  assert.equal(printable('a\x1b]0;pwned\x07b\x1b]8;;http://x\x1b\\c'), 'abc');
  assert.equal(printable('a\x1bPq#0;2\x1b\\b'), 'ab');
  assert.equal(printable('x\x9b1my\x00z\x7f\x08'), 'xyz');
  assert.equal(printable('abc\u202edef\u2066'), 'abcdef');
  assert.equal(printable('Città\tno.\r\nriga 2'), 'Città\tno.\r\nriga 2');
  assert.equal(printableLine('one\ntwo\tthree'), 'one two three');
});

test('printableDeep cleans every string of an answer and leaves the rest', () => {
  assert.deepEqual(printableDeep({ a: ['x\x1b[1my'], n: 5, b: null, c: { d: 'ok\x07' } }), { a: ['xy'], n: 5, b: null, c: { d: 'ok' } });
});
