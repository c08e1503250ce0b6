/**
 * Timing loops. Each call is timed on its own with `performance.now()` (sub-microsecond, monotonic),
 * after untimed warm-up calls that let V8 optimise the code and fill connection pools. Samples are
 * milliseconds; summarise them with stats.ts.
 */
import { performance } from 'node:perf_hooks';

export interface LoopOptions {
  warmup: number;
  iterations: number;
}

export function timeSync(fn: (i: number) => unknown, o: LoopOptions): number[] {
  let sink: unknown;
  for (let i = 0; i < o.warmup; i++) sink = fn(i);
  const samples = new Array<number>(o.iterations);
  for (let i = 0; i < o.iterations; i++) {
    const t0 = performance.now();
    sink = fn(o.warmup + i);
    samples[i] = performance.now() - t0;
  }
  keep(sink);
  return samples;
}

/** Runs one after the other (never concurrently), so each sample is one call's latency. */
export async function timeAsync(fn: (i: number) => Promise<unknown>, o: LoopOptions): Promise<number[]> {
  for (let i = 0; i < o.warmup; i++) await fn(i);
  const samples = new Array<number>(o.iterations);
  for (let i = 0; i < o.iterations; i++) {
    const t0 = performance.now();
    await fn(o.warmup + i);
    samples[i] = performance.now() - t0;
  }
  return samples;
}

/** Written with every result: an exported binding the optimiser must keep, so the work stays. */
export let blackhole: unknown;
function keep(value: unknown): void {
  blackhole = value;
}
