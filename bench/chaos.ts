/**
 * `npm run chaos -- --trials N --seed S [--jobs J] [--mixes a,b] [--keep]`: the crash harness (test/crash/) at scale.
 * Each trial draws from the seeded PRNG: 1-3 payments of 1-3 fresh notices (cash, sometimes a cancel),
 * one simulator fault mix, and 0-3 kills (at a named crash point, or after a random delay); the
 * terminal runs as a child process, is restarted after every kill, recovers and drains, and the checker
 * judges the terminal's file against the node's log. The same seed replays the same trials (the
 * timing of a delayed kill still depends on the machine). Exits 1 if any invariant broke.
 * --jobs: trials run at once (each is a simulator and a child process); --mixes: only these fault
 * mixes (names in test/crash/plan.ts); --keep: keep every trial's folder for a post-mortem.
 */
import { parseArgs } from 'node:util';
import { FAULT_MIXES, prng, randomTrial } from '../test/crash/plan';
import type { FaultMix } from '../test/crash/plan';
import { explain, runTrial } from '../test/crash/trial';
import type { TrialResult } from '../test/crash/trial';

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '20' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    jobs: { type: 'string', default: '1' },
    mixes: { type: 'string', default: FAULT_MIXES.join(',') },
    keep: { type: 'boolean', default: false },
  },
});
const trials = Number(values.trials);
const seed = Number(values.seed);
const jobs = Math.max(1, Number(values.jobs));
const mixes = values.mixes.split(',').map((m) => m.trim()).filter(Boolean) as FaultMix[];
if (!Number.isSafeInteger(trials) || trials < 1 || !Number.isSafeInteger(seed) || mixes.length === 0 || mixes.some((m) => !FAULT_MIXES.includes(m))) {
  console.error(`usage: npm run chaos -- --trials N --seed S [--jobs J] [--mixes ${FAULT_MIXES.join(',')}] [--keep]`);
  process.exit(2);
}

const rand = prng(seed);
const specs = Array.from({ length: trials }, (_, i) => randomTrial(rand, i + 1, mixes));
console.log(`chaos: ${trials} trials, seed ${seed}, ${jobs} at a time`);

const results: TrialResult[] = new Array(trials);
let next = 0;
const started = Date.now();
async function worker(): Promise<void> {
  while (next < specs.length) {
    const i = next++;
    const r = await runTrial(specs[i]!, { keep: values.keep });
    results[i] = r;
    const mark = r.violations.length === 0 ? 'ok  ' : 'FAIL';
    console.log(`${mark} ${r.name}: ${r.stats.sessions} sessions, ${r.stats.tokens} tokens, ${r.stats.crashes} crashes${r.dir ? ` (${r.dir})` : ''}`);
    if (r.violations.length > 0) console.log(explain(r));
  }
}
await Promise.all(Array.from({ length: jobs }, worker));

const sum = (f: (r: TrialResult) => number) => results.reduce((s, r) => s + f(r), 0);
const byRule = new Map<string, number>();
for (const v of results.flatMap((r) => r.violations)) byRule.set(v.rule, (byRule.get(v.rule) ?? 0) + 1);
const failed = results.filter((r) => r.violations.length > 0).length;
const drawn = mixes.map((m) => `${m} ${specs.filter((s) => s.mix === m).length}`).join(', ');
const rows: Array<[string, number | string]> = [
  ['trials', trials],
  ['trials failed', failed],
  ['crashes injected', sum((r) => r.stats.crashes)],
  ['recoveries (restarts that had work to recover)', sum((r) => r.stats.recoveries)],
  ['items recovered (requeued + reactivated + abandoned)', sum((r) => r.stats.recovered)],
  ['payment sessions', sum((r) => r.stats.sessions)],
  ['tenders', sum((r) => r.stats.tendered)],
  ['tokens issued by the node', sum((r) => r.stats.tokens)],
  ['OK outcomes accepted', sum((r) => r.stats.okAccepted)],
  ['KO outcomes delivered', sum((r) => r.stats.koDelivered)],
  ['late outcomes (accepted after the token lapsed)', sum((r) => r.stats.lateOutcomes)],
  ['refunds', sum((r) => r.stats.refunds)],
  ['orphan tokens the node forgot (explained)', sum((r) => r.stats.orphansExpired)],
  ['outcomes lost (must be 0)', sum((r) => r.stats.outcomesLost)],
  ['duplicates (must be 0)', sum((r) => r.stats.duplicates)],
  ['violations by rule', byRule.size === 0 ? 'none' : [...byRule].map(([k, v]) => `${k} ${v}`).join(', ')],
  ['fault mixes drawn', drawn],
  ['wall time', `${((Date.now() - started) / 1000).toFixed(1)} s`],
];
console.log('');
for (const [k, v] of rows) console.log(`${k.padEnd(52)} ${v}`);
process.exit(failed > 0 ? 1 : 0);
