/**
 * The real NodeClient wired to the real simulator: one simulator per test (port 0, closed after
 * it), clients built from its credentials (or deliberately wrong ones), the default seed's
 * notices by scenario, and helpers to read the admin API over HTTP.
 */
import assert from 'node:assert/strict';
import { NodeClient, NodeFault, type NodeClientConfig } from '../../../main/node';
import type { OutcomeDetailsV2, Primitive } from '../../../main/protocol';
import type { FaultAction } from '../../../main/protocol';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../sim/simulator';
import type { LogEntry } from '../../../sim/log';
import type { PositionView } from '../../../sim/view';

type Hooks = { after(fn: () => unknown): void };

/** The default seed (sim/seed/default.json): creditor 77777777777 unless said otherwise. */
export const CF = '77777777777';
export const N = {
  single: '301020250000000129',
  canteen: '301020250000000230',
  permit: '301020250000000331',
  multi3: '301020250000000432',
  paid: '301020250000000735',
  expired: '301020250000000836',
  postal: '301020250000001038',
  unreachable: '301020250000001341',
  unknown: '301020250000009934',
} as const;
export const AMOUNT = { single: 12000, canteen: 4550, permit: 25000, multi3: 9900, postal: 7380 } as const;
export const UNREACHABLE_CF = '44444444444';
export const UNKNOWN_CF = '99999999999';
export const CCP = '001234567890';

export async function startSim(t: Hooks, opts: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ port: 0, ...opts });
  t.after(() => sim.close());
  return sim;
}

/** A client for the simulator's channel; `override` swaps any field (a wrong password, a short timeout). */
export function clientFor(t: Hooks, sim: Simulator, override: Partial<NodeClientConfig> = {}): NodeClient {
  const c = sim.credentials;
  const node = new NodeClient({
    endpoint: sim.url,
    subscriptionKey: c.subscriptionKey,
    idPSP: c.idPSP,
    idBrokerPSP: c.idBrokerPSP,
    idChannel: c.idChannel,
    password: c.password,
    ...override,
  });
  t.after(() => node.close());
  return node;
}

/** What a counter sends with an OK: cash, a fee, today's dates. */
export function cashDetails(feeCents = 150): OutcomeDetailsV2 {
  const today = new Date().toISOString().slice(0, 10);
  return { paymentMethod: 'cash', paymentChannel: 'frontOffice', fee: feeCents, applicationDate: today, transferDate: today };
}

/** Awaits a rejection and returns the error, so the caller can look at every field. */
export async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail('the call succeeded where a failure was expected');
}

/** A NodeFault with this code (and, when given, this classification action); returned for more checks. */
export async function fault(p: Promise<unknown>, faultCode: string, action?: FaultAction, primitive?: Primitive): Promise<NodeFault> {
  const e = await failure(p);
  assert.ok(e instanceof NodeFault, `expected NodeFault ${faultCode}, got ${String(e)}`);
  assert.equal(e.faultCode, faultCode, e.message);
  assert.equal(e.sent, true);
  if (action !== undefined) assert.equal(e.classification.action, action, `${faultCode} classified`);
  if (primitive !== undefined) assert.equal(e.primitive, primitive);
  return e;
}

export function position(sim: Simulator, fiscalCode: string, noticeNumber: string): PositionView {
  const p = sim.position(fiscalCode, noticeNumber);
  assert.ok(p, `position ${fiscalCode}/${noticeNumber} exists`);
  return p;
}

/** The admin API over HTTP, as a technician's tool would read it. */
export async function adminGet<T>(sim: Simulator, path: string): Promise<T> {
  const res = await fetch(`${sim.adminUrl}${path}`);
  assert.equal(res.status, 200, `GET /admin${path}`);
  return (await res.json()) as T;
}

export async function adminLog(sim: Simulator, since = 0): Promise<LogEntry[]> {
  return (await adminGet<{ entries: LogEntry[] }>(sim, `/log${since ? `?since=${since}` : ''}`)).entries;
}

export const adminPosition = (sim: Simulator, fiscalCode: string, noticeNumber: string): Promise<PositionView> =>
  adminGet<PositionView>(sim, `/positions/${fiscalCode}/${noticeNumber}`);

/** A fresh payable notice at creditor 77777777777, so a test owns its position outright. */
export function freshNotice(
  sim: Simulator,
  amountCents = 2500,
  transfers = 1,
): { fiscalCode: string; noticeNumber: string; amountCents: number } {
  const parts = Array.from({ length: transfers }, (_, i) => ({
    amountCents: i === 0 ? amountCents - (transfers - 1) * 100 : 100,
    iban: 'IT60X0542811101000000123456',
    remittanceInformation: `Quota ${i + 1}`,
  }));
  const p = sim.addPosition({
    fiscalCode: CF,
    companyName: 'Comune di Borgo Esempio',
    paymentDescription: 'Test integrazione',
    transfers: parts,
  });
  return { fiscalCode: p.fiscalCode, noticeNumber: p.noticeNumber, amountCents: p.amountCents };
}
