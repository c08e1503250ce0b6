// Reprints at the counter (issue 11): the original prints at once, the first duplicate is the
// operator's, and a further copy needs a supervisor. The core refuses it (SUPERVISOR_REQUIRED); the
// counter opens the supervisor approval dialog right there instead of leaving the operator at a
// dead end: a wrong PIN is refused and prints nothing, the right one prints the copy once, marked
// as a duplicate, and the journal names the supervisor.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { PRINTER_SETTING } from '../../main/services/printer/setting';
import { DEMO_SUPERVISOR, DEMO_SUPERVISOR_PIN } from '../../main/services/access/operators';
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

/** How many duplicate marks the spool file holds (a duplicate is marked on paper, more than once). */
const duplicateMarks = (spool: string): number => readFileSync(spool).toString('latin1').split('COPIA/DUPLICATO').length - 1;

describe('counter: reprints beyond the first duplicate', { timeout: 180_000 }, () => {
  test('first duplicate prints; the second asks for a supervisor; a wrong PIN is refused, the right one prints it', async (t0) => {
    const { page, kiosk, dir } = await openApp(t0, browser);
    const spool = join(dir, 'spool', 'receipts.bin');
    kiosk.core.db.settings.set(PRINTER_SETTING, { target: `file:${spool}`, paper: '80mm' });
    await signInAndOpenShift(page, 'mrossi', '0');
    await page.getByTestId('status-printer').getByText(`file:${spool}`, { exact: false }).waitFor();
    // typed at a person's pace (a scan's burst can be cut on a loaded machine): number, Tab, fiscal code, Enter
    await page.keyboard.type('301020250000000129', { delay: 120 });
    await page.keyboard.press('Tab');
    await page.keyboard.type('77777777777', { delay: 120 });
    await page.keyboard.press('Enter');
    await page.locator('tbody[data-notice="301020250000000129"][data-phase="verified"]').waitFor();
    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: t('counter:tender.title') }).waitFor();
    const sessionId = (await page.locator('.payment').getAttribute('data-session'))!;
    await page.keyboard.press('F6');
    await page.getByRole('dialog', { name: t('counter:tender.cardTitle') }).waitFor();
    await page.keyboard.press('Enter');

    // the original, at once
    await page.getByTestId('printed').getByText(t('counter:print.done')).waitFor();
    assert.equal(duplicateMarks(spool), 0);

    // F4: the first duplicate is the operator's
    await page.keyboard.press('F4');
    await page.getByTestId('printed').getByText(t('counter:print.duplicateDone')).waitFor();
    const perCopy = duplicateMarks(spool);
    assert.ok(perCopy > 0, 'the first duplicate is marked');

    // F4 again: a supervisor must approve, on this screen
    await page.keyboard.press('F4');
    const dialog = page.getByRole('dialog', { name: t('app:supervisor.title') });
    await dialog.waitFor();
    await dialog.getByTestId('supervisor-reason').getByText(t('app:supervisor.reprint')).waitFor();
    await screenshot(page, 'counter-reprint-supervisor');

    // a wrong PIN: refused, the dialog stays, nothing printed
    await page.getByLabel(t('app:supervisor.operator')).fill(DEMO_SUPERVISOR);
    await page.getByLabel(t('app:supervisor.pin')).fill('0000');
    await page.keyboard.press('Enter');
    await dialog.getByTestId('supervisor-error').waitFor();
    assert.equal(duplicateMarks(spool), perCopy);

    // the right PIN: the copy prints, marked as a duplicate, and the dialog closes
    await page.getByLabel(t('app:supervisor.pin')).fill(DEMO_SUPERVISOR_PIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('print-approved').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('printed').getByText(t('counter:print.duplicateDone')).waitFor();
    assert.equal(duplicateMarks(spool), 2 * perCopy);
    await screenshot(page, 'counter-reprint-approved');

    // the journal names who printed each copy: the operator, then the supervisor
    const copies = kiosk.core.db.journal
      .list(0, 10_000)
      .filter((e) => e.kind === 'certificate-duplicate-printed' && e.sessionId === sessionId)
      .map((e) => e.payload);
    assert.deepEqual(copies, [
      { copy: 1, by: 'mrossi' },
      { copy: 2, by: DEMO_SUPERVISOR },
    ]);
  });
});
