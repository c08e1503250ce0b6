/**
 * Figure 9, memory: the core in a process of its own (children/memory.ts), its resident set idle
 * and after 10,000 payments made through its engine against the runner's simulator (verify,
 * activate, cash, the outcome accepted; 4 at a time), read after a full garbage collection.
 *
 * References, measured in the same run: an idle process started the same way (Node + the
 * TypeScript loader, nothing imported) for the idle figure; the core's own idle RSS for the figure
 * after the payments. Bounded growth is checked on the JS heap after GC over the second half of the
 * payments (RSS also holds freed memory the allocator keeps): it must grow by less than 10 %.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../sim/simulator';
import { startChild, type Child } from '../lib/child';
import { BenchCheckFailed } from '../lib/errors';
import { check, row, type Figure } from '../lib/figure';
import { freshNotices, POSITION_CENTS, terminalEnv } from '../lib/terminal';

const PLANS = { full: { payments: 10_000 }, quick: { payments: 400 } };
const CHILD = fileURLToPath(new URL('../children/memory.ts', import.meta.url));

interface Sample {
  label: 'floor' | 'idle' | 'paid' | 'after';
  payments: number;
  rssMiB: number;
  heapUsedMiB: number;
  externalMiB: number;
  gc: boolean;
}

async function samples(child: Child): Promise<Sample[]> {
  const code = await child.exited;
  if (code !== 0) throw new BenchCheckFailed(`the memory child exited ${code}: ${child.output().slice(-2000)}`);
  return child
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Sample);
}

export const memoryFigure: Figure = {
  figure: 9,
  title: 'Memory: core RSS idle and after 10,000 payments',
  async run(ctx) {
    const { payments } = ctx.quick ? PLANS.quick : PLANS.full;
    const floor = (await samples(startChild(CHILD, { args: ['floor'], nodeArgs: ['--expose-gc'] })))[0];
    const sim = await startSimulator({ port: 0, logLimit: 1_000 });
    try {
      const env = terminalEnv(join(ctx.workDir, 'memory'), sim);
      const noticesFile = join(ctx.workDir, 'memory-notices.json');
      writeFileSync(noticesFile, JSON.stringify(freshNotices(sim, payments)));
      const started = Date.now();
      const child = startChild(CHILD, {
        args: ['core'],
        nodeArgs: ['--expose-gc'],
        env: { ...env, BENCH_NOTICES: noticesFile, BENCH_AMOUNT: String(POSITION_CENTS), BENCH_EVERY: String(payments / 10) },
      });
      const all = await samples(child);
      const seconds = (Date.now() - started) / 1000;
      const idle = all.find((s) => s.label === 'idle');
      const after = all.find((s) => s.label === 'after');
      const paid = all.filter((s) => s.label === 'paid');
      const half = paid.find((s) => s.payments === payments / 2);
      if (!floor || !idle || !after || !half)
        throw new BenchCheckFailed('the memory child did not report every sample', { labels: all.map((s) => s.label) });
      const heapGrowth = after.heapUsedMiB - half.heapUsedMiB;
      const rssGrowth = after.rssMiB - half.rssMiB;
      ctx.log(
        `memory: ${payments} payments in ${seconds.toFixed(0)} s; heap after GC ${paid.map((s) => s.heapUsedMiB.toFixed(1)).join(' ')} MiB`,
      );
      return {
        rows: [
          row('core RSS, idle after start', idle.rssMiB, 'MiB', { name: 'idle Node + loader, nothing loaded', value: floor.rssMiB }),
          row(`core RSS after ${payments.toLocaleString('en')} payments`, after.rssMiB, 'MiB', {
            name: 'the same core, idle',
            value: idle.rssMiB,
          }),
          row(
            `JS heap after GC, payment ${(payments / 2).toLocaleString('en')} -> ${payments.toLocaleString('en')}`,
            after.heapUsedMiB,
            'MiB',
            { name: `heap at payment ${(payments / 2).toLocaleString('en')}`, value: half.heapUsedMiB },
          ),
        ],
        checks: [
          check(
            'garbage collection was forced before each reading',
            all.every((s) => s.gc),
            '--expose-gc',
          ),
          check(
            'heap growth bounded over the second half (< 10 %)',
            heapGrowth < 0.1 * half.heapUsedMiB,
            `heap ${half.heapUsedMiB.toFixed(1)} -> ${after.heapUsedMiB.toFixed(1)} MiB, RSS ${half.rssMiB.toFixed(1)} -> ${after.rssMiB.toFixed(1)} MiB (${rssGrowth >= 0 ? '+' : ''}${rssGrowth.toFixed(1)})`,
          ),
        ],
        details: { payments, seconds, paymentsPerSecond: payments / seconds, floor, samples: all },
      };
    } finally {
      await sim.close();
    }
  },
};
