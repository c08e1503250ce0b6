// Kiosk steps the kiosk, axe and technician tests share: open the kiosk with its timing and card
// terminal set in the core's settings, choose the language, scan or type a notice.
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { writeCardTerminalSettings, writeKioskTiming, writeWithoutPrinter } from '../../main/services/kiosk/settings';
import type { CardTerminalSettings, WithoutPrinter } from '../../main/services/kiosk/settings';
import { ensureSpoolDir, spoolDir } from '../../main/services/printer/policy';
import { PRINTER_SETTING } from '../../main/services/printer/setting';
import { openApp, PATIENCE_MS } from './support/app';
import type { OpenApp } from './support/app';

type T = { after(fn: () => unknown): void };

export interface KioskOptions {
  /** The simulated card terminal's script (approve, decline[:reason], timeout, offline). */
  script?: string;
  stepMs?: number;
  cardWaitMs?: number;
  /** Idle time before the warning; the warning itself keeps the production minimum of 20 s. */
  idleSeconds?: number;
  /**
   * The receipt printer: a spool file (default: it prints, with no status to read), none at all, or
   * a TCP printer nobody answers on (configured but unreachable).
   */
  printer?: 'spool' | 'none' | 'unreachable';
  /** What the kiosk does without a working printer (the technician's setting). */
  withoutPrinter?: WithoutPrinter;
}

export async function openKiosk(t: T, browser: Browser, opts: KioskOptions = {}): Promise<OpenApp> {
  const app = await openApp(t, browser, { mode: 'kiosk' });
  const card: CardTerminalSettings = {
    kind: 'simulated',
    script: opts.script ?? 'approve',
    stepMs: opts.stepMs ?? 300,
    cardWaitMs: opts.cardWaitMs ?? 10_000,
  };
  const { core } = app.kiosk;
  writeCardTerminalSettings(core.db, card);
  const printer = opts.printer ?? 'spool';
  if (printer === 'spool') {
    const spool = ensureSpoolDir(spoolDir(core.db, core.dataDir));
    core.db.settings.set(PRINTER_SETTING, { target: `file:${join(spool, 'kiosk-receipts.bin')}`, paper: '80mm' });
  } else if (printer === 'unreachable') {
    core.db.settings.set(PRINTER_SETTING, { target: 'tcp:127.0.0.1:9', paper: '80mm' });
  }
  if (opts.withoutPrinter) writeWithoutPrinter(core.db, opts.withoutPrinter);
  // Long enough by default that no warning interrupts a test that is not about it.
  writeKioskTiming(app.kiosk.core.db, { idleSeconds: opts.idleSeconds ?? 600, warningSeconds: 20 });
  // The kiosk reads its timing at each start screen: load it again now that the settings are in.
  await app.page.reload();
  await app.page.locator('[data-testid="kiosk-language"], [data-testid="kiosk-out-of-service"]').first().waitFor();
  return app;
}

export async function chooseLanguage(page: Page, lang: 'it' | 'en' | 'de'): Promise<void> {
  await page.getByTestId(`lang-${lang}`).click();
  await page.getByTestId('kiosk-scan').waitFor();
}

/**
 * Types the code as a keyboard-wedge scanner does (5 ms a key, then Enter) on the scan screen.
 * On a loaded machine a key may reach the page late and the burst is read as typing (ignored on
 * this screen) or as a shorter scan (refused as unreadable): such an attempt says nothing about the
 * kiosk, so it is made again. Resolves when the kiosk left the scan screen.
 */
export async function scanOnKiosk(page: Page, code: string): Promise<void> {
  const kiosk = page.locator('.kiosk');
  for (let attempt = 1; attempt <= 5; attempt++) {
    const before = Number(await kiosk.getAttribute('data-readings'));
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await page.keyboard.type(code, { delay: 5 });
    await page.keyboard.press('Enter');
    // A burst read as typing reaches nothing on this screen: no reading is counted.
    const read = await page
      .locator(`.kiosk:not([data-readings="${before}"])`)
      .waitFor({ timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    if (!read) continue;
    await page.locator('.kiosk:not([data-step="busy"])').waitFor({ timeout: PATIENCE_MS });
    const refused = (await page.locator('.kiosk[data-step="scan"] [data-problem="unreadable"]').count()) > 0;
    if (!refused) return;
  }
  throw new Error(`the kiosk did not take the scan of ${code}`);
}

export async function typeOnKeypad(page: Page, digits: string): Promise<void> {
  for (const d of digits) await page.locator(`.kiosk-keypad [data-key="${d}"]`).click();
}

/** Waits for a kiosk step (data-step on the kiosk's root) with the tests' patience. */
export async function step(page: Page, kind: string, timeout = PATIENCE_MS): Promise<void> {
  await page.locator(`.kiosk[data-step="${kind}"]`).waitFor({ timeout });
}

/** On the total: agrees to the QR receipt when the kiosk asks (no working printer), then pays by card. */
export async function payOnKiosk(page: Page): Promise<void> {
  if ((await page.getByTestId('consent-qr').count()) > 0) await page.getByTestId('consent-qr').click();
  await page.getByTestId('pay-card').click();
}
