// Issue 14 part 3, the words for a card payment whose answer was lost, in Debian's Chromium against
// browser-kiosk mode with the nexo card terminal simulator (real HTTP and envelopes). The simulator
// approves the payment and resets the connection instead of answering ('lost'), and spoils its status
// answers meanwhile (tamper-hmac): the core cannot tell whether the card was charged. The kiosk and
// the counter say so (do not pay again, wait), offer no second try and no cancel, and follow the core's
// resolver: once the terminal answers again, the approval becomes the tender and the screen moves on by
// itself. One payment request reached the terminal: never a second charge.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { BrowserKiosk } from '../../main/shell/browser-kiosk';
import { configureNexo, nexoSim, type NexoSimulator } from './support/nexo';
import { launchChromium } from './support/browser';
import { openApp, screenshot } from './support/app';
import { NOTICES, scan, signInAndOpenShift } from './support/counter';
import { text } from './support/text';
import { shortCode } from '../../renderer/kiosk/card-check';
import { chooseLanguage, openKiosk, payOnKiosk, scanOnKiosk, step } from './kiosk-steps';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const it = text('it');
/** The core's resolver asks the terminal on every sweep (5 s): a few sweeps of patience. */
const RESOLVE_MS = 60_000;

/** The next payment is approved and its answer lost; the terminal's status answers cannot be believed until `answerAgain`. */
function loseTheAnswer(sim: NexoSimulator): { answerAgain: () => void } {
  sim.script('lost');
  sim.setHostility('tamper-hmac');
  return { answerAgain: () => sim.setHostility('none') };
}

/** The session whose card authorization was started last. */
function cardSession(kiosk: BrowserKiosk): string {
  const started = kiosk.core.db.journal
    .list(0, 10_000)
    .filter((e) => e.kind === 'card-authorization-started')
    .at(-1);
  assert.ok(started?.sessionId, 'a card authorization was started');
  return started.sessionId;
}

/** The terminal saw one payment request for the session, approved and not reversed. */
function chargedOnce(sim: NexoSimulator, sessionId: string): void {
  const txs = sim.transactions().filter((x) => x.reference === sessionId);
  assert.equal(txs.length, 1, 'one payment request reached the terminal: no second charge');
  assert.equal(txs[0]!.approved, true);
  assert.equal(txs[0]!.reversed, false);
}

describe('a card payment whose answer was lost', { timeout: 300_000 }, () => {
  test('kiosk: "checking" screen, no cancel, then the receipt by itself once the terminal answers', async (t0) => {
    const { page, kiosk } = await openKiosk(t0, browser);
    const sim = await nexoSim(t0);
    await configureNexo(kiosk, sim);
    await page.reload();
    await step(page, 'language');
    await chooseLanguage(page, 'it');
    await scanOnKiosk(page, NOTICES.tari);
    await step(page, 'details');
    await page.getByTestId('continue').click();
    await step(page, 'total');
    const lost = loseTheAnswer(sim);
    await payOnKiosk(page);

    await step(page, 'card-checking', RESOLVE_MS);
    const words = await page.getByTestId('card-checking-text').innerText();
    assert.ok(words.includes(it('kiosk:checking.lost')), words);
    assert.ok(words.includes(it('kiosk:checking.doNotPay')), words);
    assert.equal(await page.getByTestId('cancel').count(), 0, 'no cancel while the card may have been charged');
    assert.equal(await page.getByTestId('retry').count(), 0, 'no second try either');
    await screenshot(page, 'kiosk-card-checking');

    const id = cardSession(kiosk);
    assert.equal(kiosk.core.engine.cardHeld(id), true);
    const cancel = await kiosk.api.call('session.cancel', { sessionId: id });
    assert.equal(!cancel.ok && cancel.error.code, 'CARD_AUTHORIZATION_OPEN', 'the core refuses the KO meanwhile');

    lost.answerAgain();
    await step(page, 'receipt', RESOLVE_MS);
    await page.getByTestId('certificate-preview').waitFor();
    await screenshot(page, 'kiosk-card-checked-receipt');
    assert.equal(kiosk.core.engine.get(id).tender?.method, 'card');
    chargedOnce(sim, id);
    const resolved = kiosk.core.db.journal
      .bySession(id)
      .filter((e) => e.kind === 'card-resolved')
      .map((e) => e.payload as { outcome: string; authCode?: string })
      .find((p) => p.outcome === 'approved');
    assert.ok(resolved?.authCode, 'the resolver journaled the approval');
    assert.equal(await page.getByTestId('card-auth').innerText(), resolved.authCode, 'the receipt names the card that paid');
  });

  test('kiosk: still open at the idle time → staff and the code, never a reset; then "no charge was made", try again', async (t0) => {
    const { page, kiosk } = await openKiosk(t0, browser, { idleSeconds: 5 });
    const sim = await nexoSim(t0);
    await configureNexo(kiosk, sim);
    await page.reload();
    await step(page, 'language');
    await chooseLanguage(page, 'it');
    await scanOnKiosk(page, NOTICES.tari);
    await step(page, 'details');
    await page.getByTestId('continue').click();
    await step(page, 'total');
    // The connection is reset before the terminal processes the payment: nothing is charged, but the
    // status answers cannot be believed, so the core cannot know yet.
    sim.script('drop');
    sim.setHostility('tamper-hmac');
    await payOnKiosk(page);
    await step(page, 'card-checking', RESOLVE_MS);
    const id = cardSession(kiosk);

    // Idle 5 s + the 20 s warning: the kiosk does not start over, it sends the citizen to staff.
    await page.getByTestId('card-checking-staff').waitFor({ timeout: RESOLVE_MS });
    assert.equal(await page.getByTestId('session-code').innerText(), shortCode(id));
    assert.equal(await page.locator('.kiosk').getAttribute('data-step'), 'card-checking');
    assert.equal(kiosk.core.engine.get(id).status, 'activated', 'nothing was cancelled behind the citizen');
    await screenshot(page, 'kiosk-card-checking-staff');

    sim.setHostility('none');
    await step(page, 'card-problem', RESOLVE_MS);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), it('kiosk:checking.noCharge.title'));
    await page.getByText(it('kiosk:checking.noCharge.text')).waitFor();
    await page.getByTestId('retry').waitFor();
    await screenshot(page, 'kiosk-card-checked-no-charge');
    assert.equal(sim.transactions().filter((x) => x.reference === id && x.approved).length, 0, 'no approval at the terminal');
    assert.equal(kiosk.core.engine.cardHeld(id), false);
  });

  test('counter: the dialog says "checking, do not repeat", offers no second try, and closes on the tender', async (t0) => {
    const { page, kiosk } = await openApp(t0, browser);
    const sim = await nexoSim(t0);
    await configureNexo(kiosk, sim);
    await signInAndOpenShift(page, 'mrossi', '0');
    await scan(page, NOTICES.tari, '301020250000000129');
    await page.locator('tbody[data-phase="verified"]').first().waitFor();
    await page.keyboard.press('F9');
    await page.getByTestId('due').waitFor();
    const lost = loseTheAnswer(sim);

    await page.keyboard.press('F6');
    const dialog = page.getByRole('dialog', { name: it('tender:counter.title') });
    await dialog.waitFor();
    await dialog.getByTestId('card-checking').waitFor({ timeout: RESOLVE_MS });
    assert.equal(await dialog.getByTestId('card-checking').innerText(), it('tender:counter.checking'));
    assert.equal(await dialog.getByTestId('card-checking-wait').innerText(), it('tender:counter.waiting'));
    assert.equal(await dialog.getByRole('button', { name: it('tender:counter.again') }).count(), 0, 'no second charge offered');
    await screenshot(page, 'counter-card-checking');

    const id = (await page.locator('.payment').getAttribute('data-session'))!;
    const cancel = await kiosk.api.call('session.cancel', { sessionId: id });
    assert.equal(!cancel.ok && cancel.error.code, 'CARD_AUTHORIZATION_OPEN');

    lost.answerAgain();
    await page.getByTestId('paid').waitFor({ timeout: RESOLVE_MS });
    assert.equal(await dialog.count(), 0, 'the dialog closed by itself');
    await screenshot(page, 'counter-card-checked-paid');
    assert.equal(kiosk.core.engine.get(id).tender?.method, 'card');
    chargedOnce(sim, id);
  });
});
