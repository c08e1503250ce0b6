/**
 * Figure 7, cold start to interactive in browser-kiosk mode: from spawning `node bin/start.mjs
 * --browser-kiosk --mode counter` (what `npm start` runs where Electron cannot; a configured
 * terminal pointed at the runner's simulator, its database already there) to the sign-in field of
 * the counter focused in Chromium: launcher, screens check, core start (database open, recovery,
 * outbox), loopback server, the URL printed; then Chromium launched, the page loaded, the app
 * rendered. Interactive is read on the page's wall clock (same machine), against the wall clock
 * taken before the spawn. One untimed start first on each side warms the disk cache and the
 * TypeScript loader's cache: this is a process cold start, not a machine cold boot.
 *
 * Baseline, interleaved: the same steps with a bare server (children/bare-server.ts, same Node and
 * loader) serving a page with one focused input.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../sim/simulator';
import { browserMissing, ensureScreens, launchChromium } from '../lib/browser';
import { ROOT, startChild, stopChild, type Child } from '../lib/child';
import { check, row, type Figure } from '../lib/figure';
import { summarize } from '../lib/stats';
import { terminalEnv } from '../lib/terminal';

const PLANS = { full: { trials: 7 }, quick: { trials: 2 } };
const BARE = fileURLToPath(new URL('../children/bare-server.ts', import.meta.url));
const START = join(ROOT, 'bin', 'start.mjs');

/** Spawn to the focused sign-in field; the process is stopped afterwards. */
async function coldStart(spawn: () => Child): Promise<number> {
  const started = Date.now();
  const child = spawn();
  const browser = await (async () => {
    const line = await child.line(/^open: http/, 60_000);
    const b = await launchChromium();
    const page = await b.newPage();
    await page.goto(line.slice('open: '.length).trim());
    return { b, page };
  })().catch(async (e: unknown) => {
    await stopChild(child);
    throw e;
  });
  try {
    const at = await browser.page.waitForFunction(
      () => (document.activeElement?.getAttribute('name') === 'operator' ? Date.now() : 0),
      undefined,
      { timeout: 60_000, polling: 'raf' },
    );
    return (await at.jsonValue()) - started;
  } finally {
    await browser.b.close().catch(() => undefined);
    await stopChild(child);
  }
}

export const coldStartFigure: Figure = {
  figure: 7,
  title: 'Cold start to interactive in browser-kiosk mode',
  async run(ctx) {
    const missing = browserMissing();
    if (missing) return { rows: [], checks: [], skipped: missing };
    ensureScreens(ctx.log);
    const { trials } = ctx.quick ? PLANS.quick : PLANS.full;
    const sim = await startSimulator({ port: 0 });
    try {
      const env = { ...terminalEnv(join(ctx.workDir, 'cold-start'), sim), SPORTELLO_NO_BROWSER: '1' };
      const app = () => startChild(START, { env, args: ['--browser-kiosk', '--mode', 'counter'], loader: false });
      const bare = () => startChild(BARE);
      await coldStart(app);
      await coldStart(bare);
      const a: number[] = [];
      const b: number[] = [];
      for (let t = 0; t < trials; t++) {
        a.push(await coldStart(app));
        b.push(await coldStart(bare));
        ctx.log(`cold start ${t + 1}/${trials}: sportello ${a.at(-1)} ms, bare ${b.at(-1)} ms`);
      }
      const sa = summarize(a);
      const sb = summarize(b);
      return {
        rows: [
          row(`spawn to the counter's sign-in field focused, median of ${trials}`, sa.median, 'ms', {
            name: 'bare Node server + Chromium, 1 input',
            value: sb.median,
          }),
        ],
        checks: [
          check('every start reached the focused sign-in field', a.length === trials && a.every((x) => x > 0), `${a.length} starts`),
        ],
        details: { trials, app: sa, bare: sb, samples: { app: a, bare: b } },
      };
    } finally {
      await sim.close();
    }
  },
};
