// The app as a test meets it: a fresh data dir, the core in demo mode (its own simulator, default
// seed) behind the loopback server in browser-kiosk mode, and a Chromium page on the launch URL.
// Everything is torn down when the test ends, in order: page, browser context, server, core, files.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBrowserKiosk } from '../../../main/shell/browser-kiosk';
import type { BrowserKiosk, KioskMode } from '../../../main/shell/browser-kiosk';
import type { Simulator } from '../../../sim/simulator';

type T = { after(fn: () => unknown): void; name?: string };

export interface OpenApp {
  page: Page;
  kiosk: BrowserKiosk;
  sim: Simulator;
  dir: string;
}

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

/** Auto-waiting expectations get this long: a loaded 2-core machine runs several suites at once. */
export const PATIENCE_MS = 30_000;

export async function openApp(
  t: T,
  browser: Browser,
  opts: { mode?: KioskMode; retrySlotMs?: number; env?: Record<string, string>; lang?: string } = {},
): Promise<OpenApp> {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-e2e-'));
  const kiosk = await startBrowserKiosk({
    env: { ...process.env, SPORTELLO_DATA_DIR: dir, SPORTELLO_CONFIG: join(dir, 'config.json'), ...opts.env },
    mode: opts.mode ?? 'counter',
    ...(opts.retrySlotMs ? { retrySlotMs: opts.retrySlotMs } : {}),
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: opts.lang ?? 'it-IT', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(PATIENCE_MS);
  t.after(async () => {
    await context.close().catch(() => undefined);
    await kiosk.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await page.goto(kiosk.url);
  if (!kiosk.core.sim) throw new Error('the e2e tests run in demo mode: the core should have started its simulator');
  return { page, kiosk, sim: kiosk.core.sim, dir };
}

/** A full-page screenshot under test-results/screenshots/<name>.png, kept as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
