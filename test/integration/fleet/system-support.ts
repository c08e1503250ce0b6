/**
 * For the fleet's whole-system test: every part a real process. One shared node simulator
 * (`sportello sim`), terminals as `sportello serve` on their own data folders (configured for that
 * simulator with `sportello config sim --terminal ID`, so each has its own terminal id), driven over
 * their loopback API as the local owner (main/cli/remote.ts: the address and owner secret from
 * `<dataDir>/core.json`), and the back office as `sportello fleet`, reached over its web API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { HttpContractClient } from '../../../main/cli/remote';
import { readCoreAddress } from '../../../main/server';
import type { CallName, RequestOf, ResponseOf } from '../../../main/contract/calls';
import type { WireJournalEntry } from '../../../main/fleet/wire';
import { runCli, SPORTELLO_BIN, startServe, type RunningServe } from '../../support/cli';
import { freePort } from '../../support/mosquitto';
import { tempDir } from '../../support/tmp';

type T = { after(fn: () => unknown): void };

export async function until<V>(what: string, fn: () => Promise<V | null | undefined | false> | V | null | undefined | false, ms: number) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await sleep(200);
  }
}

/** A child process that prints one line when ready; killed when the test ends. */
function spawnSportello(
  t: T,
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; exited: Promise<unknown>; stderr: () => string } {
  const child = spawn(process.execPath, [SPORTELLO_BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (err = (err + s).slice(-20_000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  return { child, exited, stderr: () => err };
}

async function firstLine(child: ChildProcess, exited: Promise<unknown>, stderr: () => string, what: string): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  const line = await Promise.race([
    new Promise<string>((resolve) => lines.once('line', resolve)),
    exited.then(() => {
      throw new Error(`${what} exited before it was ready: ${stderr()}`);
    }),
  ]);
  lines.close();
  child.stdout!.resume();
  return line;
}

// --- the node simulator ---------------------------------------------------------------------------

export interface Simulator {
  url: string;
  endpoint: string;
  /** A new position of this creditor; returns the text a counter types (fiscalCode/noticeNumber). */
  addPosition(fiscalCode: string, amountCents: number): Promise<string>;
}

const COMPANY: Record<string, string> = {
  '77777777777': 'Comune di Borgo Esempio',
  '66666666666': 'Regione Esempio',
  '55555555555': 'Provincia di Esempio',
};

export async function startSimulator(t: T, dir: string): Promise<Simulator> {
  const port = await freePort();
  const p = spawnSportello(t, ['sim', '--port', String(port), '--db', join(dir, 'sim.db')], {});
  const url = `http://127.0.0.1:${port}`;
  await until(
    'the simulator',
    () =>
      httpJson('GET', `${url}/admin/health`).then(
        (r) => r.status === 200,
        () => false,
      ),
    30_000,
  );
  return {
    url,
    endpoint: `${url}/nodo-auth/node-for-psp/v1`,
    async addPosition(fiscalCode, amountCents) {
      const r = await httpJson('POST', `${url}/admin/positions`, {
        fiscalCode,
        companyName: COMPANY[fiscalCode] ?? 'Ente Esempio',
        paymentDescription: 'System test',
        dueDate: '2099-12-31',
        transfers: [{ amountCents, iban: 'IT60X0542811101000000123456', remittanceInformation: 'System test' }],
      });
      if (r.status !== 201) throw new Error(`position refused (${r.status}): ${JSON.stringify(r.body)}; ${p.stderr()}`);
      const pos = r.body as { fiscalCode: string; noticeNumber: string };
      return `${pos.fiscalCode}/${pos.noticeNumber}`;
    },
  };
}

export function httpJson(
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; headers: Record<string, string | string[] | undefined> }> {
  const text = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = raw;
          try {
            parsed = JSON.parse(raw);
          } catch {
            // not JSON: kept as text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${url}: no answer in 30 s`)));
    req.on('error', reject);
    req.end(text);
  });
}

// --- a terminal -----------------------------------------------------------------------------------

export interface Paid {
  fiscalCode: string;
  amountCents: number;
  method: 'cash' | 'card';
}

export class SystemTerminal {
  private serve: RunningServe | null = null;
  private client: HttpContractClient | null = null;
  readonly dir: string;
  readonly paid: Paid[] = [];

  constructor(
    private readonly t: T,
    readonly id: string,
    private readonly sim: Simulator,
  ) {
    this.dir = tempDir(t, `sportello-system-${id}-`);
    const r = runCli(['config', 'sim', '--url', sim.endpoint, '--terminal', id, '--json'], this.dir, { config: this.config });
    if (r.status !== 0) throw new Error(`config sim: ${r.stderr}`);
  }

  private get config(): string {
    return join(this.dir, 'config.json');
  }

  async start(): Promise<void> {
    this.serve = await startServe(this.t, this.dir, { config: this.config });
    const address = readCoreAddress(this.dir);
    if (!address) throw new Error(`${this.id}: no core.json after serve started`);
    this.client = new HttpContractClient(address, 60_000);
  }

  async kill(): Promise<void> {
    await this.serve?.kill();
    this.serve = null;
    this.client = null;
  }

  async stop(): Promise<void> {
    await this.serve?.stop();
    this.serve = null;
    this.client = null;
  }

  async call<N extends CallName>(name: N, req: RequestOf<N>): Promise<ResponseOf<N>> {
    if (!this.client) throw new Error(`${this.id} is not running`);
    const r = await this.client.call(name, req);
    if (!r.ok) throw new Error(`${this.id} ${name}: ${r.error.code} ${r.error.message}`);
    return r.value;
  }

  /** One counter payment of a fresh notice, until the node took its outcome. */
  async pay(fiscalCode: string, amountCents: number, method: 'cash' | 'card'): Promise<void> {
    const text = await this.sim.addPosition(fiscalCode, amountCents);
    const s = await this.call('session.start', { kind: 'counter' });
    await this.call('session.addNotice', { sessionId: s.id, text });
    const a = await this.call('session.activate', { sessionId: s.id });
    if (a.status !== 'activated') throw new Error(`${this.id}: activation ended ${a.status}`);
    await this.call('session.tender', { sessionId: s.id, method, givenCents: method === 'cash' ? amountCents + 1_000 : null });
    await until(
      `${this.id} session ${s.id} completed`,
      async () => (await this.call('session.get', { sessionId: s.id })).status === 'completed',
      60_000,
    );
    this.paid.push({ fiscalCode, amountCents, method });
  }
}

/** A stopped terminal's journal, straight from its SQLite file. */
export function readJournal(dir: string): WireJournalEntry[] {
  const db = new Database(join(dir, 'sportello.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT seq, at, kind, session_id, payload, prev_hash, hash FROM journal ORDER BY seq').all() as {
      seq: number;
      at: string;
      kind: string;
      session_id: string | null;
      payload: string;
      prev_hash: string;
      hash: string;
    }[];
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      kind: r.kind,
      sessionId: r.session_id,
      payload: JSON.parse(r.payload) as unknown,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
  } finally {
    db.close();
  }
}

// --- the back office ------------------------------------------------------------------------------

export class BackOfficeProcess {
  private proc: ReturnType<typeof spawnSportello> | null = null;
  private last: ReturnType<typeof spawnSportello> | null = null;
  private cookie = '';
  url = '';

  constructor(
    private readonly t: T,
    private readonly env: NodeJS.ProcessEnv,
    private readonly port: number,
  ) {}

  static async create(t: T, broker: string, database: string, prefix: string): Promise<BackOfficeProcess> {
    const env = { SPORTELLO_FLEET_BROKER: broker, SPORTELLO_FLEET_DATABASE: database, SPORTELLO_FLEET_PREFIX: prefix };
    const migrate = runCli(['fleet', 'migrate', '--json'], tempDir(t, 'sportello-bo-'), { env });
    if (migrate.status !== 0) throw new Error(`fleet migrate: ${migrate.stderr}`);
    const user = runCli(['fleet', 'user', 'add', 'psp', '--json'], tempDir(t, 'sportello-bo-'), {
      env: { ...env, SPORTELLO_FLEET_PASSWORD: 'system-test-password' },
    });
    if (user.status !== 0) throw new Error(`fleet user add: ${user.stderr}`);
    return new BackOfficeProcess(t, env, await freePort());
  }

  async start(): Promise<void> {
    const p = spawnSportello(this.t, ['fleet', '--json', '--listen', `127.0.0.1:${this.port}`], this.env);
    const banner = JSON.parse(await firstLine(p.child, p.exited, p.stderr, 'sportello fleet')) as { url: string };
    this.proc = this.last = p;
    this.url = banner.url;
    const login = await httpJson('POST', `${this.url}/api/login`, { name: 'psp', password: 'system-test-password' });
    if (login.status !== 200) throw new Error(`login: ${login.status}`);
    this.cookie = String(login.headers['set-cookie']).split(';')[0]!;
  }

  /** What the running (or last) process wrote on stderr: its log, for a failure's message. */
  log(): string {
    return this.last?.stderr() ?? '';
  }

  async kill(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p) return;
    p.child.kill('SIGKILL');
    await p.exited;
  }

  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p) return;
    p.child.kill('SIGTERM');
    await p.exited;
  }

  async get<V>(path: string): Promise<V> {
    const r = await httpJson('GET', `${this.url}${path}`, undefined, { Cookie: this.cookie });
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as V;
  }
}
