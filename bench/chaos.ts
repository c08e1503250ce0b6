/**
 * `npm run chaos -- --trials N --seed S [--jobs J] [--mixes a,b] [--keep]`: the crash harness (test/crash/) at scale.
 * Each trial draws from the seeded PRNG: 1-3 payments of 1-3 fresh notices (cash, sometimes a cancel),
 * one fault mix, and 0-3 kills (at a named crash point, or after a random delay); the terminal runs as
 * a child process, is restarted after every kill, recovers and drains, and the checker judges the
 * terminal's file against the node's log. The mixes include the adversary's (issue 9 §8): slow and
 * hostile activation answers, outcome faults, a database emptied or damaged between lives, the disk
 * full while serving, the clock far behind; and card payments on the nexo terminal simulator (issue 14).
 * The same seed replays the same trials (the timing of a
 * delayed kill still depends on the machine). Prints every harm count (all must be 0) and exits 1 if
 * any invariant broke.
 * --jobs: trials run at once (each is a simulator and a child process); --mixes: only these fault
 * mixes (names in test/crash/plan.ts; `adversary` stands for all of the adversary's, `card` for the
 * card terminal's: a lost answer, kills around the card, a node refusing the card's OK; `service` for the
 * spontaneous payments': car taxes demanded into carts, kills and hostile answers around the demand); --keep: keep
 * every trial's folder for a post-mortem. A mix this machine cannot run (disk-full without tmpfs,
 * clock-behind without libfaketime) is skipped, with the reason printed.
 */
import { parseArgs } from 'node:util';
import { harmCounts } from '../test/crash/check';
import { ADVERSARY_MIXES, CARD_MIXES, FAULT_MIXES, SERVICE_MIXES, prng, randomTrial } from '../test/crash/plan';
import type { FaultMix } from '../test/crash/plan';
import { explain, runTrial, trialUnavailable } from '../test/crash/trial';
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
const asked = values.mixes
  .split(',')
  .map((m) => m.trim())
  .filter(Boolean)
  .flatMap((m) =>
    m === 'adversary' ? [...ADVERSARY_MIXES] : m === 'card' ? [...CARD_MIXES] : m === 'service' ? [...SERVICE_MIXES] : [m],
  ) as FaultMix[];
if (
  !Number.isSafeInteger(trials) ||
  trials < 1 ||
  !Number.isSafeInteger(seed) ||
  asked.length === 0 ||
  asked.some((m) => !FAULT_MIXES.includes(m))
) {
  console.error(
    `usage: npm run chaos -- --trials N --seed S [--jobs J] [--mixes adversary,card,service,${FAULT_MIXES.join(',')}] [--keep]`,
  );
  process.exit(2);
}
// A mix this machine cannot run is left out, saying why (probed once, on a trial drawn for it).
const mixes = asked.filter((m) => {
  const reason = trialUnavailable(randomTrial(prng(1), 0, [m]));
  if (reason) console.log(`skipping mix ${m}: ${reason}`);
  return !reason;
});
if (mixes.length === 0) {
  console.error('chaos: no mix left to run');
  process.exit(2);
}

const rand = prng(seed);
const specs = Array.from({ length: trials }, (_, i) => randomTrial(rand, i + 1, mixes));
console.log(`chaos: ${trials} trials, seed ${seed}, ${jobs} at a time, mixes ${mixes.join(',')}`);

const results: TrialResult[] = new Array(trials);
let next = 0;
const started = Date.now();
async function worker(): Promise<void> {
  while (next < specs.length) {
    const i = next++;
    const r = await runTrial(specs[i]!, { keep: values.keep });
    results[i] = r;
    const mark = r.violations.length === 0 ? 'ok  ' : 'FAIL';
    const storage = r.storage ? `, database ${r.storage.verdict}${r.storage.code ? ` (${r.storage.code})` : ''}` : '';
    console.log(
      `${mark} ${r.name}: ${r.stats.sessions} sessions, ${r.stats.tokens} tokens, ${r.stats.crashes} crashes${storage}${r.dir ? ` (${r.dir})` : ''}`,
    );
    if (r.violations.length > 0) console.log(explain(r));
  }
}
await Promise.all(Array.from({ length: jobs }, worker));

const sum = (f: (r: TrialResult) => number) => results.reduce((s, r) => s + f(r), 0);
const violations = results.flatMap((r) => r.violations);
const byRule = new Map<string, number>();
for (const v of violations) byRule.set(v.rule, (byRule.get(v.rule) ?? 0) + 1);
const failed = results.filter((r) => r.violations.length > 0).length;
const drawn = mixes.map((m) => `${m} ${specs.filter((s) => s.mix === m).length}`).join(', ');
const storage = new Map<string, number>();
for (const r of results) if (r.storage) storage.set(r.storage.verdict, (storage.get(r.storage.verdict) ?? 0) + 1);
const refusedPayments = new Map<string, number>();
for (const e of results.flatMap((r) => r.evidence.events).filter((x) => x.event === 'payment-refused')) {
  refusedPayments.set(String(e.code), (refusedPayments.get(String(e.code)) ?? 0) + 1);
}
const refusedServices = new Map<string, number>();
for (const e of results.flatMap((r) => r.evidence.events).filter((x) => x.event === 'service-refused')) {
  refusedServices.set(String(e.code), (refusedServices.get(String(e.code)) ?? 0) + 1);
}
const list = (m: Map<string, number>) => (m.size === 0 ? 'none' : [...m].map(([k, v]) => `${k} ${v}`).join(', '));
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
  ['tokens the node let lapse after the terminal re-asked', sum((r) => r.stats.expiredResolved)],
  ['demanded notices in carts (spontaneous payments)', sum((r) => r.stats.serviceNotices)],
  ['demanded notices paid', sum((r) => r.stats.serviceCollected)],
  ["demanded notices, the demand's amount other than verify's", sum((r) => r.stats.demandAmountDiffered)],
  ['orphan positions (demanded, in no cart; unpaid, no token)', sum((r) => r.stats.orphanPositions)],
  ['service demands refused with a typed error, by code', list(refusedServices)],
  ['payments refused with a typed error, by code', list(refusedPayments)],
  ['damaged databases, by what the terminal did', list(storage)],
  ...harmCounts(violations).map(([name, n]): [string, number] => [`${name} (must be 0)`, n]),
  ['violations by rule', list(byRule)],
  ['fault mixes drawn', drawn],
  ['wall time', `${((Date.now() - started) / 1000).toFixed(1)} s`],
];
console.log('');
for (const [k, v] of rows) console.log(`${k.padEnd(58)} ${v}`);
process.exit(failed > 0 ? 1 : 0);
