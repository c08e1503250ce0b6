// Technician mode end to end, in Debian's Chromium against browser-kiosk mode (a fresh data dir and a
// demo core per test): the PIN lock-out (checked by the core, surviving a reload), and the sections a
// technician works in: devices with a wedge test scan and a test page, the connectivity test, the
// outbox with a pending outcome's countdown and retry, the journal check and export, diagnostics.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { openApp, screenshot } from './support/app';
import { NOTICES } from './support/counter';
import { pattern, text } from './support/text';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const t = text('it');
const DEMO_PIN = '246810';

describe('technician mode', { timeout: 240_000 }, () => {
  test('five wrong PINs lock it out; a reload does not reset it; the right PIN is refused meanwhile', async (t0) => {
    const { page, kiosk } = await openApp(t0, browser, { mode: 'technician' });
    await page.getByRole('heading', { name: t('technician:lock.title') }).waitFor();
    await page.getByTestId('demo-pin').waitFor();
    assert.match(await page.getByTestId('demo-pin').innerText(), new RegExp(DEMO_PIN));
    await screenshot(page, 'technician-lock');
    const pin = page.getByLabel(t('technician:lock.pin'));
    for (let i = 1; i <= 4; i++) {
      await pin.fill('135790');
      await page.keyboard.press('Enter');
      await page
        .getByTestId('pin-attempts')
        .filter({ hasText: t('technician:lock.attempts', { left: 5 - i, max: 5 }) })
        .waitFor();
      assert.equal(await page.getByTestId('pin-error').innerText(), t('technician:errors.PIN_WRONG', { attemptsLeft: 5 - i }));
    }
    await pin.fill('135790');
    await page.keyboard.press('Enter');
    await page.getByTestId('pin-locked').waitFor();
    assert.match(await page.getByTestId('pin-locked').innerText(), pattern(t('technician:lock.locked')));
    assert.equal(await pin.isDisabled(), true);
    await screenshot(page, 'technician-locked-out');

    await page.reload();
    await page.getByTestId('pin-locked').waitFor();
    assert.equal(await page.getByLabel(t('technician:lock.pin')).isDisabled(), true, 'still locked after a reload');
    // Asked directly, the core refuses even the right PIN while locked.
    const direct = await kiosk.api.call('technician.unlock', { pin: DEMO_PIN });
    assert.equal(direct.ok ? 'unlocked' : direct.error.code, 'PIN_LOCKED');
    assert.equal(await page.getByTestId('technician-devices').count(), 0);
  });

  test('unlocked: devices, a test scan and page, the connectivity test, the outbox, the journal, diagnostics', async (t0) => {
    const { page, kiosk, sim, dir } = await openApp(t0, browser, { mode: 'technician' });
    const downloads = join(dir, 'downloads');
    await page.getByLabel(t('technician:lock.pin')).fill(DEMO_PIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('technician-devices').waitFor();
    await page.getByTestId('default-pin').waitFor();
    await page.getByTestId('live-status').waitFor();

    // Test scan: a wedge scan anywhere on the page (5 ms a key) shows what sportello reads.
    for (let attempt = 0; attempt < 5 && (await page.getByTestId('test-scan-result').count()) === 0; attempt++) {
      await page.locator('h1').click();
      await page.keyboard.type(NOTICES.tari, { delay: 5 });
      await page.keyboard.press('Enter');
      await page
        .getByTestId('test-scan-result')
        .waitFor({ timeout: 5_000 })
        .catch(() => undefined);
    }
    assert.equal(await page.getByTestId('scan-notice').innerText(), '301020250000000129');

    // A spool file as the printer: the test page lands in it.
    // Files print only directly inside the spool directory (<dataDir>/spool by default).
    const spool = join(dir, 'spool', 'printer.bin');
    await page.getByLabel(t('technician:devices.printer.custom')).check();
    await page.getByLabel(t('technician:devices.printer.target')).fill(`file:${spool}`);
    await page.keyboard.press('Control+s');
    await page
      .getByTestId('devices-message')
      .filter({ hasText: t('technician:devices.saved') })
      .waitFor();
    await page.getByTestId('test-print').click();
    await page.getByTestId('test-print-result').waitFor();
    assert.ok(statSync(spool).size > 0, 'the test page reached the printer');
    await page.locator('.technician-live dd[data-state="unknown"]').waitFor();
    await screenshot(page, 'technician-devices');

    // Settings: the connectivity test with a wrong password names the node's fault.
    await page.keyboard.press('Alt+2');
    await page.getByTestId('technician-settings').waitFor();
    await page.getByLabel(t('technician:settings.field.password')).fill('Wrong-Pass1');
    await page.keyboard.press('Alt+T');
    await page.getByTestId('node-test').waitFor();
    const found = await page.getByTestId('node-test').innerText();
    assert.match(found, /PPT_AUTENTICAZIONE/);
    // The technician is told what to do, in the screen's language, not to call the technician.
    assert.ok(found.includes(t('technician:nodeTest.fault.PPT_AUTENTICAZIONE')), found);
    assert.ok(!found.includes(t('faults:PPT_AUTENTICAZIONE')), found);
    assert.ok(found.includes(t('technician:nodeTest.details')), 'the transport text is folded under a label');
    await page.getByLabel(t('technician:settings.field.password')).fill('');
    await page.keyboard.press('Alt+T');
    await page
      .getByTestId('node-test')
      .filter({ hasText: pattern(t('technician:nodeTest.ok')) })
      .waitFor();
    await screenshot(page, 'technician-settings');

    // The outbox: an outcome held back by a node outage, with its token's countdown; retry after recovery.
    const s = await kiosk.api.call('session.start', { kind: 'counter' });
    assert.ok(s.ok);
    assert.ok((await kiosk.api.call('session.addNotice', { sessionId: s.value.id, text: NOTICES.canteen })).ok);
    assert.ok((await kiosk.api.call('session.activate', { sessionId: s.value.id })).ok);
    sim.injectFaults({ kind: 'outage' });
    const tendered = await kiosk.api.call('session.tender', { sessionId: s.value.id, method: 'cash', givenCents: 5000 });
    assert.ok(tendered.ok && tendered.value.status === 'outcome-pending');
    await page.keyboard.press('Alt+3');
    await page.getByTestId('outbox-table').waitFor();
    const row = page.locator('tbody[data-message]').first();
    await row
      .locator('[data-testid="deadline"]')
      .filter({ hasText: pattern(t('technician:outbox.left')) })
      .waitFor();
    await row.locator('td').nth(3).filter({ hasNotText: /^0$/ }).waitFor();
    await screenshot(page, 'technician-outbox');
    sim.clearFaults();
    await row.getByTestId('outbox-retry').click();
    await page.getByTestId('outbox-empty').waitFor();

    // The journal: the chain checks out, and the CSV comes as a download.
    await page.keyboard.press('Alt+4');
    await page.getByTestId('journal-table').waitFor();
    await page.keyboard.press('Alt+V');
    await page
      .getByTestId('journal-verify')
      .filter({ hasText: pattern(t('technician:journal.intact')) })
      .waitFor();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Alt+E')]);
    const csvPath = join(downloads, csv.suggestedFilename());
    await csv.saveAs(csvPath);
    assert.match(readFileSync(csvPath, 'utf8'), /tender-submitted/);
    await page.getByLabel(t('journal:search.text')).fill('technician-unlocked');
    await page.getByTestId('journal-search-run').click();
    await page
      .locator('[data-testid="journal-table"] tbody tr')
      .first()
      .getByTestId('journal-sentence')
      .filter({ hasText: t('journal:kind.technician-unlocked') })
      .waitFor();
    await screenshot(page, 'technician-journal');

    // Diagnostics: one JSON file, without the node's secrets.
    await page.keyboard.press('Alt+5');
    const [bundle] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-diagnostics').click()]);
    const bundlePath = join(downloads, bundle.suggestedFilename());
    await bundle.saveAs(bundlePath);
    const content = readFileSync(bundlePath, 'utf8');
    for (const secret of [kiosk.core.config.node.password, kiosk.core.config.node.subscriptionKey]) assert.ok(!content.includes(secret));
    assert.deepEqual(JSON.parse(content).database.integrity, ['ok']);
    await screenshot(page, 'technician-diagnostics');

    await page.keyboard.press('Alt+6');
    await page.getByTestId('versions').waitFor();
    assert.match(await page.getByTestId('versions').innerText(), new RegExp(process.versions.node.replace(/\./g, '\\.')));
    await screenshot(page, 'technician-versions');

    await page.keyboard.press('Alt+Q');
    await page.getByTestId('technician-lock').waitFor();
  });
});
