// The counter end to end, in Debian's Chromium against browser-kiosk mode (a fresh data dir and a
// demo core with its own simulator per test): a notice scanned the way a keyboard-wedge scanner
// types it, the cash tender with the core's change, the outcome taken by the node, and the
// certificate preview; an already-paid notice stopped with the fault's own operator message.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { openApp, screenshot } from './support/app';
import { NOTICES, scan, signIn, signInAndOpenShift } from './support/counter';
import { text } from './support/text';

const t = text('it');
let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

describe('counter: one payment', { timeout: 180_000 }, () => {
  test('a wedge scan, cash with change, the node takes the outcome, the certificate preview shows the token', async (t0) => {
    const { page, kiosk } = await openApp(t0, browser);
    await page.getByRole('heading', { name: t('shift:signIn.title') }).waitFor();
    await page.getByTestId('demo-banner').waitFor();
    await screenshot(page, 'counter-sign-in');

    await signIn(page, 'mrossi');
    await page.getByLabel(t('shift:open.float')).waitFor();
    await screenshot(page, 'counter-shift-open');
    await page.getByLabel(t('shift:open.float')).fill('150,00');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: t('counter:entry.title') }).waitFor();

    // The focus is in the notice field: a scan must not be typed into it.
    await scan(page, NOTICES.tari, '301020250000000129');
    const row = page.locator('tbody[data-notice="301020250000000129"][data-phase="verified"]');
    await row.waitFor();
    assert.equal(await page.locator('input[name="notice-number"]').inputValue(), '', 'the scanned text never reached the field');
    assert.match(await row.innerText(), /Comune di Borgo Esempio/);
    assert.match(await row.innerText(), /€ 120,00/);
    await screenshot(page, 'counter-cart');

    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: t('counter:tender.title') }).waitFor();
    // What is owed comes from the core's quote: notices + the demo's flat fee.
    const quote = await kiosk.api.call('session.quote', {
      sessionId: (await page.locator('.payment').getAttribute('data-session'))!,
      method: 'cash',
      givenCents: null,
    });
    assert.ok(quote.ok);
    assert.equal(quote.value.dueCents, 12150);
    await page.locator('[data-testid="due"]', { hasText: '€ 121,50' }).waitFor();

    await page.keyboard.press('F4');
    await page.locator('input[name="given"]').fill('130');
    await page.locator('[data-testid="change"]', { hasText: '€ 8,50' }).waitFor();
    await screenshot(page, 'counter-tender-cash');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: t('counter:tender.confirmTitle') }).waitFor();
    await page.keyboard.press('Enter');

    const preview = page.getByTestId('certificate-preview');
    await preview.waitFor();
    await page.getByTestId('paid').waitFor();
    const sessionId = (await page.locator('.payment').getAttribute('data-session'))!;
    const session = kiosk.core.engine.get(sessionId);
    assert.equal(session.status, 'completed');
    const token = session.notices[0]!.activation!.paymentToken;
    const svg = decodeURIComponent((await preview.getAttribute('src'))!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    assert.match(svg, /ATTESTAZIONE DI PAGAMENTO/);
    assert.ok(svg.includes(token), 'the certificate shows the payment token');
    assert.match(svg, /121,50/);
    // The money went into the open shift's drawer, with the operator on the tender row.
    const tenders = kiosk.core.db.tenders.listBySession(sessionId);
    assert.equal(tenders.length, 1);
    assert.equal(tenders[0]!.operatorId, 'mrossi');
    assert.equal(tenders[0]!.shiftId, kiosk.core.db.shifts.current(kiosk.core.config.terminal.id)!.id);
    await page.locator('[data-testid="status-outbox"][data-depth="0"]').waitFor();
    await page.locator('[data-testid="status-node"][data-state="reachable"]').waitFor();
    await screenshot(page, 'counter-certificate');

    // F1 lists the keys that work on this screen.
    await page.keyboard.press('F1');
    await page.getByRole('dialog', { name: t('app:shortcuts.title') }).waitFor();
    await screenshot(page, 'counter-shortcuts');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: t('counter:entry.title') }).waitFor();
  });

  test("an already-paid notice: the node's verdict in the operator's words, and nothing to pay", async (t0) => {
    const { page } = await openApp(t0, browser);
    await signInAndOpenShift(page, 'lbianchi', '100');
    await scan(page, NOTICES.paid, '301020250000000735');
    const row = page.locator('tbody[data-notice="301020250000000735"][data-phase="verify-failed"]');
    await row.waitFor();
    await row.getByText(t('faults.PPT_PAGAMENTO_DUPLICATO.verify')).waitFor();
    assert.equal(await page.locator('button[data-action="proceed"]').isDisabled(), true, 'nothing can be paid');
    await screenshot(page, 'counter-already-paid');

    // F8 cancels the cart (nothing was taken), after a confirmation.
    await page.keyboard.press('F8');
    await page.getByRole('dialog', { name: t('counter:payment.cancelTitle') }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: t('counter:end.cancelled.title') }).waitFor();
  });
});
