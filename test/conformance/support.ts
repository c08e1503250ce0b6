/**
 * Shared by the conformance tests: the simulator's SOAP test client and seed fixtures, plus the
 * few steps every scenario repeats. Each test drives a real simulator over HTTP; every answer is
 * validated against the official XSD by the client.
 */
import assert from 'node:assert/strict';
import { assertOk, body, call, newKey, type Creds } from '../integration/sim/soap-client';
import { CF, N, startSim } from '../integration/sim/fixtures';
import type { Simulator } from '../../sim/simulator';

export { CF, N, startSim };
export { adminJson, assertFault, assertOk, body, call, newKey, type Parsed } from '../integration/sim/soap-client';

export const MIN = 60_000;
export const SEC = 1_000;

/** Current amounts of the seed notices the scenarios use. */
export const AMOUNT: Record<'single' | 'canteen' | 'permit' | 'bollo', string> = {
  single: '120.00',
  canteen: '45.50',
  permit: '250.00',
  bollo: '16.52',
};

/** A second channel of another PSP and broker: for "broker not associated to the PSP". */
export const OTHER: Creds = { idPSP: 'OTHERPSP', idBrokerPSP: '98765432109', idChannel: '98765432109_01', password: 'otherpass1' };

/** Activates the notice and returns its token (fails the test on a KO). */
export async function activated(
  sim: Simulator,
  notice: keyof typeof AMOUNT,
  a: { key?: string; expirationTime?: number; v2?: boolean; creds?: Creds } = {},
): Promise<string> {
  const r = await call(
    sim,
    body.activate(a.creds ?? sim.credentials, {
      fc: CF,
      nn: N[notice],
      amount: AMOUNT[notice],
      key: a.key ?? newKey(),
      ...(a.expirationTime !== undefined ? { expirationTime: a.expirationTime } : {}),
      ...(a.v2 ? { v2: true } : {}),
    }),
  );
  assertOk(r);
  assert.match(r.res.paymentToken, /^[0-9a-f]{32}$/);
  return r.res.paymentToken as string;
}

/** An OK outcome (v1) with the usual details; the answer, unchecked. */
export function okOutcome(sim: Simulator, token: string, key = newKey()) {
  return call(sim, body.outcome(sim.credentials, { token, outcome: 'OK', key, details: { fee: '2.00', paymentChannel: 'frontOffice' } }));
}

export function koOutcome(sim: Simulator, token: string, key = newKey()) {
  return call(sim, body.outcome(sim.credentials, { token, outcome: 'KO', key }));
}
