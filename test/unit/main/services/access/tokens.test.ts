// Token lifetimes: a call extends its token, a look (deciding who receives a pushed event) does
// not, so a screen that only listens is signed out after the idle time like any other.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenStore } from '../../../../../main/services/access/tokens';

describe('TokenStore', () => {
  test('use extends the idle time, peek only looks', () => {
    let now = 1_000;
    const tokens = new TokenStore<string>(() => now, 100);
    const { auth } = tokens.issue('mrossi');
    now += 90;
    assert.equal(tokens.peek(auth), 'mrossi');
    now += 20; // 110 ms since issue, with only peeks in between: idle
    assert.equal(tokens.peek(auth), null);
    assert.equal(tokens.use(auth), null);

    const second = tokens.issue('sup').auth;
    now += 90;
    assert.equal(tokens.use(second), 'sup'); // a call: 100 ms more from here
    now += 90;
    assert.equal(tokens.peek(second), 'sup');
    tokens.revoke(second);
    assert.equal(tokens.peek(second), null);
  });
});
