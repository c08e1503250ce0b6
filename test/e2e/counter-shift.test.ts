// A counter shift from float to Z report: a cash payment goes into the drawer, the X report shows
// what is expected, the operator counts blind and closes with a difference; the Z report shows
// expected against counted and the shortfall, and its CSV says the same.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { openApp, screenshot } from './support/app';
import { signInAndOpenShift } from './support/counter';
import { text } from './support/text';

const t = text('it');
let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

describe('counter: shift close', { timeout: 180_000 }, () => {
  test('float 150,00 + a cash payment of 121,50 expected; 270,00 counted: Z report shows 1,50 short', async (t0) => {
    const { page, kiosk } = await openApp(t0, browser);
    await signInAndOpenShift(page, 'mrossi', '150');
    // typed by hand this time, at a person's pace (a burst would be read as a scan): the notice
    // number, Tab, the creditor's fiscal code, Enter
    await page.keyboard.type('301020250000000129', { delay: 120 });
    await page.keyboard.press('Tab');
    await page.keyboard.type('77777777777', { delay: 120 });
    await page.keyboard.press('Enter');
    await page.locator('tbody[data-notice="301020250000000129"][data-phase="verified"]').waitFor();
    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: t('counter:tender.title') }).waitFor();
    await page.keyboard.press('F5'); // cash (F5 cash, F6 card, F7 other on every payment screen)
    await page.locator('input[name="given"]').fill('200');
    await page.locator('[data-testid="change"]', { hasText: '€ 78,50' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: t('counter:tender.confirmTitle') }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('certificate-preview').waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: t('counter:entry.title') }).waitFor();

    // F10: the shift and its X report (nothing changes)
    await page.keyboard.press('F10');
    const x = page.getByTestId('report-x');
    await x.waitFor();
    await x.getByTestId('cash-expected').getByText('€ 271,50').waitFor();
    await x.locator('[data-line="payment-cash"]').getByText('€ 120,00').waitFor();
    // Each sum under its own column, and what was collected on its own line (notices + fee).
    assert.equal((await x.getByTestId('report-amount').innerText()).trim(), '€ 120,00');
    assert.equal((await x.getByTestId('report-fee').innerText()).trim(), '€ 1,50');
    assert.equal((await x.getByTestId('report-total').innerText()).trim(), '€ 121,50');
    await screenshot(page, 'counter-x-report');

    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: t('shift:close.title') }).waitFor();
    // blind count: nothing expected is shown before closing
    assert.equal(await page.getByTestId('cash-expected').count(), 0);
    await page.getByLabel(t('shift:close.counted')).fill('270,00');
    await screenshot(page, 'counter-shift-close');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: t('shift:close.confirmTitle') }).waitFor();
    await page.keyboard.press('Enter');
    // A cash difference is signed off by a supervisor (issue 11): the demo supervisor approves it.
    await page.getByRole('dialog', { name: t('app:supervisor.title') }).waitFor();
    await page.getByLabel(t('app:supervisor.operator')).fill('supervisor');
    await page.getByLabel(t('app:supervisor.pin')).fill('9999');
    await page.keyboard.press('Enter');

    const z = page.getByTestId('report-z');
    await z.waitFor();
    await z.getByTestId('cash-expected').getByText('€ 271,50').waitFor();
    await z.getByTestId('cash-counted').getByText('€ 270,00').waitFor();
    const difference = z.getByTestId('cash-difference');
    assert.equal(await difference.getAttribute('data-cents'), '-150');
    assert.match(await difference.innerText(), /-€ 1,50/);
    assert.ok((await difference.innerText()).includes(t('shift:report.cash.short')));
    await screenshot(page, 'counter-z-report');

    // the core recorded the same, and numbered the Z report
    const shifts = kiosk.core.db.shifts.listRecent({ limit: 5 });
    assert.equal(shifts.length, 1);
    assert.equal(shifts[0]!.closedAt !== null, true);
    assert.equal(shifts[0]!.expectedCashCents, 27150);
    assert.equal(shifts[0]!.countedCashCents, 27000);
    assert.equal(shifts[0]!.differenceCents, -150);
    assert.equal(shifts[0]!.zReportNumber, 1);
    assert.equal(kiosk.core.db.shifts.current(kiosk.core.config.terminal.id), null);

    // F6: the Z report as CSV, downloaded by the browser
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('F6')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    assert.match(download.suggestedFilename(), /^sportello-DEMO01-z-1\.csv$/);
    assert.match(csv, /^cash,expected,,271\.50\r$/m);
    assert.match(csv, /^cash,counted,,270\.00\r$/m);
    assert.match(csv, /^cash,difference,,-1\.50\r$/m);

    // Enter signs the operator out: the next one opens a new shift
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: t('shift:signIn.title') }).waitFor();
  });
});
