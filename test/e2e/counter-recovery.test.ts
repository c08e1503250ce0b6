// Dead ends at the counter (issue 9 §7), in Debian's Chromium against browser-kiosk mode:
// - a cart emptied and filled again gave "Errore imprevisto (DB_CONSTRAINT)" on every scan until a
//   reload: now the notice is verified and can be paid;
// - a reload after activation showed an empty "Nuovo pagamento" while the tokens held the notice at
//   the node for up to 30 minutes: now the payment is resumed with its notices and amount, and a
//   cancellation sends its KO at once so the same notice is paid again right away;
// - an outcome the operator moved on from is not brought back by a later reload.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { openApp, screenshot } from './support/app';
import { signIn, signInAndOpenShift } from './support/counter';
import { text } from './support/text';

const t = text('it');
let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const CREDITOR = '77777777777';
const TARI = '301020250000000129';
const CANTEEN = '301020250000000230';
const verifiedRow = (page: Page, noticeNumber: string) => page.locator(`tbody[data-notice="${noticeNumber}"][data-phase="verified"]`);

/**
 * The notice typed into the two fields and added with Enter. Not a wedge scan: scanning is not what
 * these tests are about, and a loaded machine can cut a scan's keystrokes (see support/counter.ts).
 */
async function addNotice(page: Page, noticeNumber: string): Promise<void> {
  await page.locator('.payment[data-busy=""]').waitFor();
  await page.locator('input[name="notice-number"]').fill(noticeNumber);
  await page.locator('input[name="fiscal-code"]').fill(CREDITOR);
  await page.locator('input[name="notice-number"]').focus();
  await page.keyboard.press('Enter');
  await verifiedRow(page, noticeNumber).waitFor();
}

/** After a reload the operator signs in again; their own shift is still open, so the payment screen follows. */
async function signInAgain(page: Page, operator: string): Promise<void> {
  await signIn(page, operator); // code and demo PIN (issue 11)
  await page.locator('.payment[data-busy=""]').waitFor();
}

describe('counter: no dead ends', { timeout: 240_000 }, () => {
  test('every notice removed from the cart, then one added: it is verified and paid, no unexpected error', async (t0) => {
    const { page, kiosk } = await openApp(t0, browser);
    await signInAndOpenShift(page, 'mrossi', '0');
    await addNotice(page, TARI);

    // Alt+↓ selects the notice, F3 removes it: the cart is empty.
    await page.keyboard.press('Alt+ArrowDown');
    await page.locator(`tbody.selected[data-notice="${TARI}"]`).waitFor();
    await page.keyboard.press('F3');
    await page.locator('tbody[data-notice]').first().waitFor({ state: 'detached' });

    // The same notice again, then another: both verified, no error shown.
    await addNotice(page, TARI);
    await addNotice(page, CANTEEN);
    assert.equal(await page.getByTestId('payment-error').count(), 0, 'no error on screen');
    await screenshot(page, 'counter-cart-refilled');

    // And the cart pays: the core's quote for both notices, a card approved, the node took both OKs.
    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: t('counter:tender.title') }).waitFor();
    await page.locator('[data-testid="due"]', { hasText: '€ 167,00' }).waitFor();
    await page.keyboard.press('F6');
    await page.getByRole('dialog', { name: t('counter:tender.cardTitle') }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('paid').waitFor();
    const sessionId = (await page.locator('.payment').getAttribute('data-session'))!;
    const s = kiosk.core.engine.get(sessionId);
    assert.equal(s.status, 'completed');
    assert.deepEqual(
      s.notices.map((n) => `${n.ref.noticeNumber}:${n.phase}`),
      [`${TARI}:accepted`, `${CANTEEN}:accepted`],
    );
  });

  test('a reload after activation resumes the payment; cancelling it frees the notice to be paid again at once', async (t0) => {
    const { page, kiosk, sim } = await openApp(t0, browser);
    await signInAndOpenShift(page, 'mrossi', '0');
    await addNotice(page, TARI);
    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: t('counter:tender.title') }).waitFor();
    const sessionId = (await page.locator('.payment').getAttribute('data-session'))!;
    const token = kiosk.core.engine.get(sessionId).notices[0]!.activation!.paymentToken;

    // The screen reloads (a crash, F5, a kiosk watchdog): the tokens are still held at the node.
    await page.reload();
    await signInAgain(page, 'mrossi');
    await page.getByRole('heading', { name: t('counter:tender.title') }).waitFor();
    const payment = page.locator(`.payment[data-session="${sessionId}"][data-resumed="true"]`);
    await payment.waitFor();
    await page.getByTestId('payment-resumed').waitFor();
    const row = page.locator(`tbody[data-notice="${TARI}"][data-phase="activated"]`);
    assert.match(await row.innerText(), /€ 120,00/);
    await page.locator('[data-testid="due"]', { hasText: '€ 121,50' }).waitFor();
    await screenshot(page, 'counter-resumed-after-reload');

    // The operator cancels it: its KO goes now, the node closes the token.
    await page.keyboard.press('F8');
    await page.getByRole('dialog', { name: t('counter:payment.cancelTitle') }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.payment[data-status="cancelled"]').waitFor();
    await page.getByText(t('counter:end.cancelled.text')).waitFor();
    const released = sim.position(CREDITOR, TARI)!;
    assert.equal(released.sessions.find((x) => x.paymentToken === token)?.status, 'closed-ko');
    assert.equal(released.state, 'payable');

    // Next customer, the same notice: verified, activated and paid right away.
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: t('counter:entry.title') }).waitFor();
    await addNotice(page, TARI);
    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: t('counter:tender.title') }).waitFor();
    await page.keyboard.press('F5');
    await page.locator('input[name="given"]').fill('121,50');
    await page.getByTestId('change').waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: t('counter:tender.confirmTitle') }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('paid').waitFor();
    assert.equal(sim.position(CREDITOR, TARI)!.state, 'paid');
    assert.notEqual(await page.locator('.payment').getAttribute('data-session'), sessionId, 'a new payment');
  });

  test('an outcome on its way is resumed after a reload; once the operator moved on, a reload does not bring it back', async (t0) => {
    const { page, sim } = await openApp(t0, browser);
    await signInAndOpenShift(page, 'mrossi', '0');
    await addNotice(page, CANTEEN);
    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: t('counter:tender.title') }).waitFor();
    sim.injectFaults({ kind: 'http503', primitive: 'sendPaymentOutcomeV2' });
    await page.keyboard.press('F6');
    await page.getByRole('dialog', { name: t('counter:tender.cardTitle') }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: t('counter:outcome.title') }).waitFor();
    const sessionId = (await page.locator('.payment').getAttribute('data-session'))!;

    await page.reload();
    await signInAgain(page, 'mrossi');
    await page.locator(`.payment[data-session="${sessionId}"][data-step="outcome"][data-resumed="true"]`).waitFor();

    // F2: next customer. The outcome goes on in the core; a reload now starts from an empty cart.
    await page.keyboard.press('F2');
    await page.getByRole('heading', { name: t('counter:entry.title') }).waitFor();
    await page.reload();
    await signInAgain(page, 'mrossi');
    await page.getByRole('heading', { name: t('counter:entry.title') }).waitFor();
    assert.equal(await page.locator('.payment').getAttribute('data-session'), '');
    assert.equal(await page.locator('.payment').getAttribute('data-resumed'), 'false');
    sim.clearFaults();
  });
});
