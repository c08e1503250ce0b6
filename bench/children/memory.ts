/**
 * Figure 9's process: `floor` measures an idle process started the same way and exits; `core`
 * starts a terminal's core (configured for the runner's simulator), measures it idle, then makes
 * the payments listed in BENCH_NOTICES (a JSON file) through the engine, 4 at a time, each to the
 * outcome accepted, sampling memory at checkpoints. Memory is read after a full garbage collection
 * (run with --expose-gc); one JSON line per sample on stdout.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCore } from '../../main/core/core';
import type { QrCode } from '../../main/protocol';
import { pay } from '../lib/payment';

const MiB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

async function sample(label: string, payments: number): Promise<void> {
  await sleep(200);
  gc?.();
  const m = process.memoryUsage();
  console.log(
    JSON.stringify({
      label,
      payments,
      rssMiB: m.rss / MiB,
      heapUsedMiB: m.heapUsed / MiB,
      externalMiB: m.external / MiB,
      gc: gc !== undefined,
    }),
  );
}

const mode = process.argv[2];
if (mode === 'floor') {
  await sleep(1_000);
  await sample('floor', 0);
} else if (mode === 'core') {
  const notices = JSON.parse(readFileSync(process.env.BENCH_NOTICES ?? '', 'utf8')) as QrCode[];
  const amountCents = Number(process.env.BENCH_AMOUNT);
  const every = Number(process.env.BENCH_EVERY);
  const core = await startCore();
  await sleep(1_000);
  await sample('idle', 0);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < notices.length) {
      const notice = notices[next++]!;
      await pay(core.engine, notice, { amountCents, waitOutcome: true });
      done++;
      if (done % every === 0) await sample('paid', done);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  await sleep(1_000);
  await sample('after', done);
  await core.close();
} else {
  console.error('usage: memory.ts floor|core');
  process.exit(2);
}
