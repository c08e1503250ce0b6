/**
 * Figure 6, scan to screen in browser-kiosk mode: Chromium on the core's loopback server (counter
 * mode, demo core with its simulator), a notice's QR text typed as a keyboard-wedge scanner types
 * it (5 ms a key, then Enter), timed on the page's clock from that Enter to the frame that shows
 * the notice verified (`tbody[data-notice][data-phase=verified]`): wedge detection, the contract
 * call over the WebSocket, the engine (two commits), verifyPaymentNotice at the node, the session
 * event back, React, paint. Every scan is a new customer (a fresh position; the cart is cancelled
 * and the next customer called between scans, untimed). A scan the page took as typing (the keys
 * reached the notice field), or read cut short (a key the loaded machine delivered late, refused as
 * not a notice), is not a timing of a wedge scan: it is not counted, and made again.
 *
 * Baseline, same browser, interleaved: a bare page on a bare loopback server (lib/floor-page.ts):
 * Enter, one fetch that POSTs the verify to the same simulator, one row rendered.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startBrowserKiosk } from '../../main/shell/browser-kiosk';
import { armProbe, browserMissing, ensureScreens, installKeyClock, launchChromium, type ScanTiming } from '../lib/browser';
import { BenchCheckFailed } from '../lib/errors';
import { check, row, type Figure } from '../lib/figure';
import { startFloorServer } from '../lib/floor-page';
import { summarize } from '../lib/stats';
import { CREDITOR, freshNotices, POSITION_CENTS } from '../lib/terminal';

const PLANS = { full: { warmup: 3, scans: 40 }, quick: { warmup: 1, scans: 6 } };
const PATIENCE_MS = 20_000;

async function startCounter(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('input[name="operator"]').fill('bench');
  await page.locator('input[name="pin"]').fill('1111'); // demo mode: any operator code signs in with the demo PIN
  await page.keyboard.press('Enter');
  await page.locator('input[name="float"]').fill('100,00');
  await page.keyboard.press('Enter');
  await page.locator('.step-entry').waitFor();
}

/**
 * One wedge scan. The page may take it as typing (a key reached the notice field: `typed`), or read
 * a burst cut short by a key that came late and refuse it (`failed`): neither is a timing of a scan.
 */
async function wedgeScan(page: Page, code: string, noticeNumber: string): Promise<ScanTiming> {
  const errors = await page.locator('.payment').getAttribute('data-errors');
  const done = await armProbe(
    page,
    `tbody[data-notice="${noticeNumber}"][data-phase="verified"]`,
    PATIENCE_MS,
    'input[name="notice-number"]',
    `.payment:not([data-errors="${errors ?? ''}"])`,
  );
  // The wedge detector ignores Shift: a few presses wake the input path up, as the e2e tests do.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
  const t = await done();
  if (!t) {
    const screen = await page
      .locator('main, body')
      .first()
      .innerText()
      .catch(() => '');
    throw new BenchCheckFailed(`the scanned notice ${noticeNumber} was neither shown verified nor refused in ${PATIENCE_MS} ms`, {
      screen: screen.slice(0, 800),
    });
  }
  return t;
}

/** Cancels the cart (if anything is in it) and calls the next customer, back to an empty entry screen. */
async function nextCustomer(page: Page): Promise<void> {
  // F8 is refused while the screen is still busy with the notice just added.
  await page.locator('.payment[data-busy=""]').waitFor();
  if ((await page.locator('.step-entry tbody[data-notice]').count()) === 0) {
    await page.locator('input[name="notice-number"]').fill('');
    await page.locator('input[name="fiscal-code"]').fill('');
    await page.locator('input[name="notice-number"]').focus();
    return;
  }
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F8');
    const opened = await page
      .locator('[role="dialog"]')
      .waitFor({ timeout: 3_000 })
      .then(
        () => true,
        () => false,
      );
    if (opened) break;
    if (attempt === 4)
      throw new BenchCheckFailed('F8 did not open the cancel dialog', { screen: (await page.locator('body').innerText()).slice(0, 1200) });
  }
  await page.keyboard.press('Enter');
  await page.locator('.step-end [data-action="next"]').click();
  await page
    .locator('.step-entry')
    .waitFor({ timeout: 10_000 })
    .catch(async (e: unknown) => {
      throw new BenchCheckFailed(`no entry screen after the next customer: ${(e as Error).message}`, {
        screen: (await page.locator('body').innerText()).slice(0, 1200),
        html: (await page.locator('.payment').innerHTML()).slice(0, 1500),
      });
    });
  await page.locator('input[name="notice-number"]').fill('');
  await page.locator('input[name="notice-number"]').focus();
}

export const scanFigure: Figure = {
  figure: 6,
  title: 'Scan to screen in browser-kiosk mode (Chromium)',
  async run(ctx) {
    const missing = browserMissing();
    if (missing) return { rows: [], checks: [], skipped: missing };
    ensureScreens(ctx.log);
    const plan = ctx.quick ? PLANS.quick : PLANS.full;
    const dir = join(ctx.workDir, 'scan');
    mkdirSync(dir, { recursive: true });
    const kiosk = await startBrowserKiosk({
      env: { ...process.env, SPORTELLO_DATA_DIR: dir, SPORTELLO_CONFIG: join(dir, 'config.json') },
      mode: 'counter',
    });
    const sim = kiosk.core.sim;
    const browser = await launchChromium();
    const floor = sim ? await startFloorServer(sim, CREDITOR) : null;
    try {
      if (!sim || !floor) throw new BenchCheckFailed('browser-kiosk did not start in demo mode with its simulator');
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT' });
      const app = await context.newPage();
      const bare = await context.newPage();
      await installKeyClock(app);
      await installKeyClock(bare);
      await startCounter(app, kiosk.url);
      await bare.goto(floor.url);
      const scans: ScanTiming[] = [];
      const floors: ScanTiming[] = [];
      let typed = 0;
      let garbled = 0;
      while (scans.length < plan.warmup + plan.scans) {
        const [n] = freshNotices(sim, 1);
        await app.bringToFront();
        const t = await wedgeScan(app, `PAGOPA|002|${n!.noticeNumber}|${n!.fiscalCode}|${POSITION_CENTS}`, n!.noticeNumber);
        await nextCustomer(app);
        if (t.typed || t.failed) {
          if (t.typed) typed++;
          else garbled++;
          if (typed + garbled > plan.scans)
            throw new BenchCheckFailed(
              `${typed} scans taken as typing and ${garbled} cut short: the wedge timing cannot be measured on this machine now`,
            );
          continue;
        }
        scans.push(t);
        const [m] = freshNotices(sim, 1);
        await bare.bringToFront();
        const done = await armProbe(bare, `tbody[data-notice="${m!.noticeNumber}"][data-phase="verified"]`, PATIENCE_MS);
        await bare.locator('input[name="code"]').focus();
        await bare.keyboard.type(m!.noticeNumber, { delay: 5 });
        await bare.keyboard.press('Enter');
        const f = await done();
        if (!f) throw new BenchCheckFailed('the bare page did not show its row');
        floors.push(f);
      }
      await context.close();
      const app50 = summarize(scans.slice(plan.warmup).map((s) => s.painted));
      const floor50 = summarize(floors.slice(plan.warmup).map((s) => s.painted));
      const base = 'bare page: Enter, 1 fetch + verify, 1 row';
      ctx.log(`scan: ${scans.length} wedge scans; made again: ${typed} taken as typing, ${garbled} cut short by a late key`);
      return {
        rows: [
          row('last key of a wedge scan to the verified notice painted, p50', app50.median, 'ms', { name: base, value: floor50.median }),
          row('last key of a wedge scan to the verified notice painted, p95', app50.p95, 'ms', { name: base, value: floor50.p95 }),
        ],
        checks: [
          check(
            'every counted scan was caught by the wedge detector and shown verified',
            scans.length === plan.warmup + plan.scans,
            `${plan.scans} measured; made again: ${typed} taken as typing, ${garbled} cut short by a late key`,
          ),
        ],
        details: {
          plan,
          app: app50,
          floor: floor50,
          typedAttempts: typed,
          cutShortAttempts: garbled,
          shownMedian: summarize(scans.slice(plan.warmup).map((s) => s.shown)).median,
        },
      };
    } finally {
      await browser.close().catch(() => undefined);
      await floor?.close();
      await kiosk.close();
    }
  },
};
