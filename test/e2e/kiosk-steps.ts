// Kiosk steps the kiosk, axe and technician tests share: open the kiosk with its timing and card
// terminal set in the core's settings, choose the language, scan or type a notice.
import type { Browser, Page } from 'playwright-core';
import { writeCardTerminalSettings, writeKioskTiming } from '../../main/services/kiosk/settings';
import type { CardTerminalSettings } from '../../main/services/kiosk/settings';
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
}

export async function openKiosk(t: T, browser: Browser, opts: KioskOptions = {}): Promise<OpenApp> {
  const app = await openApp(t, browser, { mode: 'kiosk' });
  const card: CardTerminalSettings = {
    kind: 'simulated',
    script: opts.script ?? 'approve',
    stepMs: opts.stepMs ?? 300,
    cardWaitMs: opts.cardWaitMs ?? 10_000,
  };
  writeCardTerminalSettings(app.kiosk.core.db, card);
  // Long enough by default that no warning interrupts a test that is not about it.
  writeKioskTiming(app.kiosk.core.db, { idleSeconds: opts.idleSeconds ?? 600, warningSeconds: 20 });
  // The kiosk reads its timing at each start screen: load it again now that the settings are in.
  await app.page.reload();
  await app.page.getByTestId('kiosk-language').waitFor();
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
