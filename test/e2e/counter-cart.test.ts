// A cart of three notices at the counter: the operator sees what changed since printing and which
// notice is served in Stand-In, the core's total with one fee, a card payment confirmed by the
// operator, one outcome per token taken by the node, and the certificate printed (then reprinted
// as a duplicate) on the configured printer.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { PRINTER_SETTING } from '../../main/services/printer/setting';
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

describe('counter: a three-notice cart', { timeout: 180_000 }, () => {
  test('three scans, their warnings, one card tender, three outcomes accepted, one certificate', async (t0) => {
    const { page, kiosk, sim, dir } = await openApp(t0, browser);
    // A receipt printer the technician chose: a spool file takes the ESC/POS bytes.
    const spool = join(dir, 'spool', 'receipts.bin'); // files print only inside the spool directory (issue 11)
    kiosk.core.db.settings.set(PRINTER_SETTING, { target: `file:${spool}`, paper: '80mm' });
    await signInAndOpenShift(page, 'mrossi', '0');
    await page.getByTestId('status-printer').getByText(`file:${spool}`, { exact: false }).waitFor();
    await scan(page, NOTICES.multi, '301020250000000432');
    await scan(page, NOTICES.changed, '301020250000001240');
    await scan(page, NOTICES.standin, '301020250000001139');
    await page.locator('tbody[data-phase="verified"]').nth(2).waitFor();
    assert.equal(await page.locator('tbody[data-notice]').count(), 3);

    // Printed 100.00, now 112.50: both amounts are shown and the verified one is paid.
    const changed = page.locator('tbody[data-notice="301020250000001240"]');
    await changed.getByText('€ 100,00', { exact: false }).first().waitFor();
    assert.match(await changed.innerText(), /€ 112,50/);
    await page.locator('tbody[data-notice="301020250000001139"]').getByText(t('counter:warning.standin')).waitFor();
    await screenshot(page, 'counter-cart-three');

    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: t('counter:tender.title') }).waitFor();
    const sessionId = (await page.locator('.payment').getAttribute('data-session'))!;
    const quote = await kiosk.api.call('session.quote', { sessionId, method: 'card', givenCents: null });
    assert.ok(quote.ok);
    // 99.00 + 112.50 + 36.15 = 247.65, and the demo's flat fee once per cart
    assert.equal(quote.value.noticesCents, 24765);
    assert.equal(quote.value.dueCents, 24915);
    await page.locator('[data-testid="due"]', { hasText: '€ 249,15' }).waitFor();
    await screenshot(page, 'counter-tender-three');

    await page.keyboard.press('F6');
    await page
      .getByRole('dialog', { name: t('counter:tender.cardTitle') })
      .getByText(/€ 249,15/)
      .waitFor();
    await screenshot(page, 'counter-card-confirm');
    await page.keyboard.press('Enter');
    await page.getByTestId('certificate-preview').waitFor();

    // With a printer the original prints at once, and the session is certified.
    await page.getByTestId('printed').getByText(t('counter:print.done')).waitFor();
    const s = kiosk.core.engine.get(sessionId);
    assert.equal(s.status, 'certified');
    const printed = readFileSync(spool);
    assert.ok(printed.includes(Buffer.from('ATTESTAZIONE DI PAGAMENTO')));
    assert.equal(s.tender?.method, 'card');
    for (const n of s.notices) {
      assert.equal(n.phase, 'accepted');
      // the node took exactly one OK for each token, as the simulator recorded it
      const position = sim.position(n.ref.fiscalCode, n.ref.noticeNumber)!;
      const token = position.sessions.find((x) => x.paymentToken === n.activation!.paymentToken)!;
      assert.equal(token.status, 'closed-ok');
      assert.deepEqual(
        token.received.map((r) => `${r.outcome}:${r.answer}`),
        ['OK:OK'],
      );
      assert.equal(position.state, 'paid');
    }
    const svg = decodeURIComponent((await page.getByTestId('certificate-preview').getAttribute('src'))!);
    for (const n of s.notices) assert.ok(svg.includes(n.activation!.paymentToken), `token of ${n.ref.noticeNumber} on the certificate`);
    await screenshot(page, 'counter-certificate-printed');

    // F4 again: a reprint, marked as a duplicate on paper
    await page.keyboard.press('F4');
    await page.getByTestId('printed').getByText(t('counter:print.duplicateDone')).waitFor();
    assert.ok(readFileSync(spool).subarray(printed.length).includes(Buffer.from('COPIA/DUPLICATO')));
  });
});

describe('counter: notices that cannot be paid, and a verify to retry (issue 13)', { timeout: 180_000 }, () => {
  test('a failed verify retried by key; an already-paid notice marked, left out, removed with one key; F9 for the rest', async (t0) => {
    const { page, sim } = await openApp(t0, browser);
    await signInAndOpenShift(page, 'mrossi', '0');

    // pagoPA does not answer: the row says so and can be verified again.
    sim.injectFaults({ kind: 'outage' });
    await scan(page, NOTICES.tari, '301020250000000129');
    const tari = page.locator('tbody[data-notice="301020250000000129"]');
    await page.locator('tbody[data-notice="301020250000000129"][data-phase="verify-failed"]').waitFor();
    assert.equal(await tari.getAttribute('data-unpayable'), null, 'no answer is not a verdict on the notice');
    await tari.locator('button[data-action="retry-row"]').waitFor();
    sim.clearFaults();

    // Already paid: marked, not counted, not in the total.
    await scan(page, NOTICES.paid, '301020250000000735');
    const paid = page.locator('tbody[data-notice="301020250000000735"][data-unpayable="true"]');
    await paid.getByText(t('counter:phase.unpayable')).waitFor();
    await scan(page, NOTICES.canteen, '301020250000000230');
    await page.locator('tbody[data-notice="301020250000000230"][data-phase="verified"]').waitFor();
    await page.locator('[data-testid="running-total"]', { hasText: '€ 45,50' }).waitFor();
    await page
      .getByRole('table')
      .getByText(t('counter:entry.cart', { count: 2, max: 5 }))
      .waitFor();
    await page.getByTestId('unpayable-hint').waitFor();
    await screenshot(page, 'counter-cart-unpayable');

    // Alt+R verifies again what got no answer.
    await page.keyboard.press('Alt+R');
    await page.locator('tbody[data-notice="301020250000000129"][data-phase="verified"]').waitFor();
    await page.locator('[data-testid="running-total"]', { hasText: '€ 165,50' }).waitFor();
    assert.equal(await page.locator('button[data-action="proceed"]').isDisabled(), false, 'F9 pays the payable notices');

    // F1 names the keys as people say them.
    await page.keyboard.press('F1');
    const help = page.getByRole('dialog', { name: t('app:shortcuts.title') });
    await help.waitFor();
    const keys = await help.locator('kbd').allInnerTexts();
    assert.ok(keys.includes('Alt+↑') && keys.includes(t('app:shortcuts.keys.Enter')), keys.join(' '));
    assert.ok(!keys.some((k) => /Arrow|Escape/.test(k)), keys.join(' '));
    await screenshot(page, 'counter-shortcuts-words');
    await page.keyboard.press('Escape');

    // F3 with no notice selected: every unpayable notice out at once.
    await page.keyboard.press('F3');
    await page.locator('tbody[data-notice="301020250000000735"]').waitFor({ state: 'detached' });
    assert.equal(await page.locator('tbody[data-notice]').count(), 2);

    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: t('counter:tender.title') }).waitFor();
    await page.locator('[data-testid="due"]', { hasText: '€ 167,00' }).waitFor();
  });
});
