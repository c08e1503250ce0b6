// Scans under load (issue 13): wedge scans at 5 ms a key through the real counter page, while two
// CPU hogs keep both cores busy and, in the second test, the page itself stalls for 50-300 ms in
// the middle of the bursts (a busy loop between key events, so keys pile up and come out late in
// clumps). Every scan must land in the cart at the first attempt, and the notice field must never
// hold a character of a scan. No retries here (test/e2e/support/counter.ts's scan() retries; this
// test is the evidence that it need not).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { openApp, screenshot } from './support/app';
import { NOTICES, signInAndOpenShift } from './support/counter';
import { text } from './support/text';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** Two `yes > /dev/null`, the load of a busy counter PC on this 2-core machine; stopped by pid. */
function cpuHogs(t: { after(fn: () => unknown): void }): void {
  const hogs: ChildProcess[] = [0, 1].map(() => spawn('yes', [], { stdio: ['ignore', 'ignore', 'ignore'] }));
  t.after(() => {
    for (const hog of hogs) hog.kill('SIGKILL');
  });
}

/** The seeded notices a cart takes (each is removed again after it landed). */
const CODES: readonly { code: string; notice: string }[] = [
  NOTICES.tari,
  NOTICES.canteen,
  NOTICES.permit,
  NOTICES.multi,
  NOTICES.changed,
  NOTICES.standin,
].map((code) => ({ code, notice: code.split('|')[2] ?? '' }));

const SCANS = 14;

/**
 * Records every value the two entry fields ever take, every "scan again" shown, and each key's
 * timestamps (for the failure message only): installed before the app's scripts, so its key
 * listener runs before the wedge's.
 */
async function watchFields(page: Page): Promise<void> {
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { fieldValues: string[]; scanAgain: number; keyLog: string[] };
    w.fieldValues = [];
    w.scanAgain = 0;
    w.keyLog = [];
    window.addEventListener(
      'keydown',
      (ev) => {
        if (ev.isTrusted && ev.key !== 'Shift') w.keyLog.push(`${ev.key}@${Math.round(ev.timeStamp)}/${Math.round(performance.now())}`);
      },
      { capture: true, passive: true },
    );
    document.addEventListener(
      'input',
      (ev) => {
        const el = ev.target as HTMLInputElement;
        if (el.name === 'notice-number' || el.name === 'fiscal-code') w.fieldValues.push(`${el.name}=${el.value}`);
      },
      true,
    );
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes) if (n instanceof HTMLElement && n.dataset.testid === 'scan-again') w.scanAgain++;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
}

/** Clears the records after signing in (the operator's code and PIN are typed into fields). */
const resetWatch = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { fieldValues: string[]; scanAgain: number; keyLog: string[] };
    w.fieldValues = [];
    w.scanAgain = 0;
    w.keyLog = [];
  });

const watched = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { fieldValues: string[]; scanAgain: number; keyLog: string[] };
    return { fieldValues: [...w.fieldValues], scanAgain: w.scanAgain, keyLog: w.keyLog.splice(0) };
  });

/** Busy-loops the page's main thread for `ms`, starting right after this call returns. */
async function stallPage(page: Page, ms: number): Promise<void> {
  await page.evaluate((busy) => {
    setTimeout(() => {
      const end = performance.now() + busy;
      while (performance.now() < end) {
        // the page is stuck, as when a render or a garbage collection takes the main thread
      }
    }, 0);
  }, ms);
}

/**
 * One scan, typed like a wedge scanner (5 ms a key, Enter), with the page stalled before the keys
 * at `stalls` (key index → ms). Then the notice must be in the cart, the fields empty and no error
 * shown; the notice is removed again (Alt+↓ and the remove action) so the cart never fills up.
 */
async function scanOnce(page: Page, n: number, code: string, notice: string, stalls: ReadonlyMap<number, number>): Promise<void> {
  const payment = page.locator('.payment');
  const errorsBefore = await payment.getAttribute('data-errors');
  await page.locator('input[name="notice-number"]').focus();
  const cuts = [...stalls.keys()].sort((a, b) => a - b);
  let from = 0;
  for (const at of cuts) {
    await page.keyboard.type(code.slice(from, at), { delay: 5 });
    await stallPage(page, stalls.get(at) ?? 0);
    from = at;
  }
  await page.keyboard.type(code.slice(from), { delay: 5 });
  await page.keyboard.press('Enter');

  const row = page.locator(`tbody[data-notice="${notice}"]`);
  await row.waitFor().catch(async (e: unknown) => {
    await screenshot(page, `wedge-counter-failed-${n}`);
    const seen = await watched(page);
    const shown = await page.locator('[role="alert"]').allInnerTexts();
    throw new Error(`scan ${n} (${notice}) never reached the cart: ${String(e)}\n${JSON.stringify({ shown, ...seen })}`);
  });
  assert.equal(await payment.getAttribute('data-errors'), errorsBefore, `scan ${n} (${notice}): no error shown`);
  assert.equal(await page.locator('input[name="notice-number"]').inputValue(), '', `scan ${n}: notice field empty`);
  assert.equal(await page.locator('input[name="fiscal-code"]').inputValue(), '', `scan ${n}: fiscal code field empty`);
  await page.locator(`tbody[data-notice="${notice}"]:not([data-phase="verifying"])`).waitFor();
  await page.locator('.payment[data-busy=""]').waitFor();
  await page.keyboard.press('Alt+ArrowDown');
  await page.locator(`tbody.selected[data-notice="${notice}"]`).waitFor();
  await page.locator('[data-action="remove"]').click();
  await row.waitFor({ state: 'detached' });
  await watched(page); // the key log is for the failing scan only
}

async function scanMany(page: Page, stallsFor: (n: number) => ReadonlyMap<number, number>): Promise<void> {
  for (let n = 0; n < SCANS; n++) {
    const { code, notice } = CODES[n % CODES.length]!;
    await scanOnce(page, n + 1, code, notice, stallsFor(n));
  }
  const seen = await watched(page);
  assert.deepEqual(seen.fieldValues, [], 'no character of a scan ever reached an entry field');
  assert.equal(seen.scanAgain, 0, 'no read failed');
}

describe('wedge scans at the counter on a loaded machine', { timeout: 300_000 }, () => {
  test(`${SCANS} scans at 5 ms a key with both cores busy: every one lands in the cart, no stray key`, async (t0) => {
    const { page } = await openApp(t0, browser);
    await watchFields(page);
    await signInAndOpenShift(page, 'mrossi', '0');
    await resetWatch(page);
    cpuHogs(t0);
    await scanMany(page, () => new Map());
    await screenshot(page, 'wedge-counter-loaded');
  });

  test(`${SCANS} scans with the page stalling 50-300 ms mid-burst: every one lands in the cart, no stray key`, async (t0) => {
    const { page } = await openApp(t0, browser);
    await watchFields(page);
    await signInAndOpenShift(page, 'mrossi', '0');
    await resetWatch(page);
    cpuHogs(t0);
    // Stalls right after the first keys (where a burst is not yet told from typing), in the
    // middle, and just before the Enter; 50 to 300 ms each.
    const plans: readonly (readonly [number, number][])[] = [
      [[1, 250]],
      [
        [2, 120],
        [30, 300],
      ],
      [[3, 300]],
      [
        [5, 80],
        [6, 200],
      ],
      [
        [10, 250],
        [44, 150],
      ],
      [
        [1, 60],
        [20, 300],
      ],
      [[46, 300]],
      [
        [7, 300],
        [25, 50],
      ],
      [
        [4, 200],
        [12, 200],
      ],
      [
        [15, 300],
        [16, 300],
      ],
      [
        [1, 300],
        [35, 100],
      ],
      [[8, 150]],
      [
        [2, 300],
        [40, 250],
      ],
      [
        [9, 50],
        [10, 50],
        [11, 300],
      ],
    ];
    await scanMany(page, (n) => new Map(plans[n % plans.length]));
    await screenshot(page, 'wedge-counter-stalled');
  });
});

describe('a wedge read that is cut at the counter', { timeout: 120_000 }, () => {
  test('half a QR and its Enter: "scan again", nothing in the field, no notice refused', async (t0) => {
    const { page } = await openApp(t0, browser);
    await watchFields(page);
    await signInAndOpenShift(page, 'mrossi', '0');
    await resetWatch(page);
    const errorsBefore = await page.locator('.payment').getAttribute('data-errors');
    await page.locator('input[name="notice-number"]').focus();
    await page.keyboard.type(NOTICES.tari.slice(0, 25), { delay: 5 });
    await page.keyboard.press('Enter');
    await page.getByTestId('scan-again').getByText(text('it')('scanner:read.again')).waitFor();
    await screenshot(page, 'wedge-counter-scan-again');
    assert.equal(await page.locator('input[name="notice-number"]').inputValue(), '');
    assert.equal(await page.locator('.payment').getAttribute('data-errors'), errorsBefore, 'no "not a pagoPA code"');
    assert.equal(await page.locator('tbody[data-notice]').count(), 0);
    assert.deepEqual((await watched(page)).fieldValues, []);
  });
});
