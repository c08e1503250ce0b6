// sessions.search, the counter's payment history (issue 13), on a real demo core: every filter the
// history screen uses (notice number, token, amount in cents, operator, time range, payments only),
// combined with AND, newest first and paged by a cursor; a malformed filter is REQUEST_INVALID.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CoreApi } from '../../../main/api/core-api';
import type { SessionState } from '../../../main/engine/types';
import { demoApi, QR, reaches, refusal, value } from './counter-fixture';

/** A cash payment through the contract, in the operator's name, until the node took the outcome. */
async function payAs(api: CoreApi, operatorId: string, qrs: readonly string[]): Promise<SessionState> {
  const s = value(await api.call('session.start', { kind: 'counter', operatorId }));
  for (const text of qrs) value(await api.call('session.addNotice', { sessionId: s.id, text }));
  value(await api.call('session.activate', { sessionId: s.id }));
  const done = reaches(api, s.id, ['completed']);
  value(await api.call('session.tender', { sessionId: s.id, method: 'cash', givenCents: 50_000 }));
  return done;
}

const ids = (r: { sessions: { id: string }[] }) => r.sessions.map((s) => s.id);

describe('sessions.search: the payment history', { timeout: 120_000 }, () => {
  test('by notice, token, amount, operator and time; filters combine; newest first; paged', async (t) => {
    const { api, core } = await demoApi(t);
    const tari = await payAs(api, 'mrossi', [QR.tari]); // 120.00 + 1.50 fee
    const canteen = await payAs(api, 'lbianchi', [QR.canteen]); // 45.50 + 1.50
    const both = await payAs(api, 'mrossi', [QR.permit, QR.multi]); // 250.00 + 99.00 + 1.50
    const emptyCart = value(await api.call('session.start', { kind: 'counter', operatorId: 'mrossi' }));

    // nothing given: the newest sessions, the empty cart included; paymentsOnly leaves it out
    assert.deepEqual(ids(value(await api.call('sessions.search', {}))), [emptyCart.id, both.id, canteen.id, tari.id]);
    assert.deepEqual(ids(value(await api.call('sessions.search', { paymentsOnly: true }))), [both.id, canteen.id, tari.id]);

    // notice number and token; the rows name their notices, amounts and tokens
    const byNotice = value(await api.call('sessions.search', { noticeNumber: '301020250000000432' }));
    assert.deepEqual(ids(byNotice), [both.id]);
    assert.deepEqual(
      byNotice.sessions[0]!.notices.map((n) => [n.noticeNumber, n.amountCents, n.paymentToken]),
      both.notices.map((n) => [n.ref.noticeNumber, n.activation!.totalAmountCents, n.activation!.paymentToken]),
    );
    const token = canteen.notices[0]!.activation!.paymentToken;
    assert.deepEqual(ids(value(await api.call('sessions.search', { paymentToken: token }))), [canteen.id]);
    assert.deepEqual(ids(value(await api.call('sessions.search', { paymentToken: 'no-such-token' }))), []);

    // amount: what the customer paid (fee included) or the notices' sum
    assert.deepEqual(ids(value(await api.call('sessions.search', { amountCents: 4700 }))), [canteen.id]);
    assert.deepEqual(ids(value(await api.call('sessions.search', { amountCents: 4550 }))), [canteen.id]);
    assert.deepEqual(ids(value(await api.call('sessions.search', { amountCents: 34_900 }))), [both.id]);
    assert.deepEqual(ids(value(await api.call('sessions.search', { amountCents: 4551 }))), []);

    // operator, alone and with an amount (AND)
    assert.deepEqual(ids(value(await api.call('sessions.search', { operatorId: 'mrossi', paymentsOnly: true }))), [both.id, tari.id]);
    assert.deepEqual(ids(value(await api.call('sessions.search', { operatorId: 'mrossi', amountCents: 12_150 }))), [tari.id]);
    assert.deepEqual(ids(value(await api.call('sessions.search', { operatorId: 'lbianchi', amountCents: 12_150 }))), []);

    // time range: from inclusive, to exclusive, any ISO spelling of the instant
    const created = (id: string) => core.db.sessions.require(id).createdAt;
    const from = created(canteen.id);
    const to = created(both.id);
    assert.deepEqual(ids(value(await api.call('sessions.search', { from, to }))), [canteen.id]);
    // the whole second, written without milliseconds, still holds the payment made within it
    const wholeSecond = created(tari.id).replace(/\.\d+Z$/, 'Z');
    assert.ok(ids(value(await api.call('sessions.search', { from: wholeSecond }))).includes(tari.id));

    // pages of one, newest first, until next is null
    const seen: string[] = [];
    let before: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = value(await api.call('sessions.search', { paymentsOnly: true, limit: 1, ...(before ? { before } : {}) }));
      seen.push(...ids(page));
      if (!page.next) break;
      before = page.next;
    }
    assert.deepEqual(seen, [both.id, canteen.id, tari.id]);
  });

  test('a bad filter is REQUEST_INVALID, naming the field', async (t) => {
    const { api } = await demoApi(t);
    const bad: [Record<string, unknown>, string][] = [
      [{ amountCents: 12.5 }, 'amountCents'],
      [{ amountCents: '12,50' }, 'amountCents'],
      [{ amountCents: 0 }, 'amountCents'],
      [{ from: 'yesterday' }, 'from'],
      [{ from: '2026-12-05T10:00:00Z', to: '2026-12-05T09:00:00Z' }, 'to'],
      [{ noticeNumber: '3010' }, 'noticeNumber'],
      [{ before: "2026-12-05T10:00:00Z' OR 1=1" }, 'before'],
      [{ operator: 'mrossi' }, '(request)'],
    ];
    for (const [request, field] of bad) {
      const e = refusal(await api.call('sessions.search', request as never));
      assert.equal(e.code, 'REQUEST_INVALID', JSON.stringify(request));
      const issues = JSON.stringify(e.details);
      assert.ok(issues.includes(field === '(request)' ? 'operator' : field), `${JSON.stringify(request)} names ${field}: ${issues}`);
    }
  });
});
