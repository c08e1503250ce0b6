// The technician's journal screen and log level end to end (Chromium against browser-kiosk mode, a
// demo core): every entry is a sentence in the screen's language with its data folded under
// "Dettagli", a search runs over the whole journal and finds an entry older than the first page,
// and the log level chosen in the settings is in force at once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { openApp, screenshot } from './support/app';
import { text } from './support/text';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const t = text('it');
const DEMO_PIN = '246810';

describe('technician journal', { timeout: 240_000 }, () => {
  test('sentences, details folded, a search past the first page, the log level', async (t0) => {
    const { page, kiosk } = await openApp(t0, browser, { mode: 'technician' });
    const { journal } = kiosk.core.db;
    const needle = journal.append('settings-saved', { nodeFields: ['endpoint'], terminalId: 'NEEDLE-E2E', fees: 'flat' });
    for (let i = 0; i < 150; i++) journal.append('devices-chosen', { printer: null, paper: '80mm', scanner: `wedge-${i}` });

    await page.getByLabel(t('technician:lock.pin')).fill(DEMO_PIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('technician-devices').waitFor();
    await page.keyboard.press('Alt+4');
    const rows = page.locator('[data-testid="journal-table"] tbody tr');
    await rows.first().waitFor();
    // The first page: the newest entries as sentences, the seeded needle not among them.
    await page
      .locator('[data-testid="journal-table"] tbody tr[data-kind="devices-chosen"]')
      .first()
      .getByTestId('journal-sentence')
      .filter({ hasText: t('journal:kind.devices-chosen') })
      .waitFor();
    const sentences = await page.getByTestId('journal-sentence').allInnerTexts();
    assert.ok(sentences.length <= 100);
    assert.ok(!sentences.some((s) => /^[a-z]+(-[a-z]+)+$/.test(s)), 'no raw event name as a sentence');
    assert.equal(await page.locator(`[data-testid="journal-table"] tbody tr td.num:text-is("${needle.seq}")`).count(), 0);
    const unlocked = page.locator('[data-testid="journal-table"] tbody tr[data-kind="technician-unlocked"]');
    assert.equal(await unlocked.getByTestId('journal-sentence').innerText(), t('journal:kind.technician-unlocked'));

    // The search runs in the core, over every entry.
    await page.getByLabel(t('journal:search.text')).fill('needle-e2e');
    await page.getByTestId('journal-search-run').click();
    await page
      .locator('[data-testid="journal-table"] caption')
      .filter({ hasText: t('journal:search.found', { total: 1, shown: 1 }) })
      .waitFor();
    const found = rows.first();
    assert.equal(await found.getByTestId('journal-sentence').innerText(), t('journal:kind.settings-saved'));
    assert.equal(await found.locator('pre').isVisible(), false, 'details folded');
    await found.getByText(t('journal:details')).click();
    await found.locator('pre').filter({ hasText: 'NEEDLE-E2E' }).waitFor();
    await screenshot(page, 'technician-journal-search');

    // By event type: the select lists sentences.
    await page.getByTestId('journal-search-clear').click();
    await page.getByLabel(t('journal:search.kind')).selectOption({ label: t('journal:kind.settings-saved') });
    await page.getByTestId('journal-search-run').click();
    await page
      .locator('[data-testid="journal-table"] caption')
      .filter({ hasText: t('journal:search.found', { total: 1, shown: 1 }) })
      .waitFor();

    // The log level: chosen in the settings, in force without a restart.
    await page.keyboard.press('Alt+2');
    await page.getByTestId('log-settings').waitFor();
    await page.getByTestId('log-file').filter({ hasText: 'sportello.log' }).waitFor();
    await page.getByLabel(t('technician:log.level')).selectOption('debug');
    await page.getByTestId('log-level-save').click();
    await page
      .getByTestId('log-level-message')
      .filter({ hasText: t('technician:log.saved', { level: t('technician:log.levels.debug') }) })
      .waitFor();
    assert.equal(kiosk.core.log.level(), 'debug');
    await screenshot(page, 'technician-log-level');
  });
});
