/**
 * Plain-text tables for benchmark output: a header row, a rule, then the rows; text columns left
 * aligned, numeric-looking columns right aligned so figures line up on the decimal point.
 */

export type Cell = string | number;

const NUMERIC = /^[-+]?[\d.,]+\s*(µs|ms|s|x|%|B|KiB|MiB|GiB|\/s)?$/;

export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((r) => headers.map((_, i) => String(r[i] ?? '')));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] as string).length)));
  const right = headers.map((_, i) => text.length > 0 && text.every((r) => r[i] === '' || NUMERIC.test(r[i] as string)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)].join('\n');
}

/** Milliseconds for people: µs below 1 ms, three significant decimals otherwise. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 100) return `${ms.toFixed(3)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function formatRatio(r: number): string {
  return Number.isFinite(r) ? `${r.toFixed(2)} x` : 'n/a';
}
