// Counter steps the tests share: sign in, open the shift, scan a notice like a wedge scanner does.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { PATIENCE_MS } from './app';
import { text } from './text';

const t = text('it');

/** A QR code's text as the default seed's notices print it. */
export const qr = (noticeNumber: string, fiscalCode: string, cents: number): string => `PAGOPA|002|${noticeNumber}|${fiscalCode}|${cents}`;

/** Default seed notices (sim/seed/default.json). */
export const NOTICES = {
  tari: qr('301020250000000129', '77777777777', 12000),
  canteen: qr('301020250000000230', '77777777777', 4550),
  permit: qr('301020250000000331', '77777777777', 25000),
  multi: qr('301020250000000432', '77777777777', 9900),
  paid: qr('301020250000000735', '77777777777', 31000),
  changed: qr('301020250000001240', '77777777777', 10000),
  standin: qr('301020250000001139', '33333333333', 3615),
} as const;

/** Demo mode: any operator code signs in with this PIN; the demo supervisor is `supervisor` / 9999 (main/services/access/operators.ts). */
export const DEMO_OPERATOR_PIN = '1111';

export async function signIn(page: Page, operator: string): Promise<void> {
  await page.getByLabel(t('shift:signIn.operator')).fill(operator);
  await page.getByLabel(t('shift:signIn.pin')).fill(DEMO_OPERATOR_PIN);
  await page.keyboard.press('Enter');
}

export async function signInAndOpenShift(page: Page, operator: string, float: string): Promise<void> {
  await signIn(page, operator);
  await page.getByLabel(t('shift:open.float')).fill(float);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: t('counter:entry.title') }).waitFor();
}

/**
 * Types the code as a keyboard-wedge scanner does: every key 5 ms after the previous, then Enter.
 * Playwright's delays are minimums: on a loaded machine a key now and then reaches the page late,
 * the burst is cut and read as typing, and what arrives is not the code. Such an attempt is not
 * evidence about the counter (test/e2e/wedge.test.ts is about the detector), so it is made again
 * after clearing whatever it left in the fields; the outcome asserted is the notice in the cart.
 */
export async function scan(page: Page, code: string, noticeNumber: string): Promise<void> {
  const row = page.locator(`tbody[data-notice="${noticeNumber}"]`);
  const payment = page.locator('.payment');
  for (let attempt = 1; attempt <= 5; attempt++) {
    const errorsBefore = Number(await payment.getAttribute('data-errors'));
    // warm the input path up: the detector ignores Shift
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await page.keyboard.type(code, { delay: 5 });
    await page.keyboard.press('Enter');
    const refused = page.locator(`.payment:not([data-errors="${errorsBefore}"])`);
    const outcome = await Promise.race([
      row.waitFor({ timeout: PATIENCE_MS }).then(() => 'added' as const),
      refused.waitFor({ timeout: PATIENCE_MS }).then(() => 'refused' as const),
    ]).catch(() => 'nothing' as const);
    if (outcome === 'added') return;
    console.error(`scan of ${noticeNumber}: attempt ${attempt} was not read as one scan (${outcome}); typing it again`);
    await page.locator('input[name="notice-number"]').fill('');
    await page.locator('input[name="fiscal-code"]').fill('');
    await page.locator('input[name="notice-number"]').focus();
  }
  assert.fail(`the scan of ${noticeNumber} never reached the cart in 5 attempts`);
}
