/**
 * What one figure of `npm run bench` hands back: rows of (measure, value, baseline, ratio) and the
 * checks that say the measured work did what it was meant to. The runner prints the rows as one
 * table and writes them as JSON; `details` (summaries, plans, sizes) goes to the JSON only.
 *
 * ratio = value / baseline, always in that direction: 0.25 x on a time means a quarter of the
 * baseline's time, 3.0 x means three times the baseline. Each row names its baseline.
 */

export type Unit = 'ms' | 'MiB' | 'outcomes/s' | 'entries/s' | 'count';

export interface Baseline {
  /** Short name shown in the table ("soap package", "raw HTTP"...). */
  name: string;
  value: number;
}

export interface FigureRow {
  measure: string;
  value: number;
  unit: Unit;
  baseline: Baseline | null;
  /** value / baseline.value; null without a baseline. */
  ratio: number | null;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface FigureResult {
  figure: number;
  title: string;
  rows: FigureRow[];
  checks: Check[];
  /** Why the figure could not be measured here (e.g. no Chromium); rows are then empty. */
  skipped?: string;
  /** The error that stopped the figure, when it failed. */
  error?: string;
  seconds: number;
  details?: Record<string, unknown>;
}

export interface RunContext {
  quick: boolean;
  /** A folder of this run's files on a real disk (removed at the end). */
  workDir: string;
  /** A folder kept between runs for expensive inputs (the generated 1,000,000-payment database). */
  cacheDir: string;
  /** Progress lines for the person watching (stderr, so stdout stays the report). */
  log(line: string): void;
}

export interface Figure {
  figure: number;
  title: string;
  run(ctx: RunContext): Promise<Omit<FigureResult, 'figure' | 'title' | 'seconds'>>;
}

export function row(measure: string, value: number, unit: Unit, baseline?: Baseline | null): FigureRow {
  const b = baseline ?? null;
  return { measure, value, unit, baseline: b, ratio: b && b.value !== 0 ? value / b.value : null };
}

export function check(name: string, ok: boolean, detail: string): Check {
  return { name, ok, detail };
}
