/** The default seed's notices by scenario, and a simulator per test. */
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../sim/simulator';

export const CF = '77777777777';
export const N = {
  single: '301020250000000129',
  canteen: '301020250000000230',
  permit: '301020250000000331',
  multi3: '301020250000000432',
  multi5: '301020250000000533',
  bollo: '301020250000000634',
  paid: '301020250000000735',
  expired: '301020250000000836',
  cancelled: '301020250000000937',
  postal: '301020250000001038',
  standin: '301020250000001139',
  changed: '301020250000001240',
  unreachable: '301020250000001341',
  badCheckDigit: '301020250000001443',
  unknown: '301020250000009934',
} as const;
export const STANDIN_CF = '33333333333';
export const UNREACHABLE_CF = '44444444444';
export const UNKNOWN_CF = '99999999999';
export const CCP = '001234567890';

export async function startSim(t: { after(fn: () => Promise<void> | void): void }, opts: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator(opts);
  t.after(() => sim.close());
  return sim;
}
