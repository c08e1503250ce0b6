// The staff status bar shows the core's printer status (issue 14): a receipt printer that runs out
// of paper is shown as "paper out" within a poll of the core, and the warning clears by itself once
// paper is loaded. The printer is the scripted ESC/POS fake on 127.0.0.1 (a network printer).
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { PRINTER_SETTING } from '../../main/services/printer/setting';
import { startFakeNetworkPrinter } from '../support/fake-printer';
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

describe('status bar: the printer as the core sees it', { timeout: 180_000 }, () => {
  test('paper out is shown, and clears when paper is back', async (t0) => {
    const { printer, host, port } = await startFakeNetworkPrinter();
    t0.after(() => printer.close());
    printer.set({ paperEnd: true });
    const { page, kiosk } = await openApp(t0, browser);
    kiosk.core.db.settings.set(PRINTER_SETTING, { target: `tcp:${host}:${port}`, paper: '80mm' });
    await signInAndOpenShift(page, 'mrossi', '0');

    const queue = page.locator('[data-testid="status-print-queue"][data-reason="paper-end"]');
    await queue.waitFor();
    await queue.getByText(t('printer:live.label', { state: t('printer:live.reason.paper-end') })).waitFor();
    await screenshot(page, 'status-bar-paper-out');

    printer.set({ paperEnd: false });
    await page.getByTestId('status-print-queue').waitFor({ state: 'detached' });
  });
});
