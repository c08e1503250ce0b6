// Issue 14 part 1 in Chromium: a serial scanner on a socat pty pair (the link path is the port the
// technician chose) scans at the counter through the running core: the notice is verified in the
// cart exactly as after a wedge scan; the status bar and the technician's device screen show the
// scanner ready, disconnected when the cable is pulled (socat stopped), and ready again when a new
// pty appears under the same path. Screenshots under test-results/screenshots/devices-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { openApp, screenshot } from './support/app';
import { NOTICES, signInAndOpenShift } from './support/counter';
import { text } from './support/text';
import { openPtyPair } from '../support/pty';
import { tempDir } from '../support/tmp';
import { scannerEnd } from '../integration/devices/harness';

const DEMO_TECHNICIAN_PIN = '246810';
let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

function scannerLink(t: { after(fn: () => void): void }) {
  const dir = tempDir(t, 'sportello-e2e-scanner-');
  return { a: join(dir, 'scanner'), b: join(dir, 'scanner-end') };
}

describe('issue 14: a serial scanner in the app', { timeout: 180_000 }, () => {
  test('counter: a serial scan is a verified notice in the cart; the status bar follows unplug and replug', async (t0) => {
    const link = scannerLink(t0);
    const first = await openPtyPair(t0, link);
    const { page, kiosk } = await openApp(t0, browser);
    const id = `serial:${link.a}`;
    const chosen = await kiosk.api.call('technician.chooseDevices', { scanner: id, scannerLine: { baudRate: 9600, suffix: 'CR' } });
    assert.ok(chosen.ok);
    await signInAndOpenShift(page, 'mrossi', '0');
    await page.locator('[data-testid="status-scanner"][data-state="ready"]').waitFor();

    const end = scannerEnd(t0, first.b);
    end.send(`${NOTICES.tari}\r`);
    await page.locator('tbody[data-notice="301020250000000129"][data-phase="verified"]').waitFor();
    await screenshot(page, 'devices-counter-serial-scan');

    end.close();
    await first.close();
    await page.locator('[data-testid="status-scanner"][data-state="disconnected"]').waitFor();
    await screenshot(page, 'devices-counter-scanner-unplugged');

    const second = await openPtyPair(t0, link);
    await page.locator('[data-testid="status-scanner"][data-state="ready"]').waitFor();
    scannerEnd(t0, second.b).send(`${NOTICES.canteen}\r`);
    await page.locator('tbody[data-notice="301020250000000230"][data-phase="verified"]').waitFor();
    assert.equal(await page.locator('tbody[data-notice]').count(), 2);
    // the core holds the same cart the screen shows
    const sessionId = (await page.locator('.payment').getAttribute('data-session'))!;
    const s = kiosk.core.engine.get(sessionId);
    assert.deepEqual(
      s.notices.map((n) => [n.ref.noticeNumber, n.phase]),
      [
        ['301020250000000129', 'verified'],
        ['301020250000000230', 'verified'],
      ],
    );
  });

  test('technician: the device screen lists the wedge and the serial scanner, ready, then disconnected', async (t0) => {
    const link = scannerLink(t0);
    const pty = await openPtyPair(t0, link);
    const { page, kiosk } = await openApp(t0, browser, { mode: 'technician' });
    const id = `serial:${link.a}`;
    assert.ok((await kiosk.api.call('technician.chooseDevices', { scanner: id })).ok);
    await page.getByLabel(text('it')('technician:lock.pin')).fill(DEMO_TECHNICIAN_PIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('technician-devices').waitFor();
    const table = page.getByTestId('device-live');
    await table.locator('tr[data-device="keyboard-wedge"][data-state="ready"]').waitFor();
    await table.locator(`tr[data-device="${id}"][data-state="ready"]`).waitFor();
    // the stored choice is shown chosen even though the system's port list does not name a pty
    assert.equal(await page.locator(`input[name="scanner"][value="${id}"]`).isChecked(), true);
    await screenshot(page, 'devices-technician-ready');

    await pty.close();
    await table.locator(`tr[data-device="${id}"][data-state="disconnected"]`).waitFor();
    await screenshot(page, 'devices-technician-unplugged');
  });
});
