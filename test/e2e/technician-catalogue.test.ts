// The service catalogue in technician mode (issue 15), in Debian's Chromium against browser-kiosk
// mode (a demo core with its own simulator): the catalogue's state and age, "Aggiorna catalogo"
// fetching it from the node, and the switches of the services the kiosk offers; the kiosk screen
// of the same terminal then offers what the technician enabled, and only that.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { openApp, PATIENCE_MS, screenshot } from './support/app';
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
const FISHING = '00201';
const CAR_TAX = ['00301', '00302'];

describe('technician: the service catalogue', { timeout: 240_000 }, () => {
  test('refresh the catalogue, enable a service for the kiosk; the kiosk then offers it', async (t0) => {
    const { page, kiosk } = await openApp(t0, browser, { mode: 'technician' });
    await page.getByLabel(t('technician:lock.pin')).fill(DEMO_PIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('technician-devices').waitFor();
    await page.keyboard.press('Alt+2');
    await page.getByTestId('technician-settings').waitFor();
    const section = page.getByTestId('catalogue-settings');
    await section.getByText(t('technician:catalogue.title')).waitFor();

    await page.getByTestId('catalogue-refresh').click();
    await page.locator('[data-testid="catalogue-status"][data-state="fresh"]').waitFor();
    assert.equal(await page.getByTestId('catalogue-state').innerText(), t('technician:catalogue.states.fresh'));
    const kept = await kiosk.api.call('catalogue.status', {});
    assert.ok(kept.ok && kept.value.services > 0);
    await section.getByText(t('technician:catalogue.refreshed', { count: kept.value.services })).waitFor();
    assert.equal(await page.getByTestId('catalogue-count').innerText(), String(kept.value.services));
    assert.match(await page.getByTestId('catalogue-age').innerText(), pattern(t('technician:catalogue.ageMinutes', { count: 0 })));

    // The demo's default: every car tax provider on, the rest off.
    for (const id of CAR_TAX) assert.equal(await page.getByTestId(`kiosk-service-${id}`).isChecked(), true, id);
    assert.equal(await page.getByTestId(`kiosk-service-${FISHING}`).isChecked(), false);
    assert.equal(await page.getByTestId(`kiosk-service-${FISHING}`).getAttribute('role'), 'switch');
    await page.getByTestId(`kiosk-service-${FISHING}`).check();
    await page.getByTestId('kiosk-service-00302').uncheck();
    await page.getByTestId('save-kiosk-services').click();
    await section.getByText(t('technician:catalogue.kioskSaved', { count: 2 })).waitFor();
    await screenshot(page, 'technician-catalogue');

    // Stored in the core and journaled.
    const settings = await kiosk.api.call('technician.kioskServices', {});
    assert.ok(settings.ok);
    assert.deepEqual([...(settings.value.chosen ?? [])].sort(), [FISHING, '00301']);
    assert.ok(kiosk.core.db.journal.list(0, 10_000).some((e) => e.kind === 'kiosk-services-set'));

    // The kiosk screen of the same terminal: "pay a service" lists the two enabled, the fishing licence among them.
    const citizen = await page.context().newPage();
    citizen.setDefaultTimeout(PATIENCE_MS);
    await citizen.goto(kiosk.url.replace('mode=technician', 'mode=kiosk'));
    await citizen.getByTestId('lang-it').click();
    await citizen.getByTestId('pay-service').click();
    await citizen.locator('.kiosk[data-step="services"]').waitFor();
    const offered = await citizen.locator('.kiosk-services button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid')));
    assert.deepEqual(offered.sort(), [`service-${FISHING}`, 'service-00301']);
    await citizen.getByTestId(`service-${FISHING}`).click();
    await citizen.locator('.kiosk[data-step="service-form"]').waitFor();
    await screenshot(citizen, 'technician-catalogue-kiosk-fishing');
  });
});
