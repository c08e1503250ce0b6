// Loads the HID report-stream fixtures of test/fixtures/hid (see the README there).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface HidFixture {
  description: string;
  follows: string;
  recorded: boolean;
  kind: 'hid-pos' | 'hid-keyboard';
  layout?: 'us' | 'it';
  reportDescriptor?: string;
  reports: string[];
  expected: { text: string; symbology: string | null }[];
}

export function hexBytes(hex: string): Uint8Array {
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new Error(`not hex: ${hex.slice(0, 20)}`);
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}

export function loadHidFixture(name: string): HidFixture & { bytes: Uint8Array[]; descriptor: Uint8Array | null } {
  const path = fileURLToPath(new URL(`../../../fixtures/hid/${name}`, import.meta.url));
  const f = JSON.parse(readFileSync(path, 'utf8')) as HidFixture;
  return { ...f, bytes: f.reports.map(hexBytes), descriptor: f.reportDescriptor ? hexBytes(f.reportDescriptor) : null };
}
