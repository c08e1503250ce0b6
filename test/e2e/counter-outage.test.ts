// The node goes down while a counter payment's outcome is on its way (the simulator's `outage`
// fault: every SOAP connection cut). The money is taken, the outcome waits in the outbox, the
// staff status bar shows it pending with its deadline and the node unreachable, the operator
// hands over the pending slip; when the node is back the outbox delivers, the status bar clears
// and the screen moves on to the certificate by itself.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { openApp, screenshot } from './support/app';
import { NOTICES, scan, signInAndOpenShift } from './support/counter';
import { text } from './support/text';

const t = text('it');
let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

describe('counter: node outage during the outcome', { timeout: 180_000 }, () => {
  test('pending slip while the node is down, delivered after recovery, shown in the status bar', async (t0) => {
    // A short retry slot (SANP's is 15 s) so the recovery shows within seconds.
    const { page, kiosk, sim } = await openApp(t0, browser, { retrySlotMs: 1_000 });
    await signInAndOpenShift(page, 'mrossi', '50');
    await scan(page, NOTICES.canteen, '301020250000000230');
    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: t('counter:tender.title') }).waitFor();

    sim.injectFaults({ kind: 'outage' });
    await page.keyboard.press('F5');
    await page.locator('input[name="given"]').fill('50');
    await page.getByTestId('change').waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: t('counter:tender.confirmTitle') }).waitFor();
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: t('counter:outcome.title') }).waitFor();
    await page.locator('[data-testid="status-outbox"][data-depth="1"]').waitFor();
    await page.locator('[data-testid="status-node"][data-state="unreachable"]').waitFor();
    await page.getByTestId('outcome-offline').waitFor();
    const bar = await page.getByTestId('status-outbox').innerText();
    assert.match(bar, /Esiti in attesa: 1/);
    assert.match(bar, /\d+:\d\d/, 'the nearest deadline is counted down');
    const sessionId = (await page.locator('.payment').getAttribute('data-session'))!;
    assert.equal(kiosk.core.engine.get(sessionId).status, 'outcome-pending');

    // the pending slip is on screen without a key
    const slip = page.locator('figure.certificate-preview[data-kind="pending"]');
    await slip.waitFor();
    const svg = decodeURIComponent((await slip.locator('img').getAttribute('src'))!);
    assert.ok(svg.includes(t('certificate:title.pending')), 'the pending slip, not the certificate');
    await screenshot(page, 'counter-outcome-pending');

    sim.clearFaults();
    await page.getByRole('heading', { name: t('counter:certificate.title') }).waitFor();
    await page.locator('[data-testid="status-outbox"][data-depth="0"]').waitFor();
    await page.locator('[data-testid="status-node"][data-state="reachable"]').waitFor();
    assert.equal(kiosk.core.engine.get(sessionId).status, 'completed');
    const position = sim.position('77777777777', '301020250000000230')!;
    assert.equal(position.state, 'paid');
    await page.locator('figure.certificate-preview[data-kind="final"]').waitFor();
    await screenshot(page, 'counter-after-recovery');
  });
});
