// The wedge test page's script, bundled by esbuild for Chromium (test/e2e/wedge.test.ts): the
// real detector and DOM binding, configured from the query string, scans collected on window.
import { WedgeDetector } from '../../../drivers/scanner/wedge-detector';
import { attachWedge } from '../../../drivers/scanner/wedge-dom';
import type { KeyboardLayout, ScanEvent } from '../../../drivers/scanner/types';

declare global {
  interface Window {
    scans: ScanEvent[];
    /** keydown gaps by event timestamp (when the browser got each key) */
    gaps: number[];
    /** keydown gaps by arrival at this page (when the listener ran) */
    arrivals: number[];
    /** what the detector was fed and answered, for failure messages */
    trace: string[];
    /** true when the detector holds nothing back */
    wedgeIdle(): boolean;
  }
}

const params = new URLSearchParams(location.search);
// The detector's defaults, except the layout when the test asks for one.
const detector = new WedgeDetector({ layout: (params.get('layout') ?? 'native') as KeyboardLayout | 'native' });
window.scans = [];
window.trace = [];
const feed = detector.feed.bind(detector);
const tick = detector.tick.bind(detector);
const r = (n: number): number => Math.round(n * 10) / 10;
detector.feed = (k) => {
  const d = feed(k);
  window.trace.push(
    `feed ${k.key}@${r(k.time)} now=${r(performance.now())} -> ${d.preventDefault ? 'held' : 'pass'}${d.release.length ? ` release ${d.release.length}` : ''}${d.scan ? ' SCAN' : ''}`,
  );
  return d;
};
detector.tick = (now) => {
  const d = tick(now);
  window.trace.push(
    `tick ${r(now)} now=${r(performance.now())}${d.release.length ? ` release ${d.release.length}` : ''}${d.scan ? ' SCAN' : ''}`,
  );
  return d;
};
window.gaps = [];
window.arrivals = [];
window.wedgeIdle = () => detector.deadline() === null;

// Registered before the wedge, whose listener stops the keys it holds.
let last: { stamp: number; arrival: number } | null = null;
window.addEventListener(
  'keydown',
  (ev) => {
    if (ev.isTrusted && ev.key !== 'Shift') {
      const now = { stamp: ev.timeStamp, arrival: performance.now() };
      if (last !== null) {
        window.gaps.push(Math.round(now.stamp - last.stamp));
        window.arrivals.push(Math.round(now.arrival - last.arrival));
      }
      last = now;
    }
  },
  { capture: true, passive: true },
);

attachWedge(window, detector, (scan) => {
  window.scans.push(scan);
  const list = document.getElementById('scans');
  if (list) list.textContent = window.scans.map((s) => s.text).join('\n');
});

document.getElementById('field')?.focus();
