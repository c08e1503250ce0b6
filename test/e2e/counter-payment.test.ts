// The counter end to end, in Debian's Chromium against browser-kiosk mode (a fresh data dir and a
// demo core with its own simulator per test): a notice scanned the way a keyboard-wedge scanner
// types it, the cash tender with the core's change, the outcome taken by the node, and the
// certificate preview; an already-paid notice stopped with the fault's own operator message.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PRINTER_SETTING } from '../../main/services/printer/setting';
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

    await page.keyboard.press('F5');
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

/** The actions' buttons and the status bar do not overlap, and the buttons are inside the window. */
async function assertActionsInSight(page: Page, where: string): Promise<void> {
  const bar = (await page.locator('footer.status-bar').boundingBox())!;
  const viewport = page.viewportSize()!;
  const buttons = page.locator('.step > .action-bar button');
  const n = await buttons.count();
  assert.ok(n > 0, `${where}: actions on screen`);
  for (let i = 0; i < n; i++) {
    const b = (await buttons.nth(i).boundingBox())!;
    const label = await buttons.nth(i).innerText();
    assert.ok(b.y + b.height <= bar.y, `${where}: "${label}" (bottom ${b.y + b.height}) is above the status bar (top ${bar.y})`);
    assert.ok(b.y >= 0 && b.y + b.height <= viewport.height, `${where}: "${label}" is in the window`);
  }
}

describe('counter: money on screen and on paper (issue 13)', { timeout: 180_000 }, () => {
  test('a quick-cash key, the change kept on the done screen and printed with the cash given', async (t0) => {
    const { page, kiosk, dir } = await openApp(t0, browser);
    const spool = join(dir, 'spool', 'receipts.bin');
    kiosk.core.db.settings.set(PRINTER_SETTING, { target: `file:${spool}`, paper: '80mm' });
    await signInAndOpenShift(page, 'mrossi', '100');
    await scan(page, NOTICES.tari, '301020250000000129');
    await page.locator('tbody[data-notice="301020250000000129"][data-phase="verified"]').waitFor();
    await page.locator('[data-testid="running-total"]', { hasText: '€ 120,00' }).waitFor();
    await page.keyboard.press('F9');
    await page.locator('[data-testid="due"]', { hasText: '€ 121,50' }).waitFor();

    // F5 cash: the quick amounts are the exact one, then rounded up to 5, 10, 20, 50, 100 euro.
    await page.keyboard.press('F5');
    const quick = page.getByTestId('quick-cash');
    await quick.waitFor();
    assert.deepEqual((await quick.locator('button kbd').allInnerTexts()).slice(0, 3), ['Alt+1', 'Alt+2', 'Alt+3']);
    await screenshot(page, 'counter-tender-quick-cash');
    await page.keyboard.press('Alt+3'); // 130,00
    assert.equal(await page.locator('input[name="given"]').inputValue(), '130,00');
    await page.locator('[data-testid="change"]', { hasText: '€ 8,50' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: t('counter:tender.confirmTitle') }).waitFor();
    await page.keyboard.press('Enter');

    await page.getByTestId('paid').waitFor();
    const done = page.getByTestId('change-done');
    await done.getByText(t('counter:tender.changeDone', { change: '€ 8,50', given: '€ 130,00' })).waitFor();
    await page.getByTestId('printed').getByText(t('counter:print.done')).waitFor();
    assert.equal(await done.isVisible(), true, 'the change stays on screen after printing');
    await screenshot(page, 'counter-certificate-change');
    const paper = readFileSync(spool).toString('latin1');
    assert.match(paper, new RegExp(`${t('certificate:label.given')} +\\S+ 130,00`), 'cash given on paper');
    assert.match(paper, new RegExp(`${t('certificate:label.change')} +\\S+ 8,50`), 'change on paper');
  });

  test('card with the authorization code, printed on the certificate; the actions in sight at 1280×800', async (t0) => {
    const { page, kiosk, dir } = await openApp(t0, browser);
    await page.setViewportSize({ width: 1280, height: 800 });
    const spool = join(dir, 'spool', 'receipts.bin');
    kiosk.core.db.settings.set(PRINTER_SETTING, { target: `file:${spool}`, paper: '80mm' });
    await signInAndOpenShift(page, 'mrossi', '0');
    await scan(page, NOTICES.multi, '301020250000000432');
    await scan(page, NOTICES.changed, '301020250000001240');
    await scan(page, NOTICES.canteen, '301020250000000230');
    await page.locator('tbody[data-phase="verified"]').nth(2).waitFor();
    await assertActionsInSight(page, 'cart');
    await screenshot(page, 'counter-cart-1280x800');

    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: t('counter:tender.title') }).waitFor();
    await page.getByTestId('due').waitFor();
    await assertActionsInSight(page, 'tender');
    await screenshot(page, 'counter-tender-1280x800');

    await page.keyboard.press('F6');
    const dialog = page.getByRole('dialog', { name: t('counter:tender.cardTitle') });
    await dialog.waitFor();
    // A full card number is refused on the spot, and nothing is recorded.
    await dialog.getByLabel(t('counter:tender.last4')).fill('4111111111111111'.slice(0, 4));
    await dialog.getByLabel(t('counter:tender.authCode')).fill('4111111111111111');
    await page.keyboard.press('Enter');
    await dialog.getByText(t('counter:tender.detailsInvalid')).waitFor();
    const sessionId = (await page.locator('.payment').getAttribute('data-session'))!;
    assert.equal(kiosk.core.engine.get(sessionId).status, 'activated');

    await dialog.getByLabel(t('counter:tender.authCode')).fill('A1B2C3');
    await dialog.getByLabel(t('counter:tender.brand')).fill('VISA');
    await dialog.getByLabel(t('counter:tender.last4')).fill('1234');
    await screenshot(page, 'counter-card-details');
    await page.keyboard.press('Enter');
    await page.getByTestId('paid').waitFor();
    await page.getByTestId('printed').getByText(t('counter:print.done')).waitFor();
    await assertActionsInSight(page, 'certificate');
    const entry = kiosk.core.db.journal.bySession(sessionId).find((e) => e.kind === 'tender-details');
    assert.deepEqual(entry?.payload, {
      method: 'card',
      amountCents: kiosk.core.engine.get(sessionId).tender!.dueCents,
      by: 'mrossi',
      authCode: 'A1B2C3',
      brand: 'VISA',
      last4: '1234',
    });
    const paper = readFileSync(spool).toString('latin1');
    assert.match(paper, new RegExp(`${t('certificate:label.authCode')} +A1B2C3`));
    assert.match(paper, new RegExp(`${t('certificate:label.card')} +\\*\\*\\*\\* 1234`));
    assert.ok(!paper.includes('4111'), 'no card number on paper');
  });
});
