// The wedge test page's script, bundled by esbuild for Chromium (test/e2e/wedge.test.ts): the
// real detector and DOM binding, configured from the query string, scans collected on window.
import { WedgeDetector } from '../../../drivers/scanner/wedge-detector';
import { attachWedge } from '../../../drivers/scanner/wedge-dom';
import type { KeyboardLayout, ScanEvent } from '../../../drivers/scanner/types';

declare global {
  interface Window {
    scans: ScanEvent[];
    /** keydown gaps seen by the page, for diagnostics when a timing assertion fails */
    gaps: number[];
    /** true when the detector holds nothing back */
    wedgeIdle(): boolean;
  }
}

const params = new URLSearchParams(location.search);
const detector = new WedgeDetector({
  layout: (params.get('layout') ?? 'native') as KeyboardLayout | 'native',
  maxGapMs: Number(params.get('maxGap') ?? 30),
});
window.scans = [];
window.gaps = [];
window.wedgeIdle = () => detector.deadline() === null;

// Registered before the wedge, whose listener stops the keys it holds.
let last: number | null = null;
window.addEventListener('keydown', (ev) => {
  if (ev.isTrusted && ev.key !== 'Shift') {
    if (last !== null) window.gaps.push(Math.round(ev.timeStamp - last));
    last = ev.timeStamp;
  }
}, { capture: true, passive: true });

attachWedge(window, detector, (scan) => {
  window.scans.push(scan);
  const list = document.getElementById('scans');
  if (list) list.textContent = window.scans.map((s) => s.text).join('\n');
});


document.getElementById('field')?.focus();
