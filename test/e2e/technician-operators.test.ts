// Issue 11 item 10 end to end: the technician makes an operator account (code, name, PIN) in the
// Operators section, the core stores only the PIN's hash, and the counter's sign-in then takes that
// code with that PIN and refuses a wrong one.
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

describe('technician mode: operator accounts', { timeout: 180_000 }, () => {
  test('an account made on screen signs in with its PIN only', async (t0) => {
    const { page, kiosk } = await openApp(t0, browser, { mode: 'technician' });
    await page.getByLabel(t('technician:lock.pin')).fill('246810');
    await page.keyboard.press('Enter');
    await page.getByTestId('technician-devices').waitFor();
    await page.keyboard.press('Alt+7');
    await page.getByTestId('operators').waitFor();
    await page.getByLabel(t('technician:operators.id')).fill('lbianchi');
    await page.getByLabel(t('technician:operators.name')).fill('Laura Bianchi');
    await page.getByLabel(t('technician:operators.pin')).fill('8642');
    await page.getByTestId('save-operator').click();
    await page.locator('[data-operator="lbianchi"]').waitFor();
    await screenshot(page, 'technician-operators');
    const stored = JSON.stringify(kiosk.core.db.settings.get('operators.accounts'));
    assert.ok(stored.includes('lbianchi') && !stored.includes('8642'), 'the PIN is stored hashed');
    const wrong = await kiosk.api.call('operator.login', { operatorId: 'lbianchi', pin: '1111' });
    assert.equal(wrong.ok ? 'signed in' : wrong.error.code, 'PIN_WRONG', 'an existing account does not take the demo PIN');
    const right = await kiosk.api.call('operator.login', { operatorId: 'lbianchi', pin: '8642' });
    assert.ok(right.ok && right.value.operator.name === 'Laura Bianchi');
  });
});
