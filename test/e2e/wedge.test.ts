// The keyboard-wedge detector in a real browser: Debian's Chromium through playwright-core, the
// detector bundled by esbuild, a page served on 127.0.0.1 with a focused text field. Playwright
// types through Chromium's input pipeline (trusted key events), like a USB keyboard would.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WEDGE_DEFAULTS } from '../../drivers/scanner/wedge-detector';

const QR = 'PAGOPA|002|302000100000009424|01199250158|12345';
const DATA_MATRIX =
  'codfase=NBPA;18302000100000009424120000123456781000000123453896' +
  '1P101199250158RSSMRA80A01H501U' +
  'MARIO ROSSI'.padEnd(40) +
  'TARI 2024 RATA UNICA'.padEnd(110) +
  ' '.repeat(12) +
  'A';

const pageDir = new URL('./wedge-page/', import.meta.url);

let server: Server;
let base = '';
let browser: Browser;

before(async () => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('page.ts', pageDir))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
  });
  const js = bundle.outputFiles[0]?.text ?? '';
  const html = readFileSync(new URL('index.html', pageDir), 'utf8');
  server = createServer((req, res) => {
    if (req.url === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(js);
    } else if (req.url?.startsWith('/?') || req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

after(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function open(query = ''): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${base}/${query}`);
  await page.waitForFunction(() => document.activeElement?.id === 'field' && Array.isArray(window.scans));
  // The first key events of a fresh page are slow to arrive: warm the input path up with Shift,
  // which the detector ignores, and start the gap record afresh.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await page.evaluate(() => {
    window.gaps.length = 0;
    window.arrivals.length = 0;
    window.trace.length = 0;
  });
  return page;
}

const state = (page: Page) =>
  page.evaluate(() => ({
    value: (document.getElementById('field') as HTMLInputElement).value,
    scans: window.scans.map((s) => ({ text: s.text, kind: s.source.kind })),
    gaps: window.gaps,
    arrivals: window.arrivals,
    trace: window.trace.slice(0, 12),
  }));

type State = Awaited<ReturnType<typeof state>>;

/** The detector's default gap, which the page uses. */
const MAX_GAP_MS = WEDGE_DEFAULTS.maxGapMs;
const ATTEMPTS = 10;

/**
 * Runs `keys` on a fresh page until Chromium delivered them with the timing the test is about.
 * Playwright's delays are minimums: on a loaded machine (2 shared cores) a key now and then
 * reaches the page 100+ ms late, and that is not a scanner. The page records the gaps it saw,
 * by event timestamp and by arrival; an attempt whose gaps break `timing` is not evidence about
 * the detector and is run again. The verdict is asserted only on an attempt with that timing.
 */
async function typed(query: string, keys: (page: Page) => Promise<void>, timing: (s: State) => boolean, settled: string): Promise<State> {
  const seen: string[] = [];
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const page = await open(query);
    try {
      await keys(page);
      await page.waitForFunction(settled);
      const s = await state(page);
      if (timing(s)) return s;
      seen.push(`stamps ${s.gaps.join(',')} / arrivals ${s.arrivals.join(',')}`);
    } finally {
      await page.close();
    }
  }
  throw new Error(`Chromium never delivered the keys with the intended timing in ${ATTEMPTS} attempts; gaps seen:\n${seen.join('\n')}`);
}

/** Timer and timestamp resolution are about a millisecond: attempts too near the gap prove nothing. */
const MARGIN_MS = 5;
/** A scanner, as the detector defines one: the first minLength keys each clearly within maxGapMs
 *  of the previous one, later keys within idleTimeoutMs (stamped, and arrived at the page). */
const atScannerSpeed = (s: { gaps: number[]; arrivals: number[] }): boolean => {
  const { minLength, idleTimeoutMs } = WEDGE_DEFAULTS;
  const within = (g: number, i: number): boolean => g <= (i < minLength - 1 ? MAX_GAP_MS : idleTimeoutMs) - MARGIN_MS;
  return s.gaps.every(within) && s.arrivals.every(within);
};
/** a person: every key stamped clearly more than the gap after the previous one */
const atTypingSpeed = (s: { gaps: number[] }): boolean => s.gaps.every((g) => g > MAX_GAP_MS + MARGIN_MS);
const SCANNED = 'window.scans.length > 0 && window.wedgeIdle()';

/** Keys a US-programmed scanner presses for each character (physical key + Shift). */
function usScannerKeys(text: string): { code: string; shift: boolean }[] {
  const punct: Record<string, { code: string; shift: boolean }> = {
    '|': { code: 'Backslash', shift: true },
    '=': { code: 'Equal', shift: false },
    ';': { code: 'Semicolon', shift: false },
    ' ': { code: 'Space', shift: false },
  };
  return [...text].map((ch) => {
    if (/[a-z]/.test(ch)) return { code: `Key${ch.toUpperCase()}`, shift: false };
    if (/[A-Z]/.test(ch)) return { code: `Key${ch}`, shift: true };
    if (/[0-9]/.test(ch)) return { code: `Digit${ch}`, shift: false };
    const p = punct[ch];
    if (!p) throw new Error(`no key for ${ch}`);
    return p;
  });
}

describe('keyboard wedge in Chromium', () => {
  test('a QR scanned at 5 ms per key is one scan and nothing is typed into the focused field', async () => {
    const s = await typed(
      '',
      async (page) => {
        await page.keyboard.type(QR, { delay: 5 });
        await page.keyboard.press('Enter');
      },
      atScannerSpeed,
      SCANNED,
    );
    assert.deepEqual(s.scans, [{ text: QR, kind: 'wedge' }], s.trace.join('\n'));
    assert.equal(s.value, '');
  });

  test('typing at 120 ms per key goes into the field and is no scan', async () => {
    const text = 'Mario Rossi 302';
    const s = await typed(
      '',
      (page) => page.keyboard.type(text, { delay: 120 }),
      atTypingSpeed,
      `document.getElementById('field').value.length === ${text.length} && window.wedgeIdle()`,
    );
    assert.equal(s.value, text);
    assert.deepEqual(s.scans, []);
  });

  test('a 256-character Data Matrix (spaces inside) is one scan', async () => {
    const s = await typed(
      '',
      async (page) => {
        await page.keyboard.type(DATA_MATRIX, { delay: 5 });
        await page.keyboard.press('Enter');
      },
      atScannerSpeed,
      SCANNED,
    );
    assert.deepEqual(
      s.scans.map((x) => x.text),
      [DATA_MATRIX],
    );
    assert.equal(s.value, '');
  });

  test('layout "us": physical keys with Shift, as a US-programmed scanner sends them, read as the QR', async () => {
    const s = await typed(
      '?layout=us',
      async (page) => {
        for (const k of usScannerKeys(QR)) await page.keyboard.press(k.shift ? `Shift+${k.code}` : k.code);
        await page.keyboard.press('Enter');
      },
      atScannerSpeed,
      SCANNED,
    );
    assert.deepEqual(
      s.scans.map((x) => x.text),
      [QR],
      s.trace.join('\n'),
    );
    assert.equal(s.value, '');
  });

  test('typing, a scan, typing: the scan is caught and the typing lands in the field around it', async () => {
    const s = await typed(
      '',
      async (page) => {
        await page.keyboard.type('ab', { delay: 120 });
        await page.waitForFunction(() => (document.getElementById('field') as HTMLInputElement).value === 'ab' && window.wedgeIdle());
        await page.keyboard.type(QR, { delay: 5 });
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => window.wedgeIdle());
        await page.keyboard.type('c', { delay: 120 });
      },
      // gaps: a→b (typing), b→P (a pause), then the QR and its Enter (scanner), Enter→c (a pause)
      (s) =>
        (s.gaps[0] ?? 0) > MAX_GAP_MS + MARGIN_MS &&
        atScannerSpeed({ gaps: s.gaps.slice(2, 2 + QR.length), arrivals: s.arrivals.slice(2, 2 + QR.length) }),
      `document.getElementById('field').value.endsWith('c') && window.wedgeIdle()`,
    );
    assert.deepEqual(
      s.scans.map((x) => x.text),
      [QR],
    );
    assert.equal(s.value, 'abc');
  });
});
