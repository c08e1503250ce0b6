/**
 * One crash trial, run by the parent: a simulator in this process (so the node's state outlives the
 * terminal), a temp data dir and config file, then the terminal as a child process for each life
 * (killed at a crash point or after a delay), a last clean life that recovers and drains, and the
 * checker over the terminal's file and the node's log. Used by test/crash/*.test.ts and bench/chaos.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../sim/simulator';
import type { Simulator } from '../../sim/simulator';
import { check } from './check';
import type { TrialStats, Violation } from './check';
import { lifeName } from './plan';
import type { ChildPlan, LifeEnd, TrialSpec } from './plan';
import { readNode, readTerminal } from './snapshot';
import type { ChildEvent, NodeSnapshot, TerminalSnapshot } from './snapshot';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('../support/crash-child.ts', import.meta.url));
/** Far more than any life needs; a child past it is killed and the trial fails. */
const LIFE_LIMIT_MS = 90_000;

export interface LifeResult {
  life: number;
  end: LifeEnd | null;
  /** The child died by SIGKILL (its own crash point, or the parent's kill). */
  killed: boolean;
  exitCode: number | null;
  lines: Array<Record<string, unknown>>;
  stderr: string;
  durationMs: number;
}

export interface TrialResult {
  name: string;
  lives: LifeResult[];
  violations: Violation[];
  stats: TrialStats & { crashes: number; recoveries: number; recovered: number };
  /** What the checker judged: for post-mortems, and for tests that doctor it. */
  evidence: { terminal: TerminalSnapshot; node: NodeSnapshot; events: ChildEvent[] };
  /** The temp folder, when kept for a post-mortem. */
  dir: string | null;
}

/** The terminal's configuration, pointed at the simulator: what a technician would write. */
function terminalConfig(sim: Simulator, spec: TrialSpec) {
  const c = sim.credentials;
  const t = spec.plan.callTimeoutMs;
  return {
    version: 1,
    node: {
      endpoint: sim.url, subscriptionKey: c.subscriptionKey, idPSP: c.idPSP, idBrokerPSP: c.idBrokerPSP, idChannel: c.idChannel, password: c.password,
      pspFiscalCode: c.idBrokerPSP, pspName: 'Sportello Crash PSP', tokenDurationMs: 1_800_000,
      timeoutsMs: { verifyPaymentNotice: t, activatePaymentNotice: t, sendPaymentOutcome: t }, isPoste: false,
    },
    terminal: { id: 'CRASH01', kind: spec.plan.terminalKind, locale: 'it', strictCheckDigit: false, kioskAbandonSeconds: 180 },
    fees: { kind: 'flat', cents: 150 },
  };
}

function runLife(dir: string, life: number, end: LifeEnd | null): Promise<LifeResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, SPORTELLO_CONFIG: join(dir, 'config.json'), SPORTELLO_DATA_DIR: join(dir, 'data'), CRASH_PLAN: join(dir, 'plan.json'), CRASH_LIFE: String(life) };
  delete env.SPORTELLO_CRASH_AT;
  delete env.NODE_TEST_CONTEXT; // the child is a program, not a test file reporting to this runner
  if (end?.kind === 'crash-point') env.SPORTELLO_CRASH_AT = `${end.point}:${end.nth}`;
  const t0 = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Array<Record<string, unknown>> = [];
  let stderr = '';
  let buffered = '';
  const timers: NodeJS.Timeout[] = [setTimeout(() => child.kill('SIGKILL'), LIFE_LIMIT_MS)];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        lines.push(parsed);
        if (parsed.event === 'ready' && end?.kind === 'kill-after') timers.push(setTimeout(() => child.kill('SIGKILL'), end.delayMs));
      } catch {
        // not one of the child's JSON lines (a stray log): ignored
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      timers.forEach(clearTimeout);
      resolve({ life, end, killed: signal === 'SIGKILL', exitCode: code, lines, stderr, durationMs: Date.now() - t0 });
    });
  });
}

function readEvents(dir: string): ChildEvent[] {
  let text = '';
  try {
    text = readFileSync(join(dir, 'data', 'crash-events.jsonl'), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter(Boolean).flatMap((l) => {
    try {
      return [JSON.parse(l) as ChildEvent];
    } catch {
      return [];
    }
  });
}

export async function runTrial(spec: TrialSpec, opts: { keep?: boolean } = {}): Promise<TrialResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-crash-'));
  const sim = await startSimulator({ port: 0 });
  try {
    writeFileSync(join(dir, 'config.json'), JSON.stringify(terminalConfig(sim, spec), null, 2), { mode: 0o600 });
    const childPlan: ChildPlan = { ...spec.plan, adminUrl: sim.adminUrl };
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(childPlan, null, 2));
    const lives: LifeResult[] = [];
    for (const [i, end] of [...spec.lives, null].entries()) lives.push(await runLife(dir, i + 1, end));

    const violations: Violation[] = [];
    for (const l of lives) {
      const error = l.lines.find((x) => x.event === 'error');
      if (error || (!l.killed && l.exitCode !== 0)) {
        violations.push({ rule: 'undecided-session', detail: `life ${l.life} (${l.end ? lifeName(l.end) : 'clean'}) failed: exit ${l.exitCode} ${String(error?.message ?? l.stderr.trim().split('\n').slice(-3).join(' | '))}` });
      }
    }
    const last = lives.at(-1)!;
    if (last.killed) violations.push({ rule: 'undecided-session', detail: `the last life did not finish within ${LIFE_LIMIT_MS} ms` });
    const events = readEvents(dir);
    const evidence = { terminal: readTerminal(join(dir, 'data', 'sportello.db')), node: readNode(sim), events };
    const verdict = check(evidence.terminal, evidence.node, events);
    violations.push(...verdict.violations);
    const starts = events.filter((e) => e.event === 'life-started');
    const recovered = (r: unknown) => {
      const x = r as { requeued?: number; reactivated?: number; abandoned?: number } | null;
      return (x?.requeued ?? 0) + (x?.reactivated ?? 0) + (x?.abandoned ?? 0);
    };
    return {
      name: spec.name,
      lives,
      violations,
      stats: {
        ...verdict.stats,
        crashes: lives.filter((l) => l.killed).length,
        recoveries: starts.filter((e) => e.life > 1 && recovered(e.recovery) > 0).length,
        recovered: starts.reduce((sum, e) => sum + recovered(e.recovery), 0),
      },
      evidence,
      dir: opts.keep ? dir : null,
    };
  } finally {
    await sim.close();
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** One line per violation, for test failures and the chaos report. */
export function explain(result: TrialResult): string {
  return [`${result.name}:`, ...result.violations.map((v) => `  [${v.rule}] ${v.detail}`)].join('\n');
}
