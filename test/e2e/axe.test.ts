// Accessibility of every kiosk screen: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) run in Debian's
// Chromium on each step a citizen can see, in order, with the simulator slowed where a step would
// otherwise pass too fast to be looked at. No serious or critical violation may be found.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { writeKioskTiming } from '../../main/services/kiosk/settings';
import { launchChromium } from './support/browser';
import { screenshot } from './support/app';
import { NOTICES } from './support/counter';
import { chooseLanguage, openKiosk, scanOnKiosk, step, typeOnKeypad } from './kiosk-steps';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const scanned: string[] = [];

/** Runs axe on the page as it is now; fails on any serious or critical violation, naming rule and elements. */
async function audit(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
  assert.equal(bad.length, 0, `${screen}: ${report}`);
  assert.ok(result.passes.length > 0, `${screen}: axe ran no check at all`);
  scanned.push(screen);
  await screenshot(page, `axe-kiosk-${screen}`);
}

describe('kiosk accessibility (axe-core)', { timeout: 300_000 }, () => {
  test('every kiosk screen has no serious or critical WCAG violation', async (t0) => {
    // First authorization waits for a card until cancelled, the next one is approved.
    const { page, sim, kiosk } = await openKiosk(t0, browser, { script: 'timeout,approve', cardWaitMs: 60_000, stepMs: 300 });
    await audit(page, 'language');
    await chooseLanguage(page, 'it');
    await audit(page, 'scan');

    // A product barcode instead of a notice: the scan screen says why.
    for (let i = 0; i < 5 && (await page.locator('[data-problem="unreadable"]').count()) === 0; i++) {
      await page.keyboard.type('8001234567890', { delay: 5 });
      await page.keyboard.press('Enter');
      await page
        .locator('[data-problem="unreadable"]')
        .waitFor({ timeout: 5_000 })
        .catch(() => undefined);
    }
    await audit(page, 'scan-unreadable');

    await page.getByTestId('type-notice').click();
    await step(page, 'type-notice');
    await typeOnKeypad(page, '30102025000000');
    await audit(page, 'type-notice');
    await typeOnKeypad(page, '0230');
    await page.getByTestId('next').click();
    await step(page, 'type-creditor');
    await typeOnKeypad(page, '77777777777');
    await audit(page, 'type-creditor');

    sim.injectFaults({ kind: 'latency', primitive: 'verifyPaymentNotice', latencyMs: 6_000, count: 1 });
    await page.getByTestId('next').click();
    await step(page, 'busy');
    await audit(page, 'busy-checking');
    await step(page, 'details');
    await audit(page, 'details');

    sim.injectFaults({ kind: 'latency', primitive: 'activatePaymentNoticeV2', latencyMs: 6_000, count: 1 });
    await page.getByTestId('continue').click();
    await step(page, 'busy');
    await audit(page, 'busy-reserving');
    await step(page, 'total');
    await audit(page, 'total');

    await page.getByTestId('pay-card').click();
    await step(page, 'card');
    await audit(page, 'card');
    await page.getByTestId('cancel-card').click();
    await step(page, 'card-problem');
    await audit(page, 'card-problem');

    sim.injectFaults({ kind: 'latency', primitive: 'sendPaymentOutcomeV2', latencyMs: 8_000, count: 1 });
    await page.getByTestId('retry').click();
    await step(page, 'confirming');
    await audit(page, 'confirming');
    await step(page, 'receipt');
    await page.getByTestId('certificate-preview').waitFor();
    await audit(page, 'receipt');

    await page.getByTestId('done').click();
    await step(page, 'language');
    await chooseLanguage(page, 'it');
    await scanOnKiosk(page, NOTICES.paid);
    await step(page, 'problem');
    await audit(page, 'problem-already-paid');
    await page.getByTestId('done').click();
    await step(page, 'language');

    // The inactivity warning: a short idle time, read at the next start.
    writeKioskTiming(kiosk.core.db, { idleSeconds: 5, warningSeconds: 20 });
    await page.reload();
    await chooseLanguage(page, 'en');
    await page.getByTestId('idle-warning').waitFor({ timeout: 60_000 });
    await audit(page, 'idle-warning');

    assert.deepEqual(scanned, [
      'language',
      'scan',
      'scan-unreadable',
      'type-notice',
      'type-creditor',
      'busy-checking',
      'details',
      'busy-reserving',
      'total',
      'card',
      'card-problem',
      'confirming',
      'receipt',
      'problem-already-paid',
      'idle-warning',
    ]);

    // The check itself can fail here: a button without a name on the same page is reported as critical.
    await page.evaluate(() => document.querySelector('.kiosk')?.appendChild(document.createElement('button')));
    const broken = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    assert.ok(
      broken.violations.some((v) => v.id === 'button-name' && v.impact === 'critical'),
      'axe must see a nameless button',
    );
  });

  test('the screens without a printer have no serious or critical WCAG violation', async (t0) => {
    // Out of service: the first screen in three languages, nothing to press.
    const closed = await openKiosk(t0, browser, { printer: 'unreachable', withoutPrinter: 'out-of-service' });
    await closed.page.getByTestId('kiosk-out-of-service').waitFor();
    await audit(closed.page, 'out-of-service');

    // The QR receipt: said on the first screen, the consent before the card, the receipt as a QR code.
    const { page } = await openKiosk(t0, browser, { printer: 'none', withoutPrinter: 'qr-receipt' });
    await page.getByTestId('no-paper-receipt').waitFor();
    await audit(page, 'no-paper-welcome');
    await chooseLanguage(page, 'it');
    await scanOnKiosk(page, NOTICES.tari);
    await step(page, 'details');
    await page.getByTestId('continue').click();
    await step(page, 'total');
    await page.getByTestId('consent-qr').waitFor();
    await audit(page, 'qr-consent');
    await page.getByTestId('consent-qr').click();
    await page.getByTestId('pay-card').click();
    await step(page, 'receipt', 60_000);
    await page.getByTestId('receipt-qr').waitFor();
    await audit(page, 'qr-receipt');
  });
});
