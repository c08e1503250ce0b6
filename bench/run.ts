/**
 * `npm run bench [-- --quick] [-- --json PATH] [-- --only 1,5,10]`: every figure of BENCHMARKS.md in
 * one run, each next to a baseline measured in the same run on the same machine, as one table
 * (figure, measure, value, baseline, ratio) and, with --json, the same as JSON. Progress goes to
 * stderr, the report to stdout. Exits 1 when a figure failed or one of its checks did not hold.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseBenchArgs } from './lib/args';
import { BenchUsageError } from './lib/errors';
import type { Figure, FigureResult, RunContext } from './lib/figure';
import { describeMachine, machineInfo } from './lib/machine';
import { reportChecks, reportTable, runFailed, runReport } from './lib/report';

interface Entry {
  figure: number;
  title: string;
  load: () => Promise<Figure>;
}

/** Loaded one at a time, so a figure whose dependencies are missing fails alone. */
const FIGURES: readonly Entry[] = [
  { figure: 1, title: 'protocol codec', load: async () => (await import('./figures/codec')).codecFigure },
  { figure: 2, title: 'payment cycle', load: async () => (await import('./figures/cycle')).cycleFigure },
  { figure: 3, title: 'durable commit', load: async () => (await import('./figures/commit')).commitFigure },
  { figure: 4, title: 'recovery', load: async () => (await import('./figures/recovery')).recoveryFigure },
  { figure: 5, title: 'backlog drain', load: async () => (await import('./figures/drain')).drainFigure },
  { figure: 6, title: 'scan to screen', load: async () => (await import('./figures/scan')).scanFigure },
  { figure: 7, title: 'cold start', load: async () => (await import('./figures/cold-start')).coldStartFigure },
  { figure: 8, title: 'certificate rendering', load: async () => (await import('./figures/certificate')).certificateFigure },
  { figure: 9, title: 'memory', load: async () => (await import('./figures/memory')).memoryFigure },
  { figure: 10, title: 'scale', load: async () => (await import('./figures/scale')).scaleFigure },
  { figure: 11, title: 'catalogue search as typed', load: async () => (await import('./figures/catalogue')).catalogueFigure },
  { figure: 12, title: 'fleet: terminals -> broker -> back office', load: async () => (await import('./figures/fleet')).fleetFigure },
];

const USAGE = `usage: npm run bench [-- --quick] [-- --json PATH] [-- --only 1,3,10]
  --quick      a short run (under a minute): fewer samples, a smaller generated database
  --json PATH  also write every figure as JSON (times in ms, memory in MiB)
  --only LIST  run only these figures (1..${FIGURES.length})`;

async function runOne(entry: Entry, ctx: RunContext): Promise<FigureResult> {
  const t0 = performance.now();
  const seconds = () => Math.round((performance.now() - t0) / 100) / 10;
  ctx.log(`figure ${entry.figure}: ${entry.title}...`);
  try {
    const figure = await entry.load();
    const r = await figure.run(ctx);
    return { figure: entry.figure, title: figure.title, ...r, seconds: seconds() };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const details = (e as { details?: unknown }).details;
    ctx.log(
      `figure ${entry.figure} failed: ${e instanceof Error && e.stack ? e.stack : message}${details ? `\n${JSON.stringify(details, null, 2)}` : ''}`,
    );
    return { figure: entry.figure, title: entry.title, rows: [], checks: [], error: message, seconds: seconds() };
  }
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(process.argv.slice(2), { figures: FIGURES.length });
  } catch (e) {
    if (!(e instanceof BenchUsageError)) throw e;
    console.error(`bench: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const machine = machineInfo();
  const started = new Date();
  const t0 = performance.now();
  console.log(`npm run bench${args.quick ? ' -- --quick' : ''}, ${started.toISOString()}\n${describeMachine(machine)}\n`);

  const workDir = mkdtempSync(join(tmpdir(), 'sportello-bench-'));
  const cacheDir = join(tmpdir(), 'sportello-bench-cache');
  mkdirSync(cacheDir, { recursive: true });
  const ctx: RunContext = { quick: args.quick, workDir, cacheDir, log: (line) => console.error(`  ${line}`) };
  const results: FigureResult[] = [];
  try {
    for (const entry of FIGURES.filter((f) => !args.only || args.only.includes(f.figure))) {
      const r = await runOne(entry, ctx);
      results.push(r);
      ctx.log(`figure ${entry.figure}: ${r.error ? 'FAILED' : r.skipped ? 'skipped' : 'done'} in ${r.seconds} s`);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const seconds = Math.round((performance.now() - t0) / 1000);
  console.log(reportTable(results));
  const checks = reportChecks(results);
  if (checks) console.log(`\nchecks:\n${checks}`);
  const loadAtEnd = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
  console.log(
    `\n${results.length} figure(s) in ${seconds} s, load ${machine.loadAverage1m} at start and ${loadAtEnd} at the end${runFailed(results) ? ': SOMETHING FAILED (see above)' : ''}`,
  );
  if (args.json) {
    writeFileSync(args.json, `${JSON.stringify(runReport(results, machine, args.quick, seconds, started), null, 2)}\n`);
    console.log(`written: ${args.json}`);
  }
  return runFailed(results) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // A figure that left a handle open (a browser, a socket) must not keep the run from ending.
    setTimeout(() => process.exit(code), 3_000).unref();
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
