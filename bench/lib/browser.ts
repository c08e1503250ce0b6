/**
 * Chromium for figures 6 and 7: Debian's /usr/bin/chromium through playwright-core with the
 * switches the end-to-end tests use (no sandbox, no GPU, nothing phoning home), the screens built
 * if they are missing or stale, and an in-page probe that times, on the page's own clock, the span
 * from the last key of a scan (its Enter, as the browser stamped it) to the frame that shows the
 * element waited for.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ensureRendererBuilt } from '../../main/shell/renderer-build';
import { ROOT } from './child';

export const CHROMIUM = process.env.SPORTELLO_BENCH_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Why the browser figures cannot run here, or null when they can. */
export function browserMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (set SPORTELLO_BENCH_CHROMIUM)`;
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Builds dist/renderer when missing or older than renderer/ (untimed: a fresh clone has none). */
export function ensureScreens(log: (line: string) => void): void {
  ensureRendererBuilt(ROOT, log);
}

export interface ScanTiming {
  /** ms from the Enter keydown to the mutation that added the element, page clock */
  shown: number;
  /** ms from the Enter keydown to the next animation frame after it (the frame that paints it) */
  painted: number;
  /** The watched field held text at the Enter: the keys were typed into it, not caught as a scan. */
  typed: boolean;
  /** The failure selector matched first (the page refused what it read): no timing. */
  failed?: boolean;
}

/**
 * Runs in the page before its own scripts, so its keydown listener is the first on the window
 * (the wedge binding stops a scan's keys from going further): the time the browser stamped on the
 * last Enter, and whether the watched field held text then. Install before navigating.
 */
const KEY_CLOCK = `window.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter') return;
  window.__benchEnter = e.timeStamp;
  const field = window.__benchField ? document.querySelector(window.__benchField) : null;
  window.__benchTyped = field !== null && field.value !== '';
}, { capture: true });`;

export async function installKeyClock(page: Page): Promise<void> {
  await page.addInitScript(KEY_CLOCK);
}

/**
 * The probe, as source text: functions handed to page.evaluate from here would carry the TypeScript
 * loader's __name helper, which does not exist in the page. Resolves with the times from the
 * next Enter (stamped by KEY_CLOCK) to the mutation that added the selector and to the animation
 * frame after it, or null on time-out.
 */
const PROBE = `(({ selector, timeoutMs, field, failSelector }) => {
  window.__benchEnter = 0;
  window.__benchField = field;
  window.__benchProbe = new Promise((resolve) => {
    let timer = null;
    const observer = new MutationObserver(() => {
      const enter = window.__benchEnter;
      if (!enter) return;
      if (failSelector !== '' && document.querySelector(failSelector)) {
        observer.disconnect();
        clearTimeout(timer);
        resolve({ shown: 0, painted: 0, typed: window.__benchTyped === true, failed: true });
        return;
      }
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      const shown = performance.now() - enter;
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve({ shown, painted: performance.now() - enter, typed: window.__benchTyped === true });
      });
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    timer = setTimeout(() => {
      observer.disconnect();
      resolve(null);
    }, timeoutMs);
  });
})`;

/**
 * Arms the probe for one element: call, then type, then await the returned function. `field`, when
 * given, is an input that must still be empty at the Enter (otherwise typed is true);
 * `failSelector`, when given, ends the wait as failed as soon as it matches. The page must have the
 * key clock (installKeyClock before it loaded).
 */
export async function armProbe(
  page: Page,
  selector: string,
  timeoutMs: number,
  field = '',
  failSelector = '',
): Promise<() => Promise<ScanTiming | null>> {
  await page.evaluate(`${PROBE}(${JSON.stringify({ selector, timeoutMs, field, failSelector })})`);
  return () => page.evaluate('window.__benchProbe') as Promise<ScanTiming | null>;
}
