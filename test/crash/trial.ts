/**
 * One crash trial, run by the parent: a simulator in this process (so the node's state outlives the
 * terminal), a temp data dir and config file, then the terminal as a child process for each life
 * (killed at a crash point or after a delay), a last clean life that recovers and drains, and the
 * checker over the terminal's file and the node's log. Used by test/crash/*.test.ts and bench/chaos.ts.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { startSimulator } from '../../sim/simulator';
import { startNexoSimulator } from '../../sim/nexo/server';
import type { Simulator } from '../../sim/simulator';
import { check } from './check';
import type { TrialStats, Violation } from './check';
import { BALLAST, SLOW_ACTIVATION_MS, lifeName } from './plan';
import type { ChildPlan, LifeEnd, StorageDamage, TrialSpec } from './plan';
import { emptyTerminal, readNode, readTerminal } from './snapshot';
import type { ChildEvent, NodeSnapshot, TerminalSnapshot } from './snapshot';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('../support/crash-child.ts', import.meta.url));
/** Far more than any life needs; a child past it is killed and the trial fails. */
const LIFE_LIMIT_MS = 90_000;

export interface LifeResult {
  life: number;
  end: LifeEnd | null;
  /** This life ran on a database damaged just before it (TrialSpec.storage). */
  damaged?: StorageDamage;
  /** The core refused to start (exit 4, a `start-refused` line), with its typed code if any. */
  refused?: { code: string | null; message: string };
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
  /** What the storage damage between lives found (TrialSpec.storage). */
  storage?: StorageVerdict;
}

export interface StorageVerdict {
  damage: StorageDamage;
  /** false when there was nothing to damage (no notice row yet): that life was an ordinary restart. */
  applied: boolean;
  /** the terminal had held payments before the damage: it must refuse, not start afresh */
  held: boolean;
  /** refused: typed refusal, backup restored; silent: it started and wrote into (or re-created) the file; rescue: started without writing */
  verdict: 'refused' | 'silent' | 'rescue' | 'fresh' | 'not-applied' | 'failed-untyped';
  code: string | null;
}

/** The libfaketime library, or null: the clock-behind mix needs it. */
export function faketimeLibrary(): string | null {
  const candidates = [
    '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
    '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
    '/usr/lib/faketime/libfaketime.so.1',
    '/usr/local/lib/faketime/libfaketime.so.1',
    '/usr/lib64/faketime/libfaketime.so.1',
  ];
  return candidates.find((c) => existsSync(c)) ?? null;
}

/** Why a small tmpfs cannot be mounted here (the disk-full mix), or null when it can. Tried once per process. */
let tmpfsReason: string | null | undefined;
export function tmpfsUnavailable(): string | null {
  if (tmpfsReason !== undefined) return tmpfsReason;
  const probe = mkdtempSync(join(tmpdir(), 'sportello-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe], { stdio: 'pipe' });
    tmpfsReason = null;
  } catch (e) {
    tmpfsReason = `cannot mount a tmpfs (needs root or CAP_SYS_ADMIN): ${String((e as { stderr?: Buffer }).stderr ?? e).trim()}`;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
  return tmpfsReason;
}

/** Why a trial of this spec cannot run on this machine, or null. */
export function trialUnavailable(spec: TrialSpec): string | null {
  if (spec.tmpfsBytes !== undefined) {
    const reason = tmpfsUnavailable();
    if (reason) return reason;
  }
  if (spec.clockBehind !== undefined && !faketimeLibrary()) return 'libfaketime is not installed (apt-get install faketime)';
  return null;
}

/** The terminal's configuration, pointed at the simulator: what a technician would write. */
function terminalConfig(sim: Simulator, spec: TrialSpec) {
  const c = sim.credentials;
  const t = spec.plan.callTimeoutMs;
  return {
    version: 1,
    node: {
      endpoint: sim.url,
      subscriptionKey: c.subscriptionKey,
      idPSP: c.idPSP,
      idBrokerPSP: c.idBrokerPSP,
      idChannel: c.idChannel,
      password: c.password,
      pspFiscalCode: c.idBrokerPSP,
      pspName: 'Sportello Crash PSP',
      tokenDurationMs: 1_800_000,
      timeoutsMs: { verifyPaymentNotice: t, activatePaymentNotice: t, sendPaymentOutcome: t },
      isPoste: false,
      // This node finishes or abandons every request within SLOW_ACTIVATION_MS: the terminal is told so.
      activationHorizonMs: SLOW_ACTIVATION_MS + 2_000,
    },
    terminal: { id: 'CRASH01', kind: spec.plan.terminalKind, locale: 'it', strictCheckDigit: false, kioskAbandonSeconds: 180 },
    fees: { kind: 'flat', cents: 150 },
  };
}

function runLife(dir: string, life: number, end: LifeEnd | null, spec: TrialSpec): Promise<LifeResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SPORTELLO_CONFIG: join(dir, 'config.json'),
    SPORTELLO_DATA_DIR: join(dir, 'data'),
    CRASH_PLAN: join(dir, 'plan.json'),
    CRASH_LIFE: String(life),
    CRASH_EVENTS: join(dir, 'crash-events.jsonl'),
  };
  delete env.SPORTELLO_CRASH_AT;
  delete env.NODE_TEST_CONTEXT; // the child is a program, not a test file reporting to this runner
  if (end?.kind === 'crash-point') env.SPORTELLO_CRASH_AT = `${end.point}:${end.nth}`;
  if (spec.clockBehind !== undefined) {
    // The wall clock (only: the monotonic clock runs on, as after an NTP step) reads from the file, re-read every second.
    Object.assign(env, {
      LD_PRELOAD: faketimeLibrary() ?? '',
      FAKETIME_TIMESTAMP_FILE: join(dir, 'faketime'),
      CRASH_FAKETIME_FILE: join(dir, 'faketime'),
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
      FAKETIME_CACHE_DURATION: '1',
    });
  }
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
        if (end?.kind === 'kill-on' && parsed.event === end.event && parsed.index === end.index)
          timers.push(setTimeout(() => child.kill('SIGKILL'), end.delayMs));
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
      const refusal = lines.find((x) => x.event === 'start-refused');
      const refused =
        code === 4 && refusal
          ? { refused: { code: typeof refusal.code === 'string' ? refusal.code : null, message: String(refusal.message) } }
          : {};
      resolve({ life, end, killed: signal === 'SIGKILL', exitCode: code, lines, stderr, durationMs: Date.now() - t0, ...refused });
    });
  });
}

function readEvents(dir: string): ChildEvent[] {
  let text = '';
  try {
    text = readFileSync(join(dir, 'crash-events.jsonl'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as ChildEvent];
      } catch {
        return [];
      }
    });
}

const DB_FILES = ['sportello.db', 'sportello.db-wal'];

function fileHash(dataDir: string): string {
  const h = createHash('sha256');
  for (const f of DB_FILES) h.update(existsSync(join(dataDir, f)) ? readFileSync(join(dataDir, f)) : Buffer.alloc(0)).update('|');
  return h.digest('hex');
}

/**
 * The technician's backup (a copy of the files as they are, taken while the terminal is down), then the
 * damage: the file cut to 0 bytes with its WAL gone, or one notice row breaking its CHECK (position 0),
 * written past the constraint as a disk error would. Returns whether anything was damaged.
 */
function damageDatabase(dir: string, damage: StorageDamage): boolean {
  const data = join(dir, 'data');
  const backup = join(dir, 'backup');
  mkdirSync(backup, { recursive: true });
  for (const f of DB_FILES) if (existsSync(join(data, f))) copyFileSync(join(data, f), join(backup, f));
  if (damage === 'empty') {
    writeFileSync(join(data, 'sportello.db'), '');
    rmSync(join(data, 'sportello.db-wal'), { force: true });
    rmSync(join(data, 'sportello.db-shm'), { force: true });
    return true;
  }
  if (!existsSync(join(data, 'sportello.db'))) return false;
  const db = new Database(join(data, 'sportello.db'));
  try {
    db.pragma('ignore_check_constraints = ON');
    return db.prepare('UPDATE session_notice SET position = 0 WHERE id = (SELECT max(id) FROM session_notice)').run().changes > 0;
  } finally {
    db.close();
  }
}

/** What the technician does after a refusal: puts the backup back. */
function restoreBackup(dir: string): void {
  const data = join(dir, 'data');
  for (const f of [...DB_FILES, 'sportello.db-shm']) rmSync(join(data, f), { force: true });
  for (const f of DB_FILES) if (existsSync(join(dir, 'backup', f))) copyFileSync(join(dir, 'backup', f), join(data, f));
}

/** The lives of a trial, in order: the planned ones, the damaged one and a clean one after it, the last clean one. */
async function runLives(dir: string, spec: TrialSpec): Promise<{ lives: LifeResult[]; storage?: StorageVerdict }> {
  const lives: LifeResult[] = [];
  let storage: StorageVerdict | undefined;
  const ends: Array<LifeEnd | null> = [...spec.lives, null];
  for (let i = 0; i < ends.length; i++) {
    lives.push(await runLife(dir, lives.length + 1, ends[i]!, spec));
    rmSync(join(dir, 'data', BALLAST), { force: true }); // a life killed with the disk full: the space comes back
    if (spec.storage && spec.storage.afterLife === i + 1) {
      const { damage } = spec.storage;
      const held = readEvents(dir).some((e) => e.event === 'session');
      const applied = damageDatabase(dir, damage);
      const before = fileHash(join(dir, 'data'));
      const life = { ...(await runLife(dir, lives.length + 1, null, spec)), ...(applied ? { damaged: damage } : {}) };
      lives.push(life);
      const wrote = fileHash(join(dir, 'data')) !== before;
      const code = life.refused?.code ?? null;
      let verdict: StorageVerdict['verdict'];
      if (!applied) verdict = 'not-applied';
      else if (life.refused && code) verdict = 'refused';
      else if (life.killed || life.exitCode !== 0) verdict = 'failed-untyped';
      else if (!held && damage === 'empty') verdict = 'fresh';
      else verdict = wrote ? 'silent' : 'rescue';
      storage = { damage, applied, held, verdict, code };
      if (verdict === 'refused' || verdict === 'rescue' || verdict === 'failed-untyped') restoreBackup(dir);
      if (i === ends.length - 1) ends.push(null); // a clean life always follows the damaged one
    }
  }
  return { lives, ...(storage ? { storage } : {}) };
}

function mountTmpfs(dataDir: string, bytes: number): void {
  mkdirSync(dataDir, { recursive: true });
  const reason = tmpfsUnavailable();
  if (reason) throw new Error(`disk-full trial: ${reason}`);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dataDir], { stdio: 'pipe' });
}

export async function runTrial(spec: TrialSpec, opts: { keep?: boolean } = {}): Promise<TrialResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-crash-'));
  const dataDir = join(dir, 'data');
  let mounted = false;
  const sim = await startSimulator({ port: 0 });
  // The kiosk's card terminal, in this process like the node: what it charged outlives the terminal's lives.
  const nexo = await startNexoSimulator({ port: 0 });
  try {
    if (spec.tmpfsBytes !== undefined) {
      mountTmpfs(dataDir, spec.tmpfsBytes);
      mounted = true;
    }
    if (spec.clockBehind !== undefined)
      writeFileSync(join(dir, 'faketime'), `-${Math.round((Date.now() - Date.parse(spec.clockBehind)) / 1000)}\n`);
    writeFileSync(join(dir, 'config.json'), JSON.stringify(terminalConfig(sim, spec), null, 2), { mode: 0o600 });
    const childPlan: ChildPlan = {
      ...spec.plan,
      adminUrl: sim.adminUrl,
      nexo: { url: nexo.url, adminUrl: nexo.adminUrl, poiId: nexo.poiId, key: { ...nexo.key } },
    };
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(childPlan, null, 2));
    const { lives, storage } = await runLives(dir, spec);

    const violations: Violation[] = [];
    for (const l of lives) {
      const error = l.lines.find((x) => x.event === 'error');
      if (l.damaged && (l.refused?.code || l.exitCode === 0)) continue; // judged by the storage verdict below
      if (error || (!l.killed && l.exitCode !== 0)) {
        const why = l.refused
          ? `refused to start (${l.refused.code ?? 'untyped'}): ${l.refused.message}`
          : String(error?.message ?? l.stderr.trim().split('\n').slice(-3).join(' | '));
        violations.push({
          rule: 'life-failed',
          detail: `life ${l.life} (${l.end ? lifeName(l.end) : 'clean'}${l.damaged ? `, ${l.damaged} database` : ''}) failed: exit ${l.exitCode} ${why}`,
        });
      }
    }
    if (storage?.verdict === 'silent') {
      violations.push({
        rule: 'storage-silent',
        detail: `the ${storage.damage === 'empty' ? 'emptied' : 'damaged'} database of a terminal that held payments was ${storage.damage === 'empty' ? 're-created' : 'written into'} without a word`,
      });
    }
    const last = lives.at(-1)!;
    if (last.killed) violations.push({ rule: 'life-failed', detail: `the last life did not finish within ${LIFE_LIMIT_MS} ms` });
    const events = readEvents(dir);
    let terminal: TerminalSnapshot;
    try {
      terminal = readTerminal(join(dataDir, 'sportello.db'));
    } catch (e) {
      violations.push({ rule: 'life-failed', detail: `the terminal's file cannot be read after the last life: ${(e as Error).message}` });
      terminal = emptyTerminal();
    }
    // A last life that ran out of drainMs before its work settled (a starved machine, or a real hang)
    // is said as such, next to whatever the check finds open: the reader must not take a harness
    // limit for an engine fault, nor the other way round.
    const summary = events.filter((e) => e.event === 'summary').at(-1) as
      { settled?: boolean; waitedMs?: number; unresolvedActivations?: number; outbox?: { depth?: number } } | undefined;
    if (summary && summary.settled === false) {
      violations.push({
        rule: 'life-failed',
        detail: `the last life had not settled after ${summary.waitedMs} ms of draining: ${summary.unresolvedActivations ?? '?'} activation(s) unresolved, outbox depth ${summary.outbox?.depth ?? '?'}`,
      });
    }
    const evidence = { terminal, node: readNode(sim, nexo), events };
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
        byRule: Object.fromEntries(
          [...new Set(violations.map((v) => v.rule))].map((r) => [r, violations.filter((v) => v.rule === r).length]),
        ),
        crashes: lives.filter((l) => l.killed).length,
        recoveries: starts.filter((e) => e.life > 1 && recovered(e.recovery) > 0).length,
        recovered: starts.reduce((sum, e) => sum + recovered(e.recovery), 0),
      },
      evidence,
      dir: opts.keep ? dir : null,
      ...(storage ? { storage } : {}),
    };
  } finally {
    await sim.close();
    await nexo.close();
    if (mounted) {
      // A kept trial keeps its files: copied off the tmpfs before it goes.
      if (opts.keep) execFileSync('cp', ['-a', dataDir, `${dataDir}.kept`]);
      execFileSync('umount', [dataDir]);
    }
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** One line per violation, for test failures and the chaos report. */
export function explain(result: TrialResult): string {
  return [`${result.name}:`, ...result.violations.map((v) => `  [${v.rule}] ${v.detail}`)].join('\n');
}
