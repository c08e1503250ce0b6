/**
 * The combined report of `npm run bench`: one table (figure, measure, value, baseline, ratio), the
 * checks, and the same as JSON. BENCHMARKS.md holds a copy of the table from the latest full run.
 */
import type { FigureResult, FigureRow, Unit } from './figure';
import type { MachineInfo } from './machine';
import { formatMs, formatRatio, formatTable } from './table';

export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'ms':
      return formatMs(value);
    case 'MiB':
      return value >= 1024 ? `${(value / 1024).toFixed(2)} GiB` : `${value.toFixed(1)} MiB`;
    case 'outcomes/s':
    case 'entries/s':
      return `${value.toFixed(value >= 100 ? 0 : 1)} /s`;
    case 'count':
      return String(Math.round(value));
  }
}

function cells(figure: number, r: FigureRow): string[] {
  return [
    String(figure),
    r.measure,
    formatValue(r.value, r.unit),
    r.baseline ? formatValue(r.baseline.value, r.unit) : '',
    r.baseline?.name ?? '',
    r.ratio === null ? '' : formatRatio(r.ratio),
  ];
}

export const TABLE_HEADERS = ['fig', 'measure', 'value', 'baseline', 'baseline is', 'ratio'] as const;

export function reportTable(results: readonly FigureResult[]): string {
  const rows: string[][] = [];
  for (const f of results) {
    if (f.error) rows.push([String(f.figure), `${f.title}: FAILED (${f.error.split('\n')[0]})`, '', '', '', '']);
    else if (f.skipped) rows.push([String(f.figure), `${f.title}: skipped (${f.skipped})`, '', '', '', '']);
    for (const r of f.rows) rows.push(cells(f.figure, r));
  }
  return formatTable(TABLE_HEADERS, rows);
}

/** Every check, passed or not: a figure whose work went wrong must not pass for a result. */
export function reportChecks(results: readonly FigureResult[]): string {
  const lines: string[] = [];
  for (const f of results) {
    for (const c of f.checks) lines.push(`${c.ok ? 'ok  ' : 'FAIL'} ${f.figure}. ${c.name}: ${c.detail}`);
  }
  return lines.join('\n');
}

export function runFailed(results: readonly FigureResult[]): boolean {
  return results.some((f) => f.error !== undefined || f.checks.some((c) => !c.ok));
}

export interface RunReport {
  benchmark: 'sportello';
  at: string;
  quick: boolean;
  machine: MachineInfo;
  seconds: number;
  ok: boolean;
  /** Every row in the table, with its figure; times in ms, memory in MiB. */
  rows: Array<FigureRow & { figure: number }>;
  figures: FigureResult[];
}

export function runReport(results: FigureResult[], machine: MachineInfo, quick: boolean, seconds: number, at: Date): RunReport {
  return {
    benchmark: 'sportello',
    at: at.toISOString(),
    quick,
    machine,
    seconds,
    ok: !runFailed(results),
    rows: results.flatMap((f) => f.rows.map((r) => ({ figure: f.figure, ...r }))),
    figures: results,
  };
}
