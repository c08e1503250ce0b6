/**
 * Figure 2, the payment cycle on loopback against the simulator with no injected latency: verify,
 * activate, cash tender and the outcome accepted by the node, per payment through the real core
 * (startCore in configured mode: engine, durable commits, the outbox delivering), against a bare
 * HTTP client posting the same three bodies with no persistence (lib/raw-cycle.ts). Each payment is
 * a fresh 3-transfer position; engine and bare cycles alternate so drift hits both alike.
 */
import { join } from 'node:path';
import { startCore } from '../../main/core/core';
import { startSimulator } from '../../sim/simulator';
import { check, row, type Figure } from '../lib/figure';
import { pay } from '../lib/payment';
import { prebuildRawCycles, runRawCycle } from '../lib/raw-cycle';
import { rawAgent } from '../lib/raw-http';
import { summarize } from '../lib/stats';
import { cashDetails, freshNotices, POSITION_CENTS, terminalEnv } from '../lib/terminal';
import { performance } from 'node:perf_hooks';

const PLANS = { full: { warmup: 20, cycles: 300 }, quick: { warmup: 5, cycles: 40 } };

export const cycleFigure: Figure = {
  figure: 2,
  title: 'Payment cycle through the engine vs bare HTTP, loopback',
  async run(ctx) {
    const plan = ctx.quick ? PLANS.quick : PLANS.full;
    const total = plan.warmup + plan.cycles;
    const sim = await startSimulator({ port: 0, logLimit: 10 * total + 100 });
    const core = await startCore({ env: terminalEnv(join(ctx.workDir, 'cycle'), sim) });
    const agent = rawAgent();
    try {
      const notices = freshNotices(sim, total);
      const raw = prebuildRawCycles(sim, freshNotices(sim, total), POSITION_CENTS, cashDetails());
      const url = new URL(sim.url);
      const firstSeq = (sim.log().at(-1)?.seq ?? 0) + 1;
      const engineTimes: number[] = [];
      const rawTimes: number[] = [];
      let completed = 0;
      for (let i = 0; i < total; i++) {
        const t0 = performance.now();
        const s = await pay(core.engine, notices[i]!, { amountCents: POSITION_CENTS, waitOutcome: true });
        const t1 = performance.now();
        const [, , , whole] = await runRawCycle(agent, url, raw[i]!);
        if (s.status === 'completed') completed++;
        if (i < plan.warmup) continue;
        engineTimes.push(t1 - t0);
        rawTimes.push(whole);
      }
      const calls = sim.log(firstSeq - 1);
      const notOk = calls.filter((e) => e.outcome !== 'OK' || e.httpStatus !== 200);
      const unpaid = notices.filter((n) => sim.position(n.fiscalCode, n.noticeNumber)?.state !== 'paid').length;
      const e = summarize(engineTimes);
      const r = summarize(rawTimes);
      const base = 'bare HTTP, same 3 bodies, no persistence';
      return {
        rows: [
          row('verify + activate + tender + outcome accepted, p50', e.median, 'ms', { name: base, value: r.median }),
          row('verify + activate + tender + outcome accepted, p99', e.p99, 'ms', { name: base, value: r.p99 }),
        ],
        checks: [
          check(
            'every engine payment completed and its notice is paid at the node',
            completed === total && unpaid === 0,
            `${completed}/${total} completed, ${unpaid} unpaid`,
          ),
          check(
            'every call of both sides answered HTTP 200 / OK',
            calls.length === 6 * total && notOk.length === 0,
            `${calls.length} calls logged, ${notOk.length} not OK`,
          ),
        ],
        details: { plan, engine: e, bare: r },
      };
    } finally {
      agent.destroy();
      await core.close();
      await sim.close();
    }
  },
};
