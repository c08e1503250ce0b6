// An engine wired to a real SQLite file and a real simulator over HTTP, as the core runs it.
import { join } from 'node:path';
import { openDatabase } from '../../db';
import type { SportelloDatabase } from '../../db';
import { NodeClient } from '../../main/node';
import type { NodeExchange } from '../../main/node';
import { Outbox, PaymentEngine } from '../../main/engine';
import type { EngineSettings, FeeRule } from '../../main/engine';
import { startSimulator } from '../../sim/simulator';
import type { Simulator } from '../../sim/simulator';
import { tempDir } from './tmp';

export interface Harness {
  sim: Simulator;
  db: SportelloDatabase;
  node: NodeClient;
  engine: PaymentEngine;
  outbox: Outbox;
  dir: string;
  /** Opens a second engine on the same files after the first was dropped (a restart). */
  restart(): Promise<Harness>;
}

type T = { after(fn: () => unknown): void };

export interface HarnessOptions {
  fees?: FeeRule;
  kind?: EngineSettings['terminalKind'];
  sim?: Simulator;
  dir?: string;
  timeoutMs?: number;
  /** How long after an activation request nobody asks again with its key (default: twice the timeout, as the core). */
  horizonMs?: number;
  /** The node's token lifetime the engine asks for (default 30 min). */
  tokenDurationMs?: number;
  /** Another channel the simulator knows (its extraPsps): e.g. an e-commerce one that sells @e.bollo. */
  creds?: { idPSP: string; idBrokerPSP: string; idChannel: string; password: string };
  /** Engine settings beyond the defaults (sellsStamps, touchPoint, paymentChannel...). */
  settings?: Partial<EngineSettings>;
  /** Sees every exchange's (masked) request: what actually went to the node. */
  onExchange?: (e: NodeExchange) => void;
}

export async function startHarness(t: T, opts: HarnessOptions = {}): Promise<Harness> {
  const sim = opts.sim ?? (await startSimulator({ port: 0 }));
  if (!opts.sim) t.after(() => sim.close());
  const dir = opts.dir ?? tempDir(t);
  const db = openDatabase(join(dir, 'sportello.db'));
  const c = { ...sim.credentials, ...opts.creds };
  const timeout = opts.timeoutMs ?? 2_000;
  const node = new NodeClient({
    endpoint: sim.url,
    subscriptionKey: c.subscriptionKey,
    idPSP: c.idPSP,
    idBrokerPSP: c.idBrokerPSP,
    idChannel: c.idChannel,
    password: c.password,
    pspFiscalCode: c.idBrokerPSP,
    timeoutsMs: { verifyPaymentNotice: timeout, activatePaymentNotice: timeout, sendPaymentOutcome: timeout },
    ...(opts.onExchange ? { onExchange: opts.onExchange } : {}),
  });
  const engine = new PaymentEngine(
    db,
    node,
    {
      terminalId: 'T01',
      terminalKind: opts.kind ?? 'counter',
      tokenDurationMs: opts.tokenDurationMs ?? 1_800_000,
      fees: opts.fees ?? { kind: 'flat', cents: 150 },
      isPoste: false,
      activationHorizonMs: opts.horizonMs ?? 2 * timeout,
      ...opts.settings,
    },
    () => Date.now(),
  );
  const outbox = new Outbox(engine, { retrySlotMs: 20, maxSleepMs: 200 });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await outbox.stop();
    node.close();
    db.close();
  };
  t.after(close);
  return {
    sim,
    db,
    node,
    engine,
    outbox,
    dir,
    async restart() {
      await close();
      return startHarness(t, { ...opts, sim, dir });
    },
  };
}

/** Waits until the outbox has nothing left to send (bounded: fails the test instead of hanging). */
export async function settle(h: Harness, limitMs = 20_000): Promise<void> {
  const start = Date.now();
  h.outbox.start();
  for (;;) {
    const p = h.db.outbox.pending();
    if (p.depth - p.needsDecision === 0) return;
    if (Date.now() - start > limitMs) throw new Error(`outbox did not settle: ${JSON.stringify(p)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
