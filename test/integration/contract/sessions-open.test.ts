// sessions.open: the payments a reloaded counter screen resumes (issue 9 §7). A real demo core and
// its simulator; the sessions are moved on through the contract, as the screen moves them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activated, demoApi, reaches, value } from './counter-fixture';

const TARI = 'PAGOPA|002|301020250000000129|77777777777|12000';
const CANTEEN = 'PAGOPA|002|301020250000000230|77777777777|4550';
const PERMIT = 'PAGOPA|002|301020250000000331|77777777777|25000';

test("sessions.open lists the terminal's payments still in progress, newest first, and drops them once they end", async (t) => {
  const { api, core } = await demoApi(t);
  const open = async () => value(await api.call('sessions.open', {})).sessions.map((s) => `${s.status}:${s.notices.length}`);
  assert.deepEqual(await open(), []);

  // An empty cart is nothing to resume; a cart with a verified notice is.
  const cart = value(await api.call('session.start', { kind: 'counter' }));
  assert.deepEqual(await open(), []);
  value(await api.call('session.addNotice', { sessionId: cart.id, text: PERMIT }));
  assert.deepEqual(await open(), ['cart:1']);

  // Tokens held and waiting for the tender: the whole session, with its amounts.
  const held = await activated(api, [TARI, CANTEEN]);
  const listed = value(await api.call('sessions.open', {})).sessions;
  assert.deepEqual(
    listed.map((s) => s.id),
    [held.id, cart.id],
  );
  assert.deepEqual(
    listed[0]!.notices.map((n) => n.activation?.totalAmountCents),
    [12000, 4550],
  );

  // A CLI run on the same terminal drives its own session: not the screen's.
  const cli = core.engine.startSession('cli');
  await core.engine.addNotice(cli.id, {
    fiscalCode: '77777777777',
    noticeNumber: '301020250000000432',
    scannedAmountCents: null,
    source: 'manual',
  });
  assert.deepEqual((await open()).length, 2);

  // Cancelled: the KO goes out and, once the node took it, the session is no longer open.
  value(await api.call('session.cancel', { sessionId: held.id }));
  await reaches(api, held.id, ['cancelled']);
  value(await api.call('session.cancel', { sessionId: cart.id }));
  assert.deepEqual(await open(), []);
});

test('an activation left untendered by a restart is offered again (tender or KO), a tendered one waits for its outcome', async (t) => {
  const { api, core } = await demoApi(t);
  const held = await activated(api, [TARI]);
  // What recovery does to a counter's untendered activation at start: the operator decides.
  await core.engine.apply(held.id, { type: 'abandoned', unattended: false });
  const [resumable] = value(await api.call('sessions.open', {})).sessions;
  assert.equal(resumable?.id, held.id);
  assert.equal(resumable?.status, 'needs-decision');
  assert.equal(resumable?.decisionReason, 'abandoned-activation');

  // The node answers the outcome with 503 for now: the OK stays queued, the screen shows it pending.
  core.sim!.injectFaults({ kind: 'http503', primitive: 'sendPaymentOutcomeV2' });
  const tendered = value(await api.call('session.tender', { sessionId: held.id, method: 'card' }));
  assert.equal(tendered.status, 'outcome-pending');
  assert.deepEqual(
    value(await api.call('sessions.open', {})).sessions.map((s) => `${s.id}:${s.status}`),
    [`${held.id}:outcome-pending`],
  );
  core.sim!.clearFaults();
  core.outbox.kick();
  await reaches(api, held.id, ['completed']);
  assert.deepEqual(value(await api.call('sessions.open', {})).sessions, []);
});
