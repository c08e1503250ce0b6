// The counter's payment history (issue 13): the operator finds a past payment by notice number and
// by amount, opens it (state, notices, tokens, certificate) and reprints a duplicate, marked so on
// paper. A payment made while the node is down gets the pending slip; when the node comes back and
// confirms after the customer left, the status bar says so, the operator opens the payment from the
// alert and prints the final certificate, which certifies the session.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

const spoolText = (spool: string): string => (existsSync(spool) ? readFileSync(spool).toString('latin1') : '');
const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

/** One notice paid by card at the counter, the original printed; back on the entry screen. Returns the session id. */
async function payByCard(page: Page, code: string, noticeNumber: string): Promise<string> {
  await scan(page, code, noticeNumber);
  await page.locator(`tbody[data-notice="${noticeNumber}"][data-phase="verified"]`).waitFor();
  await page.keyboard.press('F9');
  await page.getByRole('heading', { name: t('counter:tender.title') }).waitFor();
  const sessionId = (await page.locator('.payment').getAttribute('data-session'))!;
  await page.keyboard.press('F6');
  await page.getByRole('dialog', { name: t('counter:tender.cardTitle') }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('printed').getByText(t('counter:print.done')).waitFor();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: t('counter:entry.title') }).waitFor();
  return sessionId;
}

/** Types into one search field (the others cleared) and searches with Enter. */
async function searchBy(page: Page, field: string, value: string): Promise<void> {
  for (const name of ['noticeNumber', 'paymentToken', 'amount', 'operatorId'])
    await page.locator(`.history-form input[name="${name}"]`).fill('');
  await page.locator(`.history-form input[name="${field}"]`).fill(value);
  await page.locator(`.history-form input[name="${field}"]`).press('Enter');
}

describe('counter: payment history', { timeout: 240_000 }, () => {
  test('find a payment by notice number and by amount, open it, reprint a duplicate', async (t0) => {
    const { page, kiosk, dir } = await openApp(t0, browser);
    const spool = join(dir, 'spool', 'receipts.bin');
    kiosk.core.db.settings.set(PRINTER_SETTING, { target: `file:${spool}`, paper: '80mm' });
    await signInAndOpenShift(page, 'mrossi', '0');
    await page.getByTestId('status-printer').getByText(`file:${spool}`, { exact: false }).waitFor();
    const tari = await payByCard(page, NOTICES.tari, '301020250000000129');
    const canteen = await payByCard(page, NOTICES.canteen, '301020250000000230');

    // Alt+S (listed by F1, shown as a button): today's payments, newest first
    await page.keyboard.press('F1');
    await page
      .getByRole('dialog', { name: t('app:shortcuts.title') })
      .getByText(t('history:open'))
      .waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+S');
    await page.getByRole('heading', { name: t('history:title') }).waitFor();
    const table = page.getByTestId('history-table');
    await page.locator('[data-testid="history-table"][data-count="2"]').waitFor();
    assert.deepEqual(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-session'))), [
      canteen,
      tari,
    ]);
    await screenshot(page, 'counter-history-today');

    // by notice number
    await searchBy(page, 'noticeNumber', '301020250000000230');
    await page.locator(`[data-testid="history-table"][data-count="1"] tr[data-session="${canteen}"]`).waitFor();

    // by amount, typed in euros: 120.00 + the 1.50 fee
    await searchBy(page, 'amount', '121,50');
    await page.locator(`[data-testid="history-table"][data-count="1"] tr[data-session="${tari}"]`).waitFor();

    // a bad amount is said, nothing searched
    await searchBy(page, 'amount', '12,5,0');
    await page.getByTestId('history-problem').getByText(t('history:problem.amount')).waitFor();
    await searchBy(page, 'amount', '121.50');
    await page.getByTestId('history-problem').waitFor({ state: 'detached' });

    // open it: state in words, notices with token, the certificate
    await page.locator(`tr[data-session="${tari}"] button.history-open`).click();
    await page.locator(`section.step-history-detail[data-session="${tari}"]`).waitFor();
    await page.locator('[data-testid="history-state"][data-word="confirmed"]').getByText(t('history:status.confirmed')).waitFor();
    const token = kiosk.core.engine.get(tari).notices[0]!.activation!.paymentToken;
    await page.getByTestId('history-notices').getByText(token).waitFor();
    await page.locator('figure.certificate-preview[data-kind="final"] img[data-testid="history-certificate"]').waitFor();

    // F4: a duplicate, marked so on paper
    const before = count(spoolText(spool), 'COPIA/DUPLICATO');
    await page.keyboard.press('F4');
    await page.getByTestId('history-printed').getByText(t('history:detail.printedDuplicate')).waitFor();
    assert.ok(count(spoolText(spool), 'COPIA/DUPLICATO') > before, 'the reprint is marked as a duplicate');
    await screenshot(page, 'counter-history-reprint');
    const copies = kiosk.core.db.journal.list(0, 10_000).filter((e) => e.kind === 'certificate-duplicate-printed' && e.sessionId === tari);
    assert.deepEqual(
      copies.map((e) => e.payload),
      [{ copy: 1, by: 'mrossi' }],
    );

    // Esc: the list, then the payment screen
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: t('history:title') }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: t('counter:entry.title') }).waitFor();
  });

  test('pending slip during an outage; the node confirms later: alert, open from it, print the final certificate', async (t0) => {
    const { page, kiosk, sim, dir } = await openApp(t0, browser, { retrySlotMs: 1_000 });
    const spool = join(dir, 'spool', 'receipts.bin');
    kiosk.core.db.settings.set(PRINTER_SETTING, { target: `file:${spool}`, paper: '80mm' });
    await signInAndOpenShift(page, 'mrossi', '50');
    await scan(page, NOTICES.canteen, '301020250000000230');
    await page.locator('tbody[data-notice="301020250000000230"][data-phase="verified"]').waitFor();
    await page.keyboard.press('F9');
    await page.getByRole('heading', { name: t('counter:tender.title') }).waitFor();
    const sessionId = (await page.locator('.payment').getAttribute('data-session'))!;

    sim.injectFaults({ kind: 'outage' });
    await page.locator('button[data-action="cash"]').click();
    await page.locator('input[name="given"]').fill('50');
    await page.getByTestId('change').waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: t('counter:tender.confirmTitle') }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: t('counter:outcome.title') }).waitFor();
    await page.getByTestId('outcome-offline').waitFor();

    // the customer takes the pending slip and leaves
    await page.keyboard.press('F4');
    await page.getByTestId('printed').waitFor();
    assert.equal(count(spoolText(spool), t('certificate:title.pending')), 1);
    assert.equal(count(spoolText(spool), t('certificate:title.final')), 0);
    await page.keyboard.press('F2');
    await page.getByRole('heading', { name: t('counter:entry.title') }).waitFor();
    assert.equal(await page.getByTestId('status-alert').count(), 0);

    // the node comes back and takes the outcome: the status bar says so
    sim.clearFaults();
    const alert = page.locator(`[data-testid="status-alert"][data-outcome="confirmed"][data-session="${sessionId}"]`);
    await alert.waitFor();
    assert.match(await alert.innerText(), /301020250000000230/);
    assert.match(await alert.innerText(), /47,00/);
    await screenshot(page, 'counter-history-alert');
    assert.equal(kiosk.core.engine.get(sessionId).status, 'completed');

    // Alt+P opens that payment in the history; F7 prints the final certificate, the original
    await page.keyboard.press('Alt+P');
    await page.locator(`section.step-history-detail[data-session="${sessionId}"]`).waitFor();
    await page.locator('[data-testid="history-state"][data-word="confirmed-uncertified"]').waitFor();
    await page.getByTestId('history-final-hint').waitFor();
    await alert.waitFor({ state: 'detached' });
    await page.keyboard.press('F7');
    await page.locator('[data-testid="history-printed"] [data-kind="final"][data-duplicate="false"]').waitFor();
    const paper = spoolText(spool);
    assert.equal(count(paper, t('certificate:title.final')), 1, 'the final certificate went to paper');
    assert.equal(count(paper, 'COPIA/DUPLICATO'), 0, 'as the original, not a duplicate');
    assert.equal(kiosk.core.engine.get(sessionId).status, 'certified');
    await page.locator('[data-testid="history-state"][data-word="confirmed"]').waitFor();
    await screenshot(page, 'counter-history-final-certificate');
  });
});
